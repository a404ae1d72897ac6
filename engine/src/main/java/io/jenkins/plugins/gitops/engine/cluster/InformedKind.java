package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link WatchedKind} kept by a fabric8 informer (list, then watch; a watch the server expires is listed and watched
 * again by the informer). The informer's store is the truth: once started it holds the first listing, whatever its
 * event handlers have been told yet. Each object version is converted once, when first read. Every event runs
 * {@code onChange} on the informer's thread, so it must be quick (the sync waiter only signals itself).
 */
final class InformedKind implements WatchedKind, ResourceEventHandler<GenericKubernetesResource> {

    private final Function<GenericKubernetesResource, KubeObject> convert;
    private final Runnable onChange;
    /** Converted objects by name, each with the resourceVersion it was converted at. */
    private final Map<String, KubeObject> converted = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;
    private volatile boolean closed;

    InformedKind(Function<GenericKubernetesResource, KubeObject> convert, Runnable onChange) {
        this.convert = convert;
        this.onChange = onChange;
    }

    /** Attaches the informer this view reads and listens to (before it is started). */
    void attach(SharedIndexInformer<GenericKubernetesResource> value) {
        this.informer = value;
        value.addEventHandler(this);
    }

    @Override
    public Map<String, KubeObject> objects() {
        Map<String, KubeObject> out = new HashMap<>();
        for (GenericKubernetesResource r : informer.getStore().list()) {
            if (r.getMetadata() == null || r.getMetadata().getName() == null) {
                continue;
            }
            String name = r.getMetadata().getName();
            String version = Objects.requireNonNullElse(r.getMetadata().getResourceVersion(), "");
            KubeObject known = converted.get(name);
            if (known == null || !known.metadata().path("resourceVersion").asText("").equals(version)) {
                known = convert.apply(r);
                converted.put(name, known);
            }
            out.put(name, known);
        }
        converted.keySet().retainAll(out.keySet());
        return out;
    }

    @Override
    public boolean watching() {
        SharedIndexInformer<GenericKubernetesResource> i = informer;
        return !closed && i != null && !i.stopped().toCompletableFuture().isDone();
    }

    @Override
    public void close() {
        closed = true;
        SharedIndexInformer<GenericKubernetesResource> i = informer;
        if (i != null) {
            i.close();
        }
    }

    @Override
    public void onAdd(GenericKubernetesResource obj) {
        onChange.run();
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
        onChange.run();
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
        onChange.run();
    }
}
