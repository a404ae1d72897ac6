package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.List;
import java.util.Optional;

/**
 * The comparison of a whole application: one {@link ResourceDiff} per resource (sorted by key), the hooks that were
 * left out of the comparison, and warnings (such as a resource rendered twice).
 *
 * <p>Invariant: {@link #syncStatus()} is OutOfSync exactly when some resource that {@link ResourceDiff#affectsAppSync()
 * affects the app's sync status} is OutOfSync.
 */
public record DiffResult(List<ResourceDiff> resources, List<ResourceKey> hooks, List<String> warnings) {

    public DiffResult {
        resources = List.copyOf(resources);
        hooks = List.copyOf(hooks);
        warnings = List.copyOf(warnings);
    }

    /** Synced, or OutOfSync if any resource that counts is OutOfSync. */
    public SyncStatus syncStatus() {
        return resources.stream().anyMatch(r -> r.affectsAppSync() && r.modified())
                ? SyncStatus.OutOfSync
                : SyncStatus.Synced;
    }

    /** Resources that differ, in key order (including those that do not affect the app's status). */
    public List<ResourceDiff> outOfSync() {
        return resources.stream().filter(ResourceDiff::modified).toList();
    }

    /** Live resources tracked by the application that are no longer in Git. */
    public List<ResourceKey> requiresPruning() {
        return resources.stream().filter(ResourceDiff::requiresPruning).map(ResourceDiff::key).toList();
    }

    public Optional<ResourceDiff> resource(ResourceKey key) {
        return resources.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
