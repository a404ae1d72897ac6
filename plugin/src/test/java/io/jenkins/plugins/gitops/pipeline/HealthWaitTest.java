package io.jenkins.plugins.gitops.pipeline;

import static io.jenkins.plugins.gitops.TestStatuses.comparison;
import static io.jenkins.plugins.gitops.TestStatuses.operation;
import static io.jenkins.plugins.gitops.TestStatuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthWaitTest {

    static final long START = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();

    HealthWait wait = new HealthWait("web", START, 60, new LinkedHashMap<>());

    static AppStatus compared(HealthStatus health, long atMillis) {
        return status(comparison(SyncStatus.Synced, health, Instant.ofEpochMilli(atMillis), null, ""), null,
                List.of(), List.of(), null, null);
    }

    @Test
    void anUnregisteredApplicationFailsAtOnce() {
        HealthWait.Verdict v = wait.assess(null, START);
        assertThat(v.kind()).isEqualTo(HealthWait.Kind.FAIL);
        assertThat(v.message()).contains("'web' is not registered");
    }

    @Test
    void aComparisonOlderThanTheWaitDoesNotCount() {
        HealthWait.Verdict v = wait.assess(compared(HealthStatus.Healthy, START - 1), START + 1000);
        assertThat(v.kind()).isEqualTo(HealthWait.Kind.WAIT);
        assertThat(v.message()).contains("waiting for the controller to compare");
    }

    @Test
    void aRunningOperationKeepsWaitingEvenWhenHealthy() {
        AppStatus s = status(comparison(SyncStatus.Synced, HealthStatus.Healthy, Instant.ofEpochMilli(START + 10),
                null, ""), operation("Running", Instant.ofEpochMilli(START), null), List.of(), List.of(), null, null);
        HealthWait.Verdict v = wait.assess(s, START + 1000);
        assertThat(v.kind()).isEqualTo(HealthWait.Kind.WAIT);
        assertThat(v.message()).startsWith("operation Running");
    }

    @Test
    void aFreshHealthyComparisonEndsTheWaitAndCompletesTheResult() {
        HealthWait.Verdict v = wait.assess(compared(HealthStatus.Healthy, START + 10), START + 1000);
        assertThat(v.kind()).isEqualTo(HealthWait.Kind.HEALTHY);
        assertThat(wait.result()).containsEntry("health", "Healthy").containsEntry("sync", "Synced");
    }

    @Test
    void degradedKeepsWaitingUntilTheDeadlineThenFailsWithWhatWasSeen() {
        AppStatus degraded = compared(HealthStatus.Degraded, START + 10);
        assertThat(wait.assess(degraded, START + 59_000).kind()).isEqualTo(HealthWait.Kind.WAIT);
        HealthWait.Verdict v = wait.assess(degraded, START + 60_000);
        assertThat(v.kind()).isEqualTo(HealthWait.Kind.FAIL);
        assertThat(v.message()).isEqualTo("web did not become Healthy within 60s; last seen: "
                + "Degraded: Waiting for rollout, Synced");
    }

    @Test
    void pollingBacksOffToFifteenSeconds() {
        assertThat(List.of(wait.nextPollMs(), wait.nextPollMs(), wait.nextPollMs())).containsExactly(2000L, 3000L,
                4500L);
        for (int i = 0; i < 10; i++) {
            wait.nextPollMs();
        }
        assertThat(wait.nextPollMs()).isEqualTo(15_000L);
    }

    @Test
    void reportsAStateOnlyWhenItChanges() {
        assertThat(wait.reportable("Progressing")).isTrue();
        assertThat(wait.reportable("Progressing")).isFalse();
        assertThat(wait.reportable("Healthy")).isTrue();
    }
}
