package io.jenkins.plugins.gitops.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthChecks;
import io.jenkins.plugins.gitops.engine.health.HookAnnotations;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link ResourceTree} from an application's managed resources and the other live objects of the
 * cluster (ReplicaSets, Pods, EndpointSlices, ...).
 *
 * <p>A live object becomes a child only through its {@code metadata.ownerReferences}: it hangs below the owner
 * whose uid its controller reference (or else its first resolvable reference) names, recursively. Nothing else
 * links objects: a Service is a root with its EndpointSlices below it, never with the Deployment it selects, and
 * a live object whose owners are not part of the tree (unknown uid, or no owner at all) is left out. Each object
 * appears at most once, so even a malformed ownership cycle terminates.
 */
public final class ResourceTreeBuilder {

    /**
     * One managed resource: a root of the tree.
     *
     * @param key             identity as declared in Git (or tracked live)
     * @param live            the live object, null when missing from the cluster
     * @param syncStatus      its sync status, not null
     * @param requiresPruning live but no longer in Git
     * @param hook            whether it is a sync hook
     * @param health          its health when known otherwise than from the live object (a child Application's own
     *                        health, app of apps), else null: assessed from the live object
     */
    public record Managed(ResourceKey key, KubeObject live, SyncStatus syncStatus, boolean requiresPruning,
            boolean hook, Health health) {
        public Managed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(syncStatus, "syncStatus of " + key);
        }

        public Managed(ResourceKey key, KubeObject live, SyncStatus syncStatus, boolean requiresPruning,
                boolean hook) {
            this(key, live, syncStatus, requiresPruning, hook, null);
        }

        /** A managed resource whose hook flag is read from the live object's annotations. */
        public Managed(ResourceKey key, KubeObject live, SyncStatus syncStatus, boolean requiresPruning) {
            this(key, live, syncStatus, requiresPruning, HookAnnotations.isHook(live));
        }
    }

    private static final Comparator<ResourceNode> ROOT_ORDER = Comparator.comparing(ResourceNode::getKind)
            .thenComparing(ResourceNode::getName)
            .thenComparing(ResourceNode::getNamespace)
            .thenComparing(ResourceNode::getGroup);

    private static final Comparator<KubeObject> CHILD_ORDER = Comparator.comparing(KubeObject::name)
            .thenComparing(KubeObject::kind)
            .thenComparing(KubeObject::namespace)
            .thenComparing(KubeObject::group);

    private final HealthChecks checks;

    public ResourceTreeBuilder(HealthChecks checks) {
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    public ResourceTreeBuilder() {
        this(HealthChecks.defaults());
    }

    /**
     * The tree of {@code managed} resources with the objects of {@code liveObjects} they own below them.
     *
     * @param managed     the application's managed resources
     * @param liveObjects other live objects, typically everything in the application's namespaces; those owned by
     *                    nothing in the tree are ignored, and managed objects among them are not repeated
     */
    public ResourceTree build(List<Managed> managed, Collection<KubeObject> liveObjects) {
        Set<String> managedUids = new HashSet<>();
        Set<ResourceKey> managedKeys = new HashSet<>();
        for (Managed m : managed) {
            managedKeys.add(m.key());
            if (m.live() != null && !m.live().uid().isEmpty()) {
                managedUids.add(m.live().uid());
            }
        }
        List<KubeObject> others = liveObjects.stream()
                .filter(o -> !managedUids.contains(o.uid()) && !managedKeys.contains(o.key()))
                .toList();
        Map<String, List<KubeObject>> childrenByOwnerUid = childrenByOwnerUid(managedUids, others);

        Set<KubeObject> placed = new HashSet<>();
        List<ResourceNode> roots = new ArrayList<>();
        for (Managed m : managed) {
            roots.add(root(m, childrenByOwnerUid, placed));
        }
        roots.sort(ROOT_ORDER);
        return new ResourceTree(roots);
    }

    private ResourceNode root(Managed m, Map<String, List<KubeObject>> childrenByOwnerUid, Set<KubeObject> placed) {
        if (m.live() == null) {
            return new ResourceNode(m.key(), "", m.syncStatus(), m.health() != null ? m.health() : Health.missing(""),
                    m.hook(), m.requiresPruning(), List.of());
        }
        Health health = m.health() != null ? m.health() : checks.assess(m.live()).orElse(null);
        return new ResourceNode(m.key(), m.live().version(), m.syncStatus(), health, m.hook(), m.requiresPruning(),
                children(m.live(), childrenByOwnerUid, placed));
    }

    private List<ResourceNode> children(KubeObject owner, Map<String, List<KubeObject>> childrenByOwnerUid,
            Set<KubeObject> placed) {
        if (owner.uid().isEmpty()) {
            return List.of();
        }
        List<ResourceNode> nodes = new ArrayList<>();
        for (KubeObject child : childrenByOwnerUid.getOrDefault(owner.uid(), List.of())) {
            if (!placed.add(child)) {
                continue;
            }
            Health health = checks.assess(child).orElse(null);
            nodes.add(new ResourceNode(child.key(), child.version(), null, health, HookAnnotations.isHook(child),
                    false, children(child, childrenByOwnerUid, placed)));
        }
        return nodes;
    }

    /** Each object under one owner: its controller reference when resolvable, else its first resolvable one. */
    private static Map<String, List<KubeObject>> childrenByOwnerUid(Set<String> managedUids, List<KubeObject> others) {
        Set<String> known = new HashSet<>(managedUids);
        for (KubeObject o : others) {
            if (!o.uid().isEmpty()) {
                known.add(o.uid());
            }
        }
        Map<String, List<KubeObject>> byOwner = new HashMap<>();
        for (KubeObject o : others) {
            String owner = null;
            for (JsonNode ref : o.metadata().path("ownerReferences")) {
                String uid = ref.path("uid").asText("");
                if (!known.contains(uid) || uid.equals(o.uid())) {
                    continue;
                }
                if (owner == null || ref.path("controller").asBoolean(false)) {
                    owner = uid;
                }
            }
            if (owner != null) {
                byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(o);
            }
        }
        byOwner.values().forEach(list -> list.sort(CHILD_ORDER));
        return byOwner;
    }
}
