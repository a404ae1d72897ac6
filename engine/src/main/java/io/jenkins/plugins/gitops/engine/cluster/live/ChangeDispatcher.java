package io.jenkins.plugins.gitops.engine.cluster.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Turns informer events into {@link LiveChange}s for the application that should refresh, and hands them to the
 * listeners. The application is traced through tracking marks and, for unmarked objects, up the ownerReferences.
 * Events of objects no application can be traced to are dropped, as are update events that keep the resourceVersion
 * (nothing changed on the server). An event whose owner is of a watched kind but not in the store yet is parked until
 * the owner arrives (see {@link ParkedChanges}).
 */
final class ChangeDispatcher {

    /** Deployment -> ReplicaSet -> Pod is two hops; leave room for operators that nest deeper. */
    private static final int MAX_OWNER_HOPS = 8;

    /** An object as served together with the kind it was listed as. */
    record Served(GenericKubernetesResource resource, GroupVersionKind kind) {}

    /** The application an object traces to, or the uid of the owner that must arrive before we can tell. */
    private record Trace(String app, String awaitedOwnerUid) {
        static final Trace NONE = new Trace("", null);
    }

    private record Event(GroupVersionKind kind, GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {}

    private final List<LiveChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ParkedChanges<Event> parked = new ParkedChanges<>();
    private final KubernetesSerialization serialization;
    private final Function<String, Optional<Served>> byUid;
    private final BiPredicate<String, String> watchedGroupKind;
    private final EngineLog log;

    /**
     * @param byUid finds a watched object by uid
     * @param watchedGroupKind whether a (group, kind) is watched, so that a missing owner of it is worth waiting for
     */
    ChangeDispatcher(KubernetesSerialization serialization, Function<String, Optional<Served>> byUid,
            BiPredicate<String, String> watchedGroupKind, EngineLog log) {
        this.serialization = serialization;
        this.byUid = byUid;
        this.watchedGroupKind = watchedGroupKind;
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
                changed(new Event(kind, null, obj));
                parked.release(LiveObjects.uid(obj), System.currentTimeMillis()).forEach(ChangeDispatcher.this::changed);
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                if (!Objects.equals(LiveObjects.resourceVersion(oldObj), LiveObjects.resourceVersion(newObj))) {
                    changed(new Event(kind, oldObj, newObj));
                }
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                changed(new Event(kind, obj, null));
            }
        };
    }

    private void changed(Event e) {
        if (listeners.isEmpty()) {
            return;
        }
        Trace newTrace = e.newObj() == null ? Trace.NONE : trace(new Served(e.newObj(), e.kind()));
        Trace oldTrace = e.oldObj() == null ? Trace.NONE : trace(new Served(e.oldObj(), e.kind()));
        String newApp = newTrace.app();
        String oldApp = oldTrace.app();
        if (newApp.isEmpty() && oldApp.isEmpty()) {
            String awaited = newTrace.awaitedOwnerUid() != null ? newTrace.awaitedOwnerUid() : oldTrace.awaitedOwnerUid();
            if (awaited != null) {
                parked.park(awaited, e, System.currentTimeMillis());
            }
            return;
        }
        ResourceKey key = LiveObjects.keyOf(e.newObj() != null ? e.newObj() : e.oldObj(), e.kind());
        var oldK = e.oldObj() == null ? null : LiveObjects.toKubeObject(serialization, e.oldObj(), e.kind());
        var newK = e.newObj() == null ? null : LiveObjects.toKubeObject(serialization, e.newObj(), e.kind());
        if (!newApp.isEmpty()) {
            fire(new LiveChange(newApp, key, oldK, newK));
        }
        if (!oldApp.isEmpty() && !oldApp.equals(newApp)) {
            // the object's marks changed: the application it moved away from lost it
            fire(new LiveChange(oldApp, key, oldK, newK));
        }
    }

    private void fire(LiveChange change) {
        for (LiveChangeListener l : listeners) {
            try {
                l.onChange(change);
            } catch (RuntimeException ex) {
                log.warn("live change listener failed on " + change + ": " + ex);
            }
        }
    }

    /** The application of an object (see {@link #trace}); empty when none can be found. */
    String appOf(Served start) {
        return trace(start).app();
    }

    /**
     * Named by the object's tracking annotation (when that names the object itself), else by its instance label, else
     * the application of the nearest owner found in the watched kinds.
     */
    private Trace trace(Served start) {
        Set<String> seen = new HashSet<>();
        Served current = start;
        for (int hop = 0; hop <= MAX_OWNER_HOPS && current != null; hop++) {
            GenericKubernetesResource r = current.resource();
            Optional<String> app = ResourceTracking.appFromAnnotation(LiveObjects.trackingAnnotation(r),
                    LiveObjects.keyOf(r, current.kind()));
            if (app.isPresent()) {
                return new Trace(app.get(), null);
            }
            String label = LiveObjects.instanceLabel(r);
            if (label != null && !label.isEmpty()) {
                return new Trace(label, null);
            }
            seen.add(LiveObjects.uid(r));
            Served next = null;
            for (OwnerReference ref : ownerRefs(r)) {
                if (ref.getUid() == null || seen.contains(ref.getUid())) {
                    continue;
                }
                Optional<Served> owner = byUid.apply(ref.getUid());
                if (owner.isPresent()) {
                    next = owner.get();
                    break;
                }
                if (watchedGroupKind.test(ResourceKey.groupOf(ref.getApiVersion()), ref.getKind())) {
                    return new Trace("", ref.getUid());
                }
            }
            current = next;
        }
        return Trace.NONE;
    }

    private static List<OwnerReference> ownerRefs(GenericKubernetesResource r) {
        List<OwnerReference> refs = r.getMetadata() == null ? null : r.getMetadata().getOwnerReferences();
        return refs == null ? List.of() : refs;
    }
}
