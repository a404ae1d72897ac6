package io.jenkins.plugins.gitops.dashboard;

import static io.jenkins.plugins.gitops.TestStatuses.comparison;
import static io.jenkins.plugins.gitops.TestStatuses.operation;
import static io.jenkins.plugins.gitops.TestStatuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.DriftEvent;
import io.jenkins.plugins.gitops.engine.reconcile.SelfHealPause;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationViewTest {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    static HistoryEntry deployed(long id, String rev, Instant at) {
        return new HistoryEntry(id, rev, "https://git.example.com/shop.git", "deploy/web", "main", at.minusSeconds(5),
                at, "team/deploy #" + id, false, "commit " + id + "\nbody");
    }

    @Test
    void anApplicationNotComparedYetIsUnknownWithoutRevision() {
        AppStatus s = status(null, null, List.of(), List.of(), null, null);

        ApplicationRow row = ApplicationRow.of(s, NOW);

        assertThat(row.getHealth()).isEqualTo("Unknown");
        assertThat(row.getSync()).isEqualTo("Unknown");
        assertThat(row.getRevision()).isEmpty();
        assertThat(row.getLastSync()).isEmpty();
        assertThat(new ApplicationView(s, NOW).isCompared()).isFalse();
    }

    @Test
    void rowShowsLatestDeploymentDriftAndSelfHeal() {
        AppStatus s = status(comparison(SyncStatus.OutOfSync, HealthStatus.Healthy, NOW, null, "+a\n"),
                operation("Succeeded", NOW.minusSeconds(400), NOW.minusSeconds(300)),
                List.of(deployed(1, "aaaaaaaa", NOW.minus(Duration.ofHours(3))), deployed(2, "bbbbbbbb", NOW.minusSeconds(300))),
                List.of(new DriftEvent(NOW.minusSeconds(60), new ResourceKey("apps", "Deployment", "shop", "web"),
                        List.of("spec.replicas"), "kubectl-edit", "Update", "reverted")),
                null, null);

        ApplicationRow row = ApplicationRow.of(s, NOW);

        assertThat(row.getLastSync()).isEqualTo("5 min ago");
        assertThat(row.getLastSyncExact()).isEqualTo("2025-03-01 09:55:00 UTC");
        assertThat(row.getDriftCount()).isEqualTo(1);
        assertThat(row.getSelfHeal()).isEqualTo("on");
        assertThat(row.getOperation()).isEqualTo("Succeeded");
    }

    @Test
    void selfHealShowsAPauseAndABackoff() {
        AppStatus paused = status(null, null, List.of(), List.of(),
                new SelfHealPause(NOW.plus(Duration.ofMinutes(25)), "ana", "incident 42"), null);
        assertThat(ApplicationRow.of(paused, NOW).getSelfHeal()).isEqualTo("paused for 25 min by ana");
        assertThat(new ApplicationView(paused, NOW).getSelfHealPause())
                .isEqualTo("paused, ends in 25 min (2025-03-01 10:25:00 UTC), by ana: incident 42");

        AppStatus backoff = status(null, null, List.of(), List.of(), null, NOW.plusSeconds(30));
        assertThat(ApplicationRow.of(backoff, NOW).getSelfHeal()).isEqualTo("on, retry in 30 s");
    }

    @Test
    void historyIsNewestFirstWithTheCurrentDeploymentMarked() {
        AppStatus s = status(null, null,
                List.of(deployed(1, "aaaaaaaaaa", NOW.minusSeconds(7200)), deployed(2, "bbbbbbbbbb", NOW.minusSeconds(60))),
                List.of(), null, null);

        List<ApplicationView.HistoryRow> history = new ApplicationView(s, NOW).getHistory();

        assertThat(history).extracting(ApplicationView.HistoryRow::getId).containsExactly(2L, 1L);
        assertThat(history).extracting(ApplicationView.HistoryRow::isCurrent).containsExactly(true, false);
        assertThat(history.get(1).getRevision()).isEqualTo("aaaaaaa");
        assertThat(history.get(1).getCommitMessage()).isEqualTo("commit 1");
        assertThat(history.get(1).getDeployedAt()).isEqualTo("2 h ago");
    }

    @Test
    void driftNamesWhoChangedWhatNewestFirst() {
        AppStatus s = status(null, null, List.of(), List.of(
                new DriftEvent(NOW.minusSeconds(600), new ResourceKey("", "ConfigMap", "shop", "settings"),
                        List.of("data.color"), "", "", "reported"),
                new DriftEvent(NOW.minusSeconds(60), new ResourceKey("apps", "Deployment", "shop", "web"),
                        List.of("spec.replicas", "spec.template.spec.containers[0].image"), "kubectl-edit", "Update",
                        "reverted")), null, null);

        List<ApplicationView.DriftRow> drift = new ApplicationView(s, NOW).getDriftEvents();

        assertThat(drift).extracting(ApplicationView.DriftRow::getResource)
                .containsExactly("apps/Deployment shop/web", "ConfigMap shop/settings");
        assertThat(drift.get(0).getChangedBy()).isEqualTo("kubectl-edit / Update");
        assertThat(drift.get(0).getFields()).isEqualTo("spec.replicas, spec.template.spec.containers[0].image");
        assertThat(drift.get(1).getChangedBy()).isEqualTo("unknown");
    }

    @Test
    void sourceAndDestinationComeFromTheApplication() {
        ApplicationView v = new ApplicationView(status(null, null, List.of(), List.of(), null, null), NOW);
        assertThat(v.getRepoUrl()).isEqualTo("https://git.example.com/shop.git");
        assertThat(v.getTargetRevision()).isEqualTo("main");
        assertThat(v.getDestination()).isEqualTo("prod / shop");
        assertThat(v.isAutomated()).isTrue();
        assertThat(v.isSelfHealEnabled()).isTrue();
    }
}
