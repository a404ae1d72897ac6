package io.jenkins.plugins.gitops.engine.cluster.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Turns informer events into {@link LiveChange}s for the application that should refresh, and hands them to the
 * listeners. Events of objects that no application can be traced to are dropped; update events that do not change
 * the resourceVersion are dropped too (nothing changed on the server).
 */
final class ChangeDispatcher {

    /** Deployment -> ReplicaSet -> Pod is two hops; leave room for operators that nest deeper. */
    private static final int MAX_OWNER_HOPS = 8;

    /** An object as served together with the kind it was listed as. */
    record Served(GenericKubernetesResource resource, GroupVersionKind kind) {}

    private final List<LiveChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final KubernetesSerialization serialization;
    private final Function<String, Optional<Served>> byUid;
    private final EngineLog log;

    ChangeDispatcher(KubernetesSerialization serialization, Function<String, Optional<Served>> byUid, EngineLog log) {
        this.serialization = serialization;
        this.byUid = byUid;
        this.log = log;
    }

    void add(LiveChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(LiveChangeListener listener) {
        listeners.remove(listener);
    }

    ResourceEventHandler<GenericKubernetesResource> handlerFor(GroupVersionKind kind) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                changed(kind, null, obj);
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                if (!Objects.equals(LiveObjects.resourceVersion(oldObj), LiveObjects.resourceVersion(newObj))) {
                    changed(kind, oldObj, newObj);
                }
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                changed(kind, obj, null);
            }
        };
    }

    private void changed(GroupVersionKind kind, GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
        if (listeners.isEmpty()) {
            return;
        }
        String newApp = newObj == null ? "" : appOf(new Served(newObj, kind));
        String oldApp = oldObj == null ? "" : appOf(new Served(oldObj, kind));
        if (newApp.isEmpty() && oldApp.isEmpty()) {
            return;
        }
        var key = LiveObjects.keyOf(newObj != null ? newObj : oldObj, kind);
        var oldK = oldObj == null ? null : LiveObjects.toKubeObject(serialization, oldObj, kind);
        var newK = newObj == null ? null : LiveObjects.toKubeObject(serialization, newObj, kind);
        if (!newApp.isEmpty()) {
            fire(new LiveChange(newApp, key, oldK, newK));
        }
        if (!oldApp.isEmpty() && !oldApp.equals(newApp)) {
            // the object moved away from oldApp (its marks changed): that application lost it
            fire(new LiveChange(oldApp, key, oldK, newK));
        }
    }

    private void fire(LiveChange change) {
        for (LiveChangeListener l : listeners) {
            try {
                l.onChange(change);
            } catch (RuntimeException e) {
                log.warn("live change listener failed on " + change + ": " + e);
            }
        }
    }

    /**
     * The application to refresh for an object: named by its tracking annotation (when that names the object itself),
     * else by its instance label, else the application of the nearest owner found in the watched kinds.
     */
    String appOf(Served start) {
        Set<String> seen = new HashSet<>();
        Served current = start;
        for (int hop = 0; hop <= MAX_OWNER_HOPS && current != null; hop++) {
            GenericKubernetesResource r = current.resource();
            Optional<String> app = ResourceTracking.appFromAnnotation(LiveObjects.trackingAnnotation(r),
                    LiveObjects.keyOf(r, current.kind()));
            if (app.isPresent()) {
                return app.get();
            }
            String label = LiveObjects.instanceLabel(r);
            if (label != null && !label.isEmpty()) {
                return label;
            }
            seen.add(LiveObjects.uid(r));
            current = LiveObjects.ownerUids(r).stream()
                    .filter(uid -> !seen.contains(uid))
                    .map(byUid)
                    .flatMap(Optional::stream)
                    .findFirst()
                    .orElse(null);
        }
        return "";
    }
}
