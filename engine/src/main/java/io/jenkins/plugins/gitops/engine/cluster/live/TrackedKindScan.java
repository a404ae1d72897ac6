package io.jenkins.plugins.gitops.engine.cluster.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery;
import io.jenkins.plugins.gitops.engine.cluster.ApiResource;
import io.jenkins.plugins.gitops.engine.cluster.RawRequest;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds every kind holding objects an application tracks, Git or not: Argo CD's cache watches every served kind, so a
 * tracked object whose kind is not (or no longer) in Git is still found and reported as requiring pruning (an
 * application taken over from Argo CD, a kind removed from Git). Listing every kind in full would make a one-shot
 * command slow, and tracking annotations cannot be filtered on the server, so each served, listable kind (minus
 * {@link ResourceExclusions}) is listed metadata-only ({@code PartialObjectMetadataList}: names, labels and
 * annotations, no specs), all kinds concurrently. A kind that cannot be listed (forbidden, say) is skipped with a
 * warning: the kinds Git declares are still listed in full by the live state itself.
 */
public final class TrackedKindScan {

    static final String METADATA_ONLY =
            "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    static final int PAGE_SIZE = 500;
    private static final long TIMEOUT_SECONDS = 60;

    private final KubernetesClient client;
    private final ApiDiscovery discovery;
    private final EngineLog log;

    public TrackedKindScan(KubernetesClient client, ApiDiscovery discovery, EngineLog log) {
        this.client = client;
        this.discovery = discovery;
        this.log = log == null ? EngineLog.NONE : log;
    }

    /** Kinds (at the group's preferred version) with at least one top-level object {@code app} tracks. */
    public Set<GroupVersionKind> kindsTrackedBy(String app, TrackingMethod method) {
        return kindsTrackedBy(app, method, Set::of);
    }

