package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.List;
import java.util.Objects;

/**
 * One node of a {@link ResourceTree}: a managed resource (a root, with a sync status) or a live object the
 * cluster created for it (a child such as a ReplicaSet or Pod, without sync status).
 *
 * <p>Invariants: a managed root always has a sync status, a child never has one; a node without live object
 * (a missing resource) has health Missing and no children; health is null for kinds that report none. Bean-style
 * getters so Jelly pages can read the fields as properties.
 */
public final class ResourceNode {

    private final ResourceKey key;
    private final String version;
    private final SyncStatus syncStatus;
    private final Health health;
    private final boolean hook;
    private final boolean requiresPruning;
    private final List<ResourceNode> children;

    ResourceNode(ResourceKey key, String version, SyncStatus syncStatus, Health health, boolean hook,
            boolean requiresPruning, List<ResourceNode> children) {
        this.key = Objects.requireNonNull(key, "key");
        this.version = version == null ? "" : version;
        this.syncStatus = syncStatus;
        this.health = health;
        this.hook = hook;
        this.requiresPruning = requiresPruning;
        this.children = List.copyOf(children);
    }

    public ResourceKey getKey() {
        return key;
    }

    public String getKind() {
        return key.kind();
    }

    /** API group, empty for the core group. */
    public String getGroup() {
        return key.group();
    }

    /** API version ({@code v1} of {@code apps/v1}); empty when the resource is missing and was never seen live. */
    public String getVersion() {
        return version;
    }

    /** Namespace, empty for cluster-scoped objects. */
    public String getNamespace() {
        return key.namespace();
    }

    public String getName() {
        return key.name();
    }

    /** Sync status of a managed resource; null for children. */
    public SyncStatus getSyncStatus() {
        return syncStatus;
    }

    /** Health status, or null when the kind reports no health. */
    public HealthStatus getHealthStatus() {
        return health == null ? null : health.status();
    }

    /** Health message, empty when there is none. */
    public String getHealthMessage() {
        return health == null ? "" : health.message();
    }

    /** Whether this is a managed resource (a root) rather than an object owned by one. */
    public boolean isManaged() {
        return syncStatus != null;
    }

    public boolean isHook() {
        return hook;
    }

    /** Whether the resource is live but no longer in Git and is to be pruned. */
    public boolean isRequiresPruning() {
        return requiresPruning;
    }

    /** Owned objects, sorted by name. */
    public List<ResourceNode> getChildren() {
        return children;
    }

    @Override
    public String toString() {
        return key + (health == null ? "" : " " + health.status()) + (syncStatus == null ? "" : " " + syncStatus);
    }
}
