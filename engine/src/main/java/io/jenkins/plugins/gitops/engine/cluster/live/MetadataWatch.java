package io.jenkins.plugins.gitops.engine.cluster.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.cluster.ApiResource;
import io.jenkins.plugins.gitops.engine.cluster.RawRequest;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The applications owning top-level objects of one kind, kept current by a metadata-only list and watch (what a
 * Kubernetes metadata informer does, without a store of the objects): one paged {@code PartialObjectMetadataList}
 * listing, then a watch of {@code PartialObjectMetadata} events from the listing's resourceVersion, with bookmarks so
 * that the resourceVersion stays recent. A watch the server ends (its timeout) or that breaks is resumed from the
 * last resourceVersion seen; the kind is listed again only when the server answers that this version is gone (HTTP
 * 410) or a list failed. So while nothing changes, the kind costs one open watch and no list.
 *
 * <p>Kept per object: its {@code namespace/name} and owning application, for tracked top-level objects only (objects
 * with ownerReferences and untracked ones cost nothing), so the memory is that of the tracked objects' keys.
 */
final class MetadataWatch {

    static final String METADATA_ONLY_WATCH =
            "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);
    /** A watch the server ends sooner than this is resumed after the retry delay, not at once. */
    static final Duration QUICK_END = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final ApiResource kind;
    private final ResourceTracking tracking;
    private final ScheduledExecutorService retries;
    private final EngineLog log;
    private final CompletableFuture<Void> firstListing = new CompletableFuture<>();

    /** Tracked top-level objects, {@code namespace/name} -> application; guarded by {@code this}. */
    private Map<String, String> owners = new HashMap<>();
    /** How many tracked objects of this kind each application owns (read without the lock). */
    private volatile Map<String, Integer> counts = new ConcurrentHashMap<>();
    private String resourceVersion;
    private volatile boolean listed;
    private volatile String failure;
    private volatile boolean stopped;
    private volatile AsyncBody body;
    /** Identifies the current list or watch; callbacks of an older one are ignored. */
    private final AtomicInteger attempt = new AtomicInteger();
    private int failuresInARow;
    private final AtomicInteger lists = new AtomicInteger();
    private final AtomicInteger watches = new AtomicInteger();

    MetadataWatch(KubernetesClient client, ApiResource kind, ResourceTracking tracking,
            ScheduledExecutorService retries, EngineLog log) {
        this.client = client;
        this.kind = kind;
        this.tracking = tracking;
        this.retries = retries;
        this.log = log;
    }

    void start() {
        list();
    }

    ApiResource kind() {
        return kind;
    }

    GroupVersionKind groupVersionKind() {
        return new GroupVersionKind(kind.group(), kind.version(), kind.kind());
    }

    /** Completes when the first listing succeeded or failed. */
    CompletableFuture<Void> firstListing() {
        return firstListing;
    }

    /** Whether a listing succeeded: the owners are known (and kept current while the watch runs). */
    boolean listed() {
        return listed;
    }

    /** Why this kind is not known right now (its last list failed), empty while it is. */
    Optional<String> problem() {
        return Optional.ofNullable(failure);
    }

    /** Whether {@code app} owns a top-level object of this kind. */
    boolean tracks(String app) {
        return counts.containsKey(app);
    }

    /** Lists made so far (the first one included), for tests and benchmarks. */
    int lists() {
        return lists.get();
    }

    /** Watches opened so far. */
    int watches() {
        return watches.get();
    }

    void stop() {
        stopped = true;
        attempt.incrementAndGet();
        AsyncBody b = body;
        if (b != null) {
            b.cancel();
        }
        firstListing.complete(null);
    }

    // --- listing -----------------------------------------------------------------------------------------------