    /**
     * As {@link #kindsTrackedBy(String, TrackingMethod)}, not scanning the kinds {@code listedAnyway} gives once
     * discovery has answered: kinds the caller lists in full anyway (what Git declares), whose listing shows their
     * tracked objects. Those are often the largest kinds of the application, so the scan sends only the small lists.
     * A supplier that fails skips nothing.
     */
    public Set<GroupVersionKind> kindsTrackedBy(String app, TrackingMethod method,
            java.util.function.Supplier<Set<GroupVersionKind>> listedAnyway) {
        ResourceTracking tracking = ResourceTracking.of(method);
        List<ApiResource> served = discovery.serverResources();
        Set<GroupVersionKind> skipped;
        try {
            skipped = listedAnyway.get();
        } catch (RuntimeException e) {
            skipped = Set.of();
        }
        Set<GroupVersionKind> skip = skipped;
        List<ApiResource> kinds = served.stream()
                .filter(ApiResource::watchable)
                .filter(r -> !ResourceExclusions.excluded(r.group(), r.kind()))
                .filter(r -> skip.stream().noneMatch(k -> k.group().equals(r.group()) && k.kind().equals(r.kind())))
                .toList();
        List<CompletableFuture<Boolean>> scans = new ArrayList<>();
        for (ApiResource kind : kinds) {
            scans.add(tracks(kind, app, tracking, null));
        }
        Set<GroupVersionKind> out = new TreeSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            ApiResource kind = kinds.get(i);
            try {
                if (scans.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    out.add(new GroupVersionKind(kind.group(), kind.version(), kind.kind()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            } catch (Exception e) {
                log.warn("cannot look for " + app + "'s objects of kind " + kind.kind() + " (" + kind.apiVersion()
                        + "): " + KindWatch.message(e));
            }
        }
        return out;
    }

    /**
     * For every application owning a top-level object on the cluster: the kinds holding its objects. One pass over
     * every served kind (all pages, metadata only, kinds concurrently), shared by all applications of a controller
     * instead of one scan per application. A kind that cannot be listed is skipped with a warning, as above.
     */
    public Map<String, Set<GroupVersionKind>> kindsByApp(TrackingMethod method) {
        ResourceTracking tracking = ResourceTracking.of(method);
        List<ApiResource> kinds = discovery.serverResources().stream()
                .filter(ApiResource::watchable)
                .filter(r -> !ResourceExclusions.excluded(r.group(), r.kind()))
                .toList();
        List<CompletableFuture<Set<String>>> scans = new ArrayList<>();
        for (ApiResource kind : kinds) {
            scans.add(owners(kind, tracking, null, new java.util.HashSet<>()));
        }
        Map<String, Set<GroupVersionKind>> out = new java.util.HashMap<>();
        for (int i = 0; i < kinds.size(); i++) {
            ApiResource kind = kinds.get(i);
            try {
                for (String app : scans.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    out.computeIfAbsent(app, a -> new TreeSet<>())
                            .add(new GroupVersionKind(kind.group(), kind.version(), kind.kind()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            } catch (Exception e) {
                log.warn("cannot look for tracked objects of kind " + kind.kind() + " (" + kind.apiVersion() + "): "
                        + KindWatch.message(e));
            }
        }
        return out;
    }

    /** The applications owning top-level objects of a page and the pages after it, added to {@code found}. */
    private CompletableFuture<Set<String>> owners(ApiResource kind, ResourceTracking tracking, String cont,
            Set<String> found) {
        HttpClient http = client.getHttpClient();
        HttpRequest request = RawRequest.get(client, url(kind, cont), METADATA_ONLY);
        return http.sendAsync(request, String.class).thenCompose(response -> {
            JsonNode list = parse(response, kind);
            for (JsonNode item : list.path("items")) {
                owningTopLevel(item.path("metadata"), kind, tracking).ifPresent(found::add);
            }
            String next = list.path("metadata").path("continue").asText("");
            return next.isEmpty() ? CompletableFuture.completedFuture(found) : owners(kind, tracking, next, found);
        });
    }

    /** The application owning a top-level object of {@code kind} (its metadata as served), if any. */
    static java.util.Optional<String> owningTopLevel(JsonNode meta, ApiResource kind, ResourceTracking tracking) {
        if (meta.path("ownerReferences").size() > 0) {
            return java.util.Optional.empty();
        }
        ResourceKey key = new ResourceKey(kind.group(), kind.kind(), meta.path("namespace").asText(""),
                meta.path("name").asText(""));
        String annotation = meta.path("annotations").path(AnnotationNames.TRACKING_ID).asText(null);
        String label = meta.path("labels").path(AnnotationNames.INSTANCE_LABEL).asText(null);
        try {
            return tracking.owningApp(annotation, label, key);
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // a malformed tracking id owns nothing; the live state reports it
        }
    }

    /** Whether a page (and the pages after it) holds an object of {@code app}. */
    private CompletableFuture<Boolean> tracks(ApiResource kind, String app, ResourceTracking tracking, String cont) {
        HttpClient http = client.getHttpClient();
        HttpRequest request = RawRequest.get(client, url(kind, cont), METADATA_ONLY);
        return http.sendAsync(request, String.class).thenCompose(response -> {
            JsonNode list = parse(response, kind);
            for (JsonNode item : list.path("items")) {
                if (trackedTopLevel(item.path("metadata"), kind, app, tracking)) {
                    return CompletableFuture.completedFuture(true);
                }
            }
            String next = list.path("metadata").path("continue").asText("");
            return next.isEmpty() ? CompletableFuture.completedFuture(false) : tracks(kind, app, tracking, next);
        });
    }

    private static boolean trackedTopLevel(JsonNode meta, ApiResource kind, String app, ResourceTracking tracking) {
        if (meta.path("ownerReferences").size() > 0) {
            return false;
        }
        ResourceKey key = new ResourceKey(kind.group(), kind.kind(), meta.path("namespace").asText(""),
                meta.path("name").asText(""));
        String annotation = meta.path("annotations").path(AnnotationNames.TRACKING_ID).asText(null);
        String label = meta.path("labels").path(AnnotationNames.INSTANCE_LABEL).asText(null);
        return tracking.owningApp(annotation, label, key).filter(app::equals).isPresent();
    }

    static JsonNode parse(HttpResponse<String> response, ApiResource kind) {
        if (!response.isSuccessful()) {
            throw new IllegalStateException("HTTP " + response.code());
        }
        try {
            return Yaml.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable list of " + kind.kind() + ": " + e.getMessage(), e);
        }
    }

    private String url(ApiResource kind, String cont) {
        return url(client, kind, "limit=" + PAGE_SIZE
                + (cont == null ? "" : "&continue=" + URLEncoder.encode(cont, StandardCharsets.UTF_8)));
    }

    /** The URL of {@code kind}'s collection in all namespaces, with a query. */
    static String url(KubernetesClient client, ApiResource kind, String query) {
        String base = client.getMasterUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = kind.group().isEmpty() ? "/api/" + kind.version() : "/apis/" + kind.apiVersion();
        return base + path + "/" + kind.plural() + "?" + query;
    }
}
