package io.jenkins.plugins.gitops.engine.cluster.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watch-backed live state of one cluster (one instance per {@link KubernetesClient}).
 *
 * <p>Only kinds somebody registered interest in are watched: {@link #register} starts a fabric8 informer for a kind
 * on its first owner, {@link #unregister} stops it when the last owner leaves. While any interest exists the child
 * kinds for the resource tree (ReplicaSet and Pod by default) are watched too. Owners are usually application names;
 * an application should register the kinds of its desired objects <em>and</em> of the resources it deployed before
 * (its last known status), or an object of a kind removed from Git would never be seen and never pruned.
 *
 * <p>Queries ({@link LiveState}) are answered from the informer stores without calling the API server, through
 * indexes by tracking annotation, instance label, uid and owner uid. {@link #snapshot} says whether the listing is
 * complete: a kind whose informer has not synced yet, or failed (unknown kind, forbidden, list error), makes it
 * incomplete with a message naming the kind and the server. A failed kind is retried the next time somebody
 * registers interest in it.
 *
 * <p>Memory: the informer stores are the only copy. They hold every object of every watched kind in all namespaces,
 * exactly as served (managedFields and the last-applied annotation included, because the diff needs them), so the
 * footprint grows with the cluster's objects of the watched kinds, Pods and ReplicaSets usually dominating. Query
 * results are converted to {@link KubeObject} trees on demand and not retained. Narrow {@code childKinds} to reduce
 * memory on large clusters.
 */
public final class LiveStateCache implements LiveState, AutoCloseable {

    /** Child kinds watched for the resource tree unless configured otherwise. */
    public static final Set<GroupVersionKind> DEFAULT_CHILD_KINDS =
            Set.of(GroupVersionKind.of("apps/v1", "ReplicaSet"), GroupVersionKind.of("v1", "Pod"));

    private final KubernetesClient client;
    private final EngineLog log;
    private final Set<GroupVersionKind> childKinds;
    private final KindInterest interest = new KindInterest();
    private final Map<GroupVersionKind, KindWatch> watches = new ConcurrentHashMap<>();
    private final ChangeDispatcher dispatcher;
    private boolean closed;

    public LiveStateCache(KubernetesClient client, EngineLog log) {
        this(client, log, DEFAULT_CHILD_KINDS);
    }

    /** A cache that watches {@code childKinds} (possibly none) for the resource tree. */
    public LiveStateCache(KubernetesClient client, EngineLog log, Set<GroupVersionKind> childKinds) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = log == null ? EngineLog.NONE : log;
        this.childKinds = Set.copyOf(childKinds);
        this.dispatcher = new ChangeDispatcher(client.getKubernetesSerialization(), this::byUid,
                (group, kind) -> watches.keySet().stream().anyMatch(k -> k.group().equals(group) && k.kind().equals(kind)),
                this.log);
    }

    @Override
    public String server() {
        return client.getMasterUrl().toString();
    }

    /** {@code owner} needs {@code kind} watched. Starts the informer if it is the first, retries it if it failed. */
    public synchronized void register(String owner, GroupVersionKind kind) {
        checkOpen();
        interest.add(owner, kind);
        apply(Set.of(kind));
    }

    /** {@code owner} no longer needs {@code kind}; the informer stops when nobody else does. */
    public synchronized void unregister(String owner, GroupVersionKind kind) {
        checkOpen();
        interest.remove(owner, kind);
        apply(Set.of());
    }

    /** Makes {@code kinds} exactly what {@code owner} needs (call after every render of an application). */
    public synchronized void setInterest(String owner, Collection<GroupVersionKind> kinds) {
        checkOpen();
        interest.replace(owner, kinds);
        apply(Set.copyOf(kinds));
    }

    /** Drops every interest of {@code owner} (the application was deleted). */
    public synchronized void unregisterAll(String owner) {
        checkOpen();
        interest.removeOwner(owner);
        apply(Set.of());
    }

    /** Kinds currently watched, sorted. */
    public Set<GroupVersionKind> watchedKinds() {
        return Collections.unmodifiableSet(new TreeSet<>(watches.keySet()));
    }

    /** Whether {@code kind} is watched and its store holds the complete, current listing. */
    public boolean isSynced(GroupVersionKind kind) {
        KindWatch w = watches.get(kind);
        return w != null && w.isSynced();
    }

    /** One message per watched kind whose listing is incomplete (naming kind and server); empty when all are. */
    public List<String> problems() {
        return problemsOf(watches.keySet());
    }

    /**
     * Waits until every watched kind finished its initial list (successfully or not).
     *
     * @return whether all watched kinds are synced when the wait ends
     */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] all = watches.values().stream().map(KindWatch::settled).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        return watches.values().stream().allMatch(KindWatch::isSynced);
    }

    /** Adds a listener for changes of objects that can be traced to an application. */
    public void addListener(LiveChangeListener listener) {
        dispatcher.add(listener);
    }

    public void removeListener(LiveChangeListener listener) {
        dispatcher.remove(listener);
    }

    @Override
    public Map<ResourceKey, KubeObject> managedObjects(String appName, TrackingMethod method) {
        String index = ResourceTracking.of(method).method().usesAnnotation()
                ? KindWatch.BY_TRACKING_ANNOTATION_APP : KindWatch.BY_INSTANCE_LABEL_APP;
        Map<ResourceKey, KubeObject> out = new TreeMap<>();
        for (KindWatch w : sortedWatches()) {
            for (GenericKubernetesResource r : w.byIndex(index, appName)) {
                if (LiveObjects.ownerUids(r).isEmpty()) {
                    out.putIfAbsent(LiveObjects.keyOf(r, w.kind()), convert(r, w.kind()));
                }
            }
        }
        return out;
    }

    @Override
    public List<KubeObject> childrenOf(String ownerUid) {
        List<KubeObject> out = new ArrayList<>();
        for (KindWatch w : sortedWatches()) {
            w.byIndex(KindWatch.BY_OWNER_UID, ownerUid).forEach(r -> out.add(convert(r, w.kind())));
        }
        out.sort(Comparator.comparing(KubeObject::key));
        return out;
    }

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        for (KindWatch w : sortedWatches()) {
            if (w.kind().matches(key)) {
                Optional<GenericKubernetesResource> r = w.get(key.namespace(), key.name());
                if (r.isPresent()) {
                    return Optional.of(convert(r.get(), w.kind()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Managed objects with completeness judged over the kinds {@code appName} registered as an owner (all watched
     * kinds when it registered none).
     */
    @Override
    public LiveSnapshot snapshot(String appName, TrackingMethod method) {
        Set<GroupVersionKind> kinds;
        synchronized (this) {
            kinds = interest.kindsOf(appName);
        }
        List<String> problems = problemsOf(kinds.isEmpty() ? watches.keySet() : kinds);
        return LiveSnapshot.of(appName, managedObjects(appName, method), problems);
    }

    /** Stops every informer. The cache cannot be used afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        watches.values().forEach(KindWatch::stop);
        watches.clear();
    }

    /** Starts missing informers, stops unneeded ones, restarts failed ones among {@code retry}. */
    private void apply(Set<GroupVersionKind> retry) {
        Set<GroupVersionKind> needed = interest.needed(childKinds);
        for (GroupVersionKind kind : Set.copyOf(watches.keySet())) {
            KindWatch w = watches.get(kind);
            if (!needed.contains(kind) || (retry.contains(kind) && w.isFailed())) {
                watches.remove(kind).stop();
                log.info("stopped watching " + kind + " on " + server());
            }
        }
        for (GroupVersionKind kind : needed) {
            watches.computeIfAbsent(kind, k -> KindWatch.start(client, k, log, dispatcher.handlerFor(k)));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("live state cache for " + server() + " is closed");
        }
    }

    /** The watch of a kind, for tests. */
    Optional<KindWatch> watchOf(GroupVersionKind kind) {
        return Optional.ofNullable(watches.get(kind));
    }

    private List<String> problemsOf(Collection<GroupVersionKind> kinds) {
        List<String> out = new ArrayList<>();
        for (GroupVersionKind kind : new TreeSet<>(kinds)) {
            KindWatch w = watches.get(kind);
            if (w == null) {
                out.add(kind + " on " + server() + " is not watched");
            } else {
                w.problem().ifPresent(out::add);
            }
        }
        return out;
    }

    private List<KindWatch> sortedWatches() {
        return new ArrayList<>(new TreeMap<>(watches).values());
    }

    private Optional<ChangeDispatcher.Served> byUid(String uid) {
        for (KindWatch w : sortedWatches()) {
            List<GenericKubernetesResource> hits = w.byIndex(KindWatch.BY_UID, uid);
            if (!hits.isEmpty()) {
                return Optional.of(new ChangeDispatcher.Served(hits.get(0), w.kind()));
            }
        }
        return Optional.empty();
    }

    private KubeObject convert(GenericKubernetesResource r, GroupVersionKind kind) {
        return LiveObjects.toKubeObject(client.getKubernetesSerialization(), r, kind);
    }
}
