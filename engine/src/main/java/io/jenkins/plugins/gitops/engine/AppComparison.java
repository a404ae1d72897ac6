package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.view.ResourceTree;
import java.time.Instant;
import java.util.List;

/**
 * The result of comparing an application's desired state (Git at {@code revision}) with its live state: what the
 * pages, {@code gitops diff} and {@code gitops status} show. Invariant: when rendering or the cluster failed,
 * {@code syncStatus} is Unknown and {@code error} says why (naming the file, field or resource); resources and tree
 * are then empty. {@code diff} is the unified diff of all OutOfSync resources with Secret values masked.
 * {@code conditions} are warnings and spec errors that did not stop the comparison (Argo CD's
 * {@code status.conditions}), such as a resource produced by two sources or one without a namespace. A multi-source
 * application also has {@code revisions}: the commit of every source in {@code spec.sources} order (Argo CD's
 * {@code status.sync.revisions}); it is empty for a single source.
 */
public record AppComparison(
        String app,
        String revision,
        String targetRevision,
        String commitMessage,
        String commitAuthor,
        Instant commitDate,
        SyncStatus syncStatus,
        Health health,
        List<ResourceStatus> resources,
        ResourceTree tree,
        String diff,
        String error,
        Instant comparedAt,
        List<ComparisonCondition> conditions,
        List<String> revisions) {

    public AppComparison {
        resources = List.copyOf(resources);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
    }

    /** A comparison without per-source revisions. */
    public AppComparison(String app, String revision, String targetRevision, String commitMessage, String commitAuthor,
            Instant commitDate, SyncStatus syncStatus, Health health, List<ResourceStatus> resources, ResourceTree tree,
            String diff, String error, Instant comparedAt, List<ComparisonCondition> conditions) {
        this(app, revision, targetRevision, commitMessage, commitAuthor, commitDate, syncStatus, health, resources,
                tree, diff, error, comparedAt, conditions, List.of());
    }

    /** A copy with the commit of every source (multi-source applications). */
    public AppComparison withRevisions(List<String> perSource) {
        return new AppComparison(app, revision, targetRevision, commitMessage, commitAuthor, commitDate, syncStatus,
                health, resources, tree, diff, error, comparedAt, conditions, perSource);
    }

    /** A comparison without conditions. */
    public AppComparison(String app, String revision, String targetRevision, String commitMessage, String commitAuthor,
            Instant commitDate, SyncStatus syncStatus, Health health, List<ResourceStatus> resources, ResourceTree tree,
            String diff, String error, Instant comparedAt) {
        this(app, revision, targetRevision, commitMessage, commitAuthor, commitDate, syncStatus, health, resources,
                tree, diff, error, comparedAt, List.of());
    }

    /**
     * This (last good) comparison, now stale: the latest refresh failed with {@code failure}'s error (Git unreachable,
     * a tag deleted, the API server down). Sync status becomes Unknown and the error says why; resources, tree,
     * revision and health stay as last seen, so a page keeps showing what is deployed instead of an empty application.
     */
    public AppComparison staleAfter(AppComparison failure) {
        return new AppComparison(app, revision, failure.targetRevision(), commitMessage, commitAuthor, commitDate,
                SyncStatus.Unknown, health, resources, tree, "", failure.error(), failure.comparedAt(), conditions);
    }

    public boolean inSync() {
        return syncStatus == SyncStatus.Synced;
    }

    /** Short commit id for display. */
    public String shortRevision() {
        return revision == null ? "" : revision.substring(0, Math.min(7, revision.length()));
    }

    public List<ResourceStatus> outOfSync() {
        return resources.stream().filter(r -> r.status() == SyncStatus.OutOfSync).toList();
    }
}
