package io.jenkins.plugins.gitops.engine.cluster.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.cluster.ApiResource;
import io.jenkins.plugins.gitops.engine.cluster.RawRequest;
import io.jenkins.plugins.gitops.engine.model.Yaml;
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
 * <p>With a kind resolver (what {@link io.jenkins.plugins.gitops.engine.LiveStateSource#listing} gives it: the
 * connection's discovery), {@link #prefetch()} sends the list requests of every kind and child kind at once and reads
 * the pages as plain JSON, as {@code kubectl get} does, instead of one kind after the other through fabric8's typed
 * objects; a kind the resolver does not know, or a request the server refuses, is listed (again) the fabric8 way, so
 * errors read the same.
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
    private final java.util.function.Function<GroupVersionKind, Optional<ApiResource>> resolver;
    private final Map<GroupVersionKind, java.util.concurrent.CompletableFuture<Listing>> listings;

    /** Objects of every listed kind and child kind by the UIDs their ownerReferences name; built on first use. */
    private Map<String, List<KubeObject>> byOwner;

    /** One kind's listing: objects, or why they could not be listed. */
    private record Listing(List<KubeObject> objects, String problem) {}

    /** Lists {@code kinds} for managed objects and {@link LiveStateCache#DEFAULT_CHILD_KINDS} for children. */
    public LiveStateLister(KubernetesClient client, EngineLog log, Collection<GroupVersionKind> kinds) {
        this(client, log, kinds, LiveStateCache.DEFAULT_CHILD_KINDS);
    }

    public LiveStateLister(KubernetesClient client, EngineLog log, Collection<GroupVersionKind> kinds,
            Set<GroupVersionKind> childKinds) {
        this(client, log, kinds, childKinds, null);
    }

    /**
     * As above; {@code resolver} (null: none) names the served kind (plural, scope) of a kind, which lets the lister
     * send plain list requests concurrently (see {@link #prefetch()}).
     */
    public LiveStateLister(KubernetesClient client, EngineLog log, Collection<GroupVersionKind> kinds,
            Set<GroupVersionKind> childKinds,
            java.util.function.Function<GroupVersionKind, Optional<ApiResource>> resolver) {
        this(client, log, kinds, childKinds, resolver, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private LiveStateLister(KubernetesClient client, EngineLog log, Collection<GroupVersionKind> kinds,
            Set<GroupVersionKind> childKinds,
            java.util.function.Function<GroupVersionKind, Optional<ApiResource>> resolver,
            Map<GroupVersionKind, java.util.concurrent.CompletableFuture<Listing>> listings) {
        this.resolver = resolver;
        this.client = Objects.requireNonNull(client, "client");
        this.log = log == null ? EngineLog.NONE : log;
        this.kinds = new TreeSet<>(kinds);
        this.childKinds = new TreeSet<>(childKinds);
        this.listings = listings;
    }

    /**
     * A lister of {@code more} kinds as well, sharing this one's listings (those started or done are not sent again).
     * Use the new lister from then on: the two share state.
     */
    public LiveStateLister widened(Collection<GroupVersionKind> more) {
        Set<GroupVersionKind> all = new TreeSet<>(kinds);
        all.addAll(more);
        return new LiveStateLister(client, log, all, childKinds, resolver, listings);
    }

    @Override
    public String server() {
        return client.getMasterUrl().toString();
    }

    /** Forgets everything listed so far; the next query lists again. */
    public void refresh() {
        listings.clear();
        byOwner = null;
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
        if (byOwner == null) {
            // one pass over everything listed, not one per owner: a resource tree of n objects asks n times
            Set<GroupVersionKind> all = new TreeSet<>(kinds);
            all.addAll(childKinds);
            Map<String, List<KubeObject>> index = new java.util.HashMap<>();
            objectsOf(all).forEach(o -> {
                for (String uid : new java.util.LinkedHashSet<>(LiveObjects.ownerUids(o))) {
                    index.computeIfAbsent(uid, k -> new ArrayList<>()).add(o);
                }
            });
            index.values().forEach(l -> l.sort(Comparator.comparing(KubeObject::key)));
            byOwner = index;
        }
        return List.copyOf(byOwner.getOrDefault(ownerUid, List.of()));
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

    /**
     * Starts listing every kind and child kind now, all at once (with a resolver; without one this does nothing and
     * each kind is listed when first needed). The objects are the same as listed one by one: every query of a lister
     * with objects reads the child kinds too.
     */
    public LiveStateLister prefetch() {
        if (resolver != null) {
            Set<GroupVersionKind> all = new TreeSet<>(kinds);
            all.addAll(childKinds);
            all.forEach(this::started);
        }
        return this;
    }

    /**
     * The kind's listing; a plain listing the server refused or that could not be read is listed again the fabric8
     * way, which words the problem as always. That second listing blocks, so it runs here, on the thread that asks:
     * never in a callback of the first one, which runs on the HTTP client's thread that reads the connection - the
     * blocked thread would then stop the reading of the very answer it waits for (a refused kind hung the lister).
     */
    private Listing listing(GroupVersionKind kind) {
        java.util.concurrent.CompletableFuture<Listing> started = started(kind);
        try {
            return started.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            Listing typed = list(kind);
            listings.replace(kind, started, java.util.concurrent.CompletableFuture.completedFuture(typed));
            return typed;
        }
    }

    private java.util.concurrent.CompletableFuture<Listing> started(GroupVersionKind kind) {
        return listings.computeIfAbsent(kind, k -> {
            Optional<ApiResource> served = Optional.empty();
            if (resolver != null) {
                try {
                    served = resolver.apply(k);
                } catch (RuntimeException e) {
                    served = Optional.empty(); // listed the fabric8 way below, which reports the problem
                }
            }
            if (served.isEmpty()) {
                return java.util.concurrent.CompletableFuture.completedFuture(list(k));
            }
            ApiResource resource = served.get();
            return pages(resource, k, null, new ArrayList<>())
                    .thenApply(objects -> new Listing(List.copyOf(objects), null)); // refused: see listing()
        });
    }

    /** One page of a plain list request and the pages after it, as trees in the order the server sent them. */
    private java.util.concurrent.CompletableFuture<List<KubeObject>> pages(ApiResource resource, GroupVersionKind kind,
            String cont, List<KubeObject> found) {
        HttpClient http = client.getHttpClient();
        HttpRequest request = RawRequest.get(client, url(resource, cont), "application/json");
        return http.sendAsync(request, String.class).thenCompose(response -> {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("HTTP " + response.code());
            }
            JsonNode list;
            try {
                list = Yaml.JSON.readTree(response.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (JsonNode item : list.path("items")) {
                if (item instanceof ObjectNode o) {
                    found.add(LiveObjects.toKubeObject(o, kind));
                }
            }
            String next = list.path("metadata").path("continue").asText("");
            return next.isEmpty() ? java.util.concurrent.CompletableFuture.completedFuture(found)
                    : pages(resource, kind, next, found);
        });
    }

    private String url(ApiResource kind, String cont) {
        String base = client.getMasterUrl().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = kind.group().isEmpty() ? "/api/" + kind.version() : "/apis/" + kind.apiVersion();
        return base + path + "/" + kind.plural() + "?limit=" + PAGE_SIZE + (cont == null ? ""
                : "&continue=" + java.net.URLEncoder.encode(cont, java.nio.charset.StandardCharsets.UTF_8));
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
