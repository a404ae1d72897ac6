package io.jenkins.plugins.gitops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void relativeTimesPickTheLargestWholeUnit() {
        assertThat(Times.relative(NOW.minusSeconds(42), NOW)).isEqualTo("42 s ago");
        assertThat(Times.relative(NOW.minusSeconds(190), NOW)).isEqualTo("3 min ago");
        assertThat(Times.relative(NOW.minusSeconds(5 * 3600 + 10), NOW)).isEqualTo("5 h ago");
        assertThat(Times.relative(NOW.minusSeconds(2 * 86_400), NOW)).isEqualTo("2 d ago");
        assertThat(Times.relative(NOW.plusSeconds(120), NOW)).isEqualTo("in 2 min");
        assertThat(Times.relative(null, NOW)).isEmpty();
    }

    @Test
    void exactTimesAreUtc() {
        assertThat(Times.exact(NOW)).isEqualTo("2025-03-01 10:00:00 UTC");
    }
}
