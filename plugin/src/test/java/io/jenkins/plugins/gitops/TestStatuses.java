package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.DriftEvent;
import io.jenkins.plugins.gitops.engine.reconcile.SelfHealPause;
import io.jenkins.plugins.gitops.engine.view.ResourceTree;
import java.time.Instant;
import java.util.List;

/** Builders of engine snapshots for view-model tests: one Application, comparisons and statuses around it. */
public final class TestStatuses {

    public static final String APP_YAML = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: web
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: https://git.example.com/shop.git
                path: deploy/web
                targetRevision: main
              destination:
                name: prod
                namespace: shop
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
            """;

    private TestStatuses() {}

    public static Application application() {
        return ArgoDocuments.parseApplication(APP_YAML, "web.yaml");
    }

    public static AppComparison comparison(SyncStatus sync, HealthStatus health, Instant at, ResourceTree tree,
            String diff) {
        return new AppComparison("web", "1a2b3c4d5e6f", "main", "Scale web to 3\n\nLonger body", "ana", at, sync,
                new Health(health, health == HealthStatus.Healthy ? "" : "Waiting for rollout"),
                List.<ResourceStatus>of(), tree, diff, null, at);
    }

    public static AppComparison failed(String error, Instant at) {
        return new AppComparison("web", null, "main", null, null, null, SyncStatus.Unknown,
                Health.unknown(""), List.of(), null, "", error, at);
    }

    public static AppStatus status(AppComparison c, OperationRecord op, List<HistoryEntry> history,
            List<DriftEvent> drift, SelfHealPause pause, Instant nextSelfHealAt) {
        return new AppStatus("web", "team/deploy", application(), c, op, false, history, drift, List.of(),
                "in sync", pause, nextSelfHealAt, c == null ? null : c.comparedAt(), null);
    }

    public static OperationRecord operation(String phase, Instant started, Instant finished) {
        return new OperationRecord(phase, phase + " message", "1a2b3c4d5e6f", "team/deploy #3", started, finished,
                null);
    }
}
