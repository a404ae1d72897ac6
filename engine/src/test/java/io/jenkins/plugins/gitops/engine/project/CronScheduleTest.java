package io.jenkins.plugins.gitops.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static LocalDateTime t(String iso) {
        return LocalDateTime.parse(iso);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // schedule          | after              | next
        "*/15 * * * *        | 2024-03-06T10:07   | 2024-03-06T10:15",
        "0 9 * * MON-FRI     | 2024-03-08T09:00   | 2024-03-11T09:00", // Friday 09:00 -> Monday (strictly after)
        "30 2 1 */3 *        | 2024-02-10T00:00   | 2024-04-01T02:30", // months 1,4,7,10
        "0 0 29 2 *          | 2024-03-01T00:00   | 2028-02-29T00:00",
        "0 12 13 * FRI       | 2024-03-06T00:00   | 2024-03-08T12:00", // dom OR dow when both are restricted
        "0 12 * * 0          | 2024-03-06T00:00   | 2024-03-10T12:00", // 0 is Sunday
        "5-10/5 8 * jan,MAR * | 2024-03-06T08:05  | 2024-03-06T08:10",
        "10/20 * * * *       | 2024-03-06T08:31   | 2024-03-06T08:50", // a/n runs from a to the maximum
        "@daily              | 2024-12-31T23:59   | 2025-01-01T00:00",
        "@hourly             | 2024-03-06T08:00   | 2024-03-06T09:00",
    })
    void nextOccurrence(String schedule, String after, String next) {
        assertThat(CronSchedule.parse(schedule).next(t(after))).contains(t(next));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 22 * * *      | 2024-03-06T23:10 | 2024-03-06T22:00",
        "0 22 * * *      | 2024-03-06T22:00 | 2024-03-06T22:00", // at or before
        "0 22 * * *      | 2024-03-06T21:59 | 2024-03-05T22:00",
        "0 9 * * MON-FRI | 2024-03-10T12:00 | 2024-03-08T09:00",
    })
    void previousOrSameOccurrence(String schedule, String at, String previous) {
        assertThat(CronSchedule.parse(schedule).previousOrSame(t(at))).contains(t(previous));
    }

    @Test
    void matchesIgnoresSeconds() {
        CronSchedule s = CronSchedule.parse("0 22 * * *");
        assertThat(s.matches(t("2024-03-06T22:00:30"))).isTrue();
        assertThat(s.matches(t("2024-03-06T22:01"))).isFalse();
    }

    @Test
    void impossibleDateHasNoOccurrence() {
        assertThat(CronSchedule.parse("0 0 31 2 *").next(t("2024-01-01T00:00"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "61 * * * *   | minute field '61': 61 is out of range 0-59",
        "0 24 * * *   | hour field '24': 24 is out of range 0-23",
        "0 0 0 * *    | day-of-month field '0': 0 is out of range 1-31",
        "0 0 * FOO *  | month field 'FOO': 'FOO' is not a valid value",
        "0 0 * * 7    | day-of-week field '7': 7 is out of range 0-6",
        "*/0 * * * *  | minute field '*/0': step must be positive",
        "5-1 * * * *  | minute field '5-1': range start 5 is after its end 1",
        "0 0 * *      | expected 5 fields (minute hour day-of-month month day-of-week), found 4",
    })
    void invalidScheduleNamesTheField(String schedule, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(schedule))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid cron schedule '" + schedule + "': " + message);
    }
}
