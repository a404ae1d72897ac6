package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a followed log again from a cursor returns exactly the lines after it. */
class LogCursorTest {

    static final String LOG = """
            2026-12-05T22:00:00.1Z one
            2026-12-05T22:00:01Z two
            2026-12-05T22:00:01Z three
            2026-12-05T22:00:02.000000123Z four
            """;

    @Test
    void fromTheStart_everyLineWithoutItsTimestamp_andTheCursorCountsLinesOfTheLastInstant() {
        LogCursor.Read read = LogCursor.START.after(LOG);
        assertThat(read.text()).isEqualTo("one\ntwo\nthree\nfour\n");
        assertThat(read.lines()).isEqualTo(4);
        assertThat(read.next().toString()).isEqualTo("2026-12-05T22:00:02.000000123Z/1");
    }

    @Test
    void aCursorInsideAnInstantSkipsTheLinesOfThatInstantAlreadyRead() {
        LogCursor afterTwo = new LogCursor(Instant.parse("2026-12-05T22:00:01Z"), 1);
        assertThat(afterTwo.sinceTime()).isEqualTo("2026-12-05T22:00:01Z");
        // the kubelet answers sinceTime with every line of that second onwards
        String again = LOG.substring(LOG.indexOf("2026-12-05T22:00:01Z two"));
        LogCursor.Read read = afterTwo.after(again);
        assertThat(read.text()).isEqualTo("three\nfour\n");
        assertThat(read.next()).isEqualTo(new LogCursor(Instant.parse("2026-12-05T22:00:02.000000123Z"), 1));
        // nothing new: nothing returned, the cursor stays
        LogCursor.Read none = read.next().after("2026-12-05T22:00:02.000000123Z four\n");
        assertThat(none.text()).isEmpty();
        assertThat(none.next()).isEqualTo(read.next());
    }

    @Test
    void linesOfTheCursorsInstantBeyondTheOnesReadAreNew_andTheCountGrows() {
        LogCursor c = new LogCursor(Instant.parse("2026-12-05T22:00:01Z"), 1);
        LogCursor.Read read = c.after("2026-12-05T22:00:01Z two\n2026-12-05T22:00:01Z three\n");
        assertThat(read.text()).isEqualTo("three\n");
        assertThat(read.next().toString()).isEqualTo("2026-12-05T22:00:01Z/2");
    }

    @Test
    void anIncompleteLastLineWaitsForTheNextRead_andALineWithoutTimestampIsKeptAsItIs() {
        LogCursor.Read read = LogCursor.START.after("2026-12-05T22:00:00Z a\nplain text\n2026-12-05T22:00:03Z cut o");
        assertThat(read.text()).isEqualTo("a\nplain text\n");
        assertThat(read.next().toString()).isEqualTo("2026-12-05T22:00:00Z/1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                      | ''",
            "2026-12-05T22:00:01Z/2  | 2026-12-05T22:00:01Z/2",
            "2026-12-05T22:00:01.5Z/0 | 2026-12-05T22:00:01.500Z/0"})
    void parsesItsTextForm(String text, String expected) {
        assertThat(LogCursor.parse(text)).get().hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"yesterday/1", "2026-12-05T22:00:01Z/-1", "2026-12-05T22:00:01Z", "/3", "2026-12-05T22:00:01Z/x"})
    void refusesAnythingElse(String text) {
        assertThat(LogCursor.parse(text)).isEmpty();
    }
}