    private void list() {
        if (stopped) {
            return;
        }
        int mine = attempt.incrementAndGet();
        lists.incrementAndGet();
        Map<String, String> found = new HashMap<>();
        page(null, found, new String[1]).whenComplete((rv, t) -> {
            if (stopped || attempt.get() != mine) {
                return;
            }
            if (t != null) {
                listFailed(KindWatch.message(t));
                return;
            }
            Map<String, Integer> newCounts = new ConcurrentHashMap<>();
            found.values().forEach(app -> newCounts.merge(app, 1, Integer::sum));
            synchronized (this) {
                owners = found;
                counts = newCounts;
                resourceVersion = rv;
                failuresInARow = 0;
            }
            if (failure != null) {
                log.info("listing " + what() + " works again");
            }
            failure = null;
            listed = true;
            firstListing.complete(null);
            watch(mine);
        });
    }

    /** One page and the pages after it, owners added to {@code found}; completes with the listing's version. */
    private CompletableFuture<String> page(String cont, Map<String, String> found, String[] version) {
        HttpClient http = client.getHttpClient();
        String url = TrackedKindScan.url(client, kind, "limit=" + TrackedKindScan.PAGE_SIZE + (cont == null ? ""
                : "&continue=" + URLEncoder.encode(cont, StandardCharsets.UTF_8)));
        HttpRequest request = RawRequest.get(client, url, TrackedKindScan.METADATA_ONLY);
        return http.sendAsync(request, String.class).thenCompose(response -> {
            JsonNode list = TrackedKindScan.parse(response, kind);
            if (version[0] == null) {
                // every page of a paged list is read at the first page's version
                version[0] = list.path("metadata").path("resourceVersion").asText("");
            }
            for (JsonNode item : list.path("items")) {
                JsonNode meta = item.path("metadata");
                TrackedKindScan.owningTopLevel(meta, kind, tracking).ifPresent(app -> found.put(key(meta), app));
            }
            String next = list.path("metadata").path("continue").asText("");
            return next.isEmpty() ? CompletableFuture.completedFuture(version[0]) : page(next, found, version);
        });
    }

    private void listFailed(String why) {
        if (failure == null) {
            log.warn("cannot look for tracked objects of kind " + kind.kind() + " (" + kind.apiVersion() + ") on "
                    + client.getMasterUrl() + ": " + why + "; listing it again later");
        }
        failure = why;
        firstListing.complete(null);
        later(this::list);
    }

    // --- watching ----------------------------------------------------------------------------------------------

    private void watch(int mine) {
        String rv;
        synchronized (this) {
            rv = resourceVersion;
        }
        if (stopped || attempt.get() != mine) {
            return;
        }
        watches.incrementAndGet();
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder().uri(TrackedKindScan.url(client, kind,
                "watch=true&allowWatchBookmarks=true&resourceVersion=" + URLEncoder.encode(rv, StandardCharsets.UTF_8)))
                .header("Accept", METADATA_ONLY_WATCH).forStreaming().build();
        Lines lines = new Lines();
        boolean[] gone = {false};
        long opened = System.nanoTime();
        http.consumeBytes(request, (buffers, b) -> {
            if (attempt.get() == mine) {
                for (ByteBuffer buffer : buffers) {
                    lines.add(buffer, line -> {
                        if (!event(line)) {
                            gone[0] = true;
                            b.cancel();
                        }
                    });
                }
            }
            b.consume();
        }).whenComplete((response, t) -> {
            if (stopped || attempt.get() != mine) {
                if (response != null) {
                    response.body().cancel();
                }
                return;
            }
            if (t != null) {
                watchBroke(mine, KindWatch.message(t));
                return;
            }
            if (!response.isSuccessful()) {
                response.body().cancel();
                if (response.code() == 410) {
                    list(); // the version we know is compacted away: list again
                } else {
                    watchBroke(mine, "HTTP " + response.code());
                }
                return;
            }
            AsyncBody b = response.body();
            body = b;
            b.consume();
            b.done().whenComplete((v, ended) -> {
                if (stopped || attempt.get() != mine) {
                    return;
                }
                if (gone[0]) {
                    list();
                } else if (ended != null) {
                    watchBroke(mine, KindWatch.message(ended));
                } else if (System.nanoTime() - opened < QUICK_END.toNanos()) {
                    // a server (or proxy) that ends every watch at once must not be asked again in a tight loop
                    watchBroke(mine, "the server ended the watch at once");
                } else {
                    synchronized (this) {
                        failuresInARow = 0;
                    }
                    watch(mine); // the server's timeout ended the watch: resume where it stopped
                }
            });
        });
    }

