package io.jenkins.plugins.gitops.engine.cluster.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Live state from plain list calls, without watches: for one-shot commands (the CLI's diff or status) where starting
 * informers would be wasted. Each kind is listed (paged, all namespaces) the first time a query needs it and then
 * served from memory until {@link #refresh()}. The query semantics are those of {@link LiveStateCache}.
 *
 * <p>Memory: holds every object of the listed kinds as {@link KubeObject} trees until {@link #refresh()} or until the
 * lister is dropped. Not thread-safe; use one lister per command.
 */
public final class LiveStateLister implements LiveState {

    private static final long PAGE_SIZE = 500;

    private final KubernetesClient client;
    private final EngineLog log;
    private final Set<GroupVersionKind> kinds;
    private final Set<GroupVersionKind> childKinds;
    private final Map<GroupVersionKind, Listing> listings = new TreeMap<>();

    /** One kind's listing: objects, or why they could not be listed. */
    private record Listing(List<KubeObject> objects, String problem) {}

    /** Lists {@code kinds} for managed objects and {@link LiveStateCache#DEFAULT_CHILD_KINDS} for children. */
    public LiveStateLister(KubernetesClient client, EngineLog log, Collection<GroupVersionKind> kinds) {
        this(client, log, kinds, LiveStateCache.DEFAULT_CHILD_KINDS);
    }

    public LiveStateLister(KubernetesClient client, EngineLog log, Collection<GroupVersionKind> kinds,
            Set<GroupVersionKind> childKinds) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = log == null ? EngineLog.NONE : log;
        this.kinds = new TreeSet<>(kinds);
        this.childKinds = new TreeSet<>(childKinds);
    }

    @Override
    public String server() {
        return client.getMasterUrl().toString();
    }

    /** Forgets everything listed so far; the next query lists again. */
    public void refresh() {
        listings.clear();
    }

    @Override
    public Map<ResourceKey, KubeObject> managedObjects(String appName, TrackingMethod method) {
        ResourceTracking tracking = ResourceTracking.of(method);
        Map<ResourceKey, KubeObject> out = new TreeMap<>();
        objectsOf(kinds)
                .filter(o -> LiveObjects.ownerUids(o).isEmpty() && tracking.belongsTo(o, appName))
                .forEach(o -> out.putIfAbsent(o.key(), o));
        return out;
    }

    @Override
    public List<KubeObject> childrenOf(String ownerUid) {
        Set<GroupVersionKind> all = new TreeSet<>(kinds);
        all.addAll(childKinds);
        List<KubeObject> out = new ArrayList<>(objectsOf(all)
                .filter(o -> LiveObjects.ownerUids(o).contains(ownerUid))
                .toList());
        out.sort(Comparator.comparing(KubeObject::key));
        return out;
    }

    /** Looks among the configured kinds and child kinds of the key's group and kind. */
    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        Set<GroupVersionKind> candidates = new TreeSet<>();
        Stream.concat(kinds.stream(), childKinds.stream()).filter(k -> k.matches(key)).forEach(candidates::add);
        return objectsOf(candidates).filter(o -> o.key().equals(key)).findFirst();
    }

    /** Complete when every configured kind was listed. */
    @Override
    public LiveSnapshot snapshot(String appName, TrackingMethod method) {
        Map<ResourceKey, KubeObject> objects = managedObjects(appName, method);
        List<String> problems = kinds.stream()
                .map(this::listing)
                .map(Listing::problem)
                .filter(Objects::nonNull)
                .toList();
        return LiveSnapshot.of(appName, objects, problems);
    }

    private Stream<KubeObject> objectsOf(Collection<GroupVersionKind> which) {
        return which.stream().map(this::listing).flatMap(l -> l.objects().stream());
    }

    private Listing listing(GroupVersionKind kind) {
        return listings.computeIfAbsent(kind, this::list);
    }

    private Listing list(GroupVersionKind kind) {
        List<KubeObject> out = new ArrayList<>();
        try {
            var op = client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inAnyNamespace();
            String next = null;
            do {
                ListOptions options = new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(next).build();
                GenericKubernetesResourceList page = op.list(options);
                for (GenericKubernetesResource r : page.getItems()) {
                    out.add(LiveObjects.toKubeObject(client.getKubernetesSerialization(), r, kind));
                }
                next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (next != null && !next.isEmpty());
        } catch (KubernetesClientException e) {
            String problem = "cannot list " + kind + " on " + server() + ": " + KindWatch.message(e);
            log.warn(problem);
            return new Listing(List.of(), problem);
        }
        return new Listing(List.copyOf(out), null);
    }
}
