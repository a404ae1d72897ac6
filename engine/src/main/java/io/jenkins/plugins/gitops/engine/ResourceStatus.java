package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.List;

/**
 * One managed resource in an application's status (Argo CD's {@code status.resources[]}): identity, sync status,
 * health (null for kinds without health), whether it must be pruned, and - when OutOfSync - the field paths that
 * differ with their reason ({@code spec.replicas: changed}), never empty for an OutOfSync resource.
 */
public record ResourceStatus(String group, String version, String kind, String namespace, String name,
        SyncStatus status, HealthStatus health, String healthMessage, boolean requiresPruning, boolean hook,
        List<String> diffPaths) {

    public ResourceKey key() {
        return new ResourceKey(group, kind, namespace, name);
    }
}
