package io.jenkins.plugins.gitops.engine.health;

import static io.jenkins.plugins.gitops.engine.health.HealthStatus.Degraded;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.Healthy;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.Missing;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.Progressing;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.Suspended;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.Unknown;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStatusTest {

    @Test
    void sortsBestToWorstInArgoOrder() {
        List<HealthStatus> shuffled = new ArrayList<>(List.of(Unknown, Progressing, Healthy, Degraded, Missing, Suspended));
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactly(Healthy, Suspended, Progressing, Missing, Degraded, Unknown);
    }

    @Test
    void worstPicksTheWorseEitherWay() {
        assertThat(HealthStatus.worst(Healthy, Progressing)).isEqualTo(Progressing);
        assertThat(HealthStatus.worst(Degraded, Progressing)).isEqualTo(Degraded);
        assertThat(HealthStatus.worst(Missing, Suspended)).isEqualTo(Missing);
        assertThat(HealthStatus.worst(Unknown, Degraded)).isEqualTo(Unknown);
        assertThat(HealthStatus.worst(Suspended, Suspended)).isEqualTo(Suspended);
        assertThat(HealthStatus.worst(null, Suspended)).isEqualTo(Suspended);
        assertThat(HealthStatus.worst(Degraded, null)).isEqualTo(Degraded);
    }

    @Test
    void isWorseThanIsStrict() {
        assertThat(Progressing.isWorseThan(Healthy)).isTrue();
        assertThat(Degraded.isWorseThan(Healthy)).isTrue();
        assertThat(Progressing.isWorseThan(Degraded)).isFalse();
        assertThat(Healthy.isWorseThan(Healthy)).isFalse();
    }

    @Test
    void healthShowsStatusAndMessage() {
        assertThat(Health.degraded("boom")).hasToString("Degraded: boom");
        assertThat(Health.healthy()).hasToString("Healthy");
        assertThat(new Health(Progressing, null).message()).isEmpty();
    }
}