    private void watchBroke(int mine, String why) {
        log.info("metadata watch of " + what() + " broke, resuming it: " + why);
        later(() -> watch(mine));
    }

    /** Applies one watch event; false when the watch must be given up and the kind listed again. */
    private boolean event(String line) {
        JsonNode event;
        try {
            event = Yaml.JSON.readTree(line);
        } catch (java.io.IOException e) {
            log.warn("unreadable watch event of " + what() + ": " + e.getMessage());
            return false;
        }
        String type = event.path("type").asText("");
        JsonNode object = event.path("object");
        JsonNode meta = object.path("metadata");
        switch (type) {
            case "ADDED", "MODIFIED", "DELETED" -> {
                String app = type.equals("DELETED") ? null
                        : TrackedKindScan.owningTopLevel(meta, kind, tracking).orElse(null);
                applyChange(key(meta), app, meta.path("resourceVersion").asText(""));
                return true;
            }
            case "BOOKMARK" -> {
                synchronized (this) {
                    resourceVersion = meta.path("resourceVersion").asText(resourceVersion);
                }
                return true;
            }
            case "ERROR" -> {
                // a Status: 410 Gone (our version was compacted away) or another failure; either way list again
                log.info("metadata watch of " + what() + " ended by the server: HTTP " + object.path("code").asInt()
                        + " " + object.path("message").asText("") + "; listing it again");
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private synchronized void applyChange(String key, String app, String version) {
        String before = app == null ? owners.remove(key) : owners.put(key, app);
        if (!Objects.equals(before, app)) {
            if (before != null) {
                counts.computeIfPresent(before, (a, n) -> n == 1 ? null : n - 1);
            }
            if (app != null) {
                counts.merge(app, 1, Integer::sum);
            }
        }
        if (!version.isEmpty()) {
            resourceVersion = version;
        }
    }

    private void later(Runnable action) {
        long delay;
        synchronized (this) {
            delay = Math.min(FIRST_RETRY.toMillis() << Math.min(failuresInARow, 20), LAST_RETRY.toMillis());
            failuresInARow++;
        }
        if (!stopped) {
            try {
                retries.schedule(action, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the index is closing
            }
        }
    }

    private String what() {
        return kind.kind() + " (" + kind.apiVersion() + ") on " + client.getMasterUrl();
    }

    private static String key(JsonNode meta) {
        return meta.path("namespace").asText("") + "/" + meta.path("name").asText("");
    }

    /** Splits a byte stream into UTF-8 lines (a newline byte never occurs inside a multi-byte character). */
    static final class Lines {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        void add(ByteBuffer buffer, java.util.function.Consumer<String> onLine) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    String line = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    if (!line.isBlank()) {
                        onLine.accept(line);
                    }
                } else {
                    pending.write(b);
                }
            }
        }
    }

    /** Ends the running watch as a dropped connection would, for tests; {@link #resume()} watches again. */
    void disconnect() {
        attempt.incrementAndGet();
        AsyncBody b = body;
        if (b != null) {
            b.cancel();
        }
    }

    /** Watches again from the last resourceVersion seen (or {@code version} when given), for tests. */
    void resume(String version) {
        int mine = attempt.incrementAndGet();
        if (version != null) {
            synchronized (this) {
                resourceVersion = version;
            }
        }
        watch(mine);
    }

    /** Owners as listed and watched, for tests: {@code namespace/name} -> application. */
    synchronized Map<String, String> owners() {
        return Map.copyOf(owners);
    }
}
