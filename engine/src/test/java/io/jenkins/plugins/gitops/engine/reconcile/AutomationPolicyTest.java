package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutomationPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final SyncPolicy AUTO = policy(true, true, false);
    final AutomationPolicy policy = new AutomationPolicy(SelfHealBackoff.DEFAULT);

    static SyncPolicy policy(boolean prune, boolean selfHeal, boolean allowEmpty) {
        return new SyncPolicy(new SyncPolicy.Automated(prune, selfHeal, allowEmpty, true), List.of(), null, null);
    }

    static ResourceStatus res(String name, SyncStatus s, boolean prune) {
        return new ResourceStatus("apps", "v1", "Deployment", "ns", name, s, HealthStatus.Healthy, "", prune, false,
                s == SyncStatus.OutOfSync ? List.of("spec.replicas: changed") : List.of());
    }

    static AutomationInput input(SyncPolicy p, List<ResourceStatus> rs, int desired, AutoSyncAttempt last,
            SelfHealPause pause) {
        SyncStatus app = rs.stream().anyMatch(r -> r.status() == SyncStatus.OutOfSync) ? SyncStatus.OutOfSync
                : SyncStatus.Synced;
        return new AutomationInput(p, app, rs, "abc1234def", "repo|path|main", desired, last, false, pause, NOW);
    }

    @Test
    void newRevisionIsSyncedOnce() {
        AutomationDecision d = policy.decide(input(AUTO, List.of(res("web", SyncStatus.OutOfSync, false)), 1, null, null));
        assertThat(d.action()).isEqualTo(AutomationDecision.Action.SYNC);
        assertThat(d.reason()).isEqualTo("auto-sync to abc1234");
    }

    @Test
    void syncedAppsAndManualAppsAreLeftAlone() {
        assertThat(policy.decide(input(AUTO, List.of(res("web", SyncStatus.Synced, false)), 1, null, null)).action())
                .isEqualTo(AutomationDecision.Action.NONE);
        assertThat(policy.decide(input(SyncPolicy.NONE, List.of(res("web", SyncStatus.OutOfSync, false)), 1, null,
                null)).reason()).contains("not enabled");
    }

    @Test
    void failedAttemptIsNotRepeatedForTheSameRevision() {
        AutoSyncAttempt failed = new AutoSyncAttempt("abc1234def", "repo|path|main", false, NOW.minusSeconds(600), 0);
        AutomationDecision d = policy.decide(input(AUTO, List.of(res("web", SyncStatus.OutOfSync, false)), 1, failed, null));
        assertThat(d.action()).isEqualTo(AutomationDecision.Action.NONE);
        assertThat(d.reason()).contains("failed").contains("not retried");
        AutoSyncAttempt otherSource = new AutoSyncAttempt("abc1234def", "repo|other|main", false, NOW, 0);
        assertThat(policy.decide(input(AUTO, List.of(res("web", SyncStatus.OutOfSync, false)), 1, otherSource, null))
                .action()).isEqualTo(AutomationDecision.Action.SYNC);
    }

    @Test
    void withoutPruneOnlyPruningLeavesAppOutOfSync() {
        AutomationDecision d = policy.decide(input(policy(false, true, false),
                List.of(res("old", SyncStatus.OutOfSync, true)), 1, null, null));
        assertThat(d.action()).isEqualTo(AutomationDecision.Action.NONE);
        assertThat(d.reason()).contains("automated.prune is false");
    }

    @Test
    void allowEmptyGuardRefusesWipingTheApp() {
        List<ResourceStatus> allPruned = List.of(res("a", SyncStatus.OutOfSync, true), res("b", SyncStatus.OutOfSync, true));
        assertThat(policy.decide(input(AUTO, allPruned, 0, null, null)).reason()).contains("allowEmpty is false");
        assertThat(policy.decide(input(policy(true, true, true), allPruned, 0, null, null)).action())
                .isEqualTo(AutomationDecision.Action.SYNC);
    }

    @Test
    void selfHealRepairsOnlyDriftedResourcesAfterBackoff() {
        AutoSyncAttempt ok = new AutoSyncAttempt("abc1234def", "repo|path|main", true, NOW.minusSeconds(1), 0);
        List<ResourceStatus> drift = List.of(res("web", SyncStatus.OutOfSync, false), res("db", SyncStatus.Synced, false));
        AutomationDecision early = policy.decide(input(AUTO, drift, 2, ok, null));
        assertThat(early.action()).isEqualTo(AutomationDecision.Action.WAIT);
        assertThat(early.notBefore()).isEqualTo(NOW.plusSeconds(1));

        AutoSyncAttempt later = new AutoSyncAttempt("abc1234def", "repo|path|main", true, NOW.minusSeconds(3), 0);
        AutomationDecision heal = policy.decide(input(AUTO, drift, 2, later, null));
        assertThat(heal.action()).isEqualTo(AutomationDecision.Action.SELF_HEAL);
        assertThat(heal.resources()).extracting(k -> k.name()).containsExactly("web");
    }

    @Test
    void withoutSelfHealDriftIsOnlyReported() {
        AutoSyncAttempt ok = new AutoSyncAttempt("abc1234def", "repo|path|main", true, NOW.minusSeconds(600), 0);
        assertThat(policy.decide(input(policy(true, false, false), List.of(res("web", SyncStatus.OutOfSync, false)), 1,
                ok, null)).reason()).contains("selfHeal is off");
    }

    @Test
    void pausedSelfHealReportsUntilThePauseExpires() {
        AutoSyncAttempt ok = new AutoSyncAttempt("abc1234def", "repo|path|main", true, NOW.minusSeconds(600), 0);
        SelfHealPause pause = new SelfHealPause(NOW.plus(Duration.ofMinutes(30)), "ada", "incident 42");
        AutomationDecision paused = policy.decide(input(AUTO, List.of(res("web", SyncStatus.OutOfSync, false)), 1, ok, pause));
        assertThat(paused.action()).isEqualTo(AutomationDecision.Action.NONE);
        assertThat(paused.reason()).contains("paused by ada").contains("incident 42");
        SelfHealPause expired = new SelfHealPause(NOW.minusSeconds(1), "ada", "");
        assertThat(policy.decide(input(AUTO, List.of(res("web", SyncStatus.OutOfSync, false)), 1, ok, expired)).action())
                .isEqualTo(AutomationDecision.Action.SELF_HEAL);
    }

    @Test
    void backoffGrowsThreefoldAndIsCapped() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6).stream().map(SelfHealBackoff.DEFAULT::delay).map(Duration::toSeconds))
                .containsExactly(2L, 6L, 18L, 54L, 162L, 300L, 300L);
    }
}
