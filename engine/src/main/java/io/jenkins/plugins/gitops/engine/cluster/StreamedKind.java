package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link WatchedKind} read as plain JSON, as {@code kubectl get --watch} reads it: one consistent listing (pages of
 * {@value #PAGE_SIZE}: with a page size the API server never answers from an older cache), then the server's watch
 * stream from that listing's resourceVersion, one JSON event per line, each object kept as the tree the server sent.
 * No typed model is built and nothing is converted: a wave of Deployments sends an event for every status write of
 * kube-controller-manager, and decoding those into fabric8's typed objects (and converting them back to trees) was half
 * of the client's CPU while a sync waited for them, on the cores the API server and the controllers needed.
 *
 * <p>A stream the server ends (its watch timeout) is resumed from the last resourceVersion seen. Any other end - an
 * {@code ERROR} event such as 410 Gone, a refused or broken request - stops the view for good ({@link #watching()}
 * turns false and the change callback runs once more), and the caller reads by listing instead, whose errors say what
 * is wrong. So does a server that keeps ending the stream at once without an event (something that answers the
 * request but does not watch): it is not asked again and again.
 */
final class StreamedKind implements WatchedKind {

    static final int PAGE_SIZE = 500;
    /** A stream that ends sooner than this without any event was not a watch the server kept open. */
    static final Duration QUICK_END = Duration.ofMillis(500);
    /** After this many such streams in a row the view stops: something answers, but not with a watch. */
    static final int QUICK_ENDS_TOLERATED = 3;

    private final HttpClient http;
    private final String collectionUrl;
    private final String apiVersion;
    private final String kind;
    private final Runnable onChange;
    /** The stream length asked of the server ({@code timeoutSeconds}); null: the server's own (30-60 minutes). */
    private final Duration streamLength;
    private final Map<String, KubeObject> objects = new ConcurrentHashMap<>();
    /** The bytes of the event line not yet complete (only touched by the stream's consumer, one chunk at a time). */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile String resourceVersion = "";
    /** Streams in a row that ended within {@link #QUICK_END} without a single event (see {@link #watch()}). */
    private volatile int quickEmptyEnds;
    /** Whether the current stream delivered an event. */
    private volatile boolean heard;
    private volatile boolean stopped;
    private volatile CompletableFuture<HttpResponse<AsyncBody>> call;
    private volatile AsyncBody body;

    private StreamedKind(HttpClient http, String collectionUrl, String apiVersion, String kind, Runnable onChange,
            Duration streamLength) {
        this.http = http;
        this.collectionUrl = collectionUrl;
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.onChange = onChange;
        this.streamLength = streamLength;
    }

    /**
     * Lists the collection at {@code collectionUrl} (for example {@code https://host/apis/apps/v1/namespaces/ns/
     * deployments}) and starts watching it. Empty when the listing is refused, unreadable or not answered within
     * {@code listWait}. {@code streamLength}: how long the server keeps one stream open before this view resumes it
     * ({@code timeoutSeconds}); null leaves it to the server (30 to 60 minutes).
     */
    static Optional<WatchedKind> start(HttpClient http, String collectionUrl, String apiVersion, String kind,
            Runnable onChange, Duration listWait, Duration streamLength) {
        StreamedKind view = new StreamedKind(http, collectionUrl, apiVersion, kind, onChange, streamLength);
        try {
            view.list(listWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
            return Optional.empty();
        }
        view.watch();
        return Optional.of(view);
    }

    @Override
    public Map<String, KubeObject> objects() {
        return new HashMap<>(objects);
    }

    @Override
    public boolean watching() {
        return !stopped;
    }

    @Override
    public void close() {
        stopped = true;
        CompletableFuture<HttpResponse<AsyncBody>> c = call;
        if (c != null) {
            c.cancel(true);
        }
        AsyncBody b = body;
        if (b != null) {
            b.cancel();
        }
    }

    private void list(Duration wait) throws InterruptedException, ExecutionException, TimeoutException, IOException {
        String next = "";
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            String url = collectionUrl + "?limit=" + PAGE_SIZE
                    + (next.isEmpty() ? "" : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            HttpRequest request = http.newHttpRequestBuilder().uri(url).header("Accept", "application/json").build();
            HttpResponse<byte[]> response = http.sendAsync(request, byte[].class)
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
            }
            JsonNode page = Yaml.JSON.readTree(response.body());
            for (JsonNode item : page.path("items")) {
                if (item instanceof ObjectNode o) {
                    KubeObject live = live(o);
                    objects.put(live.name(), live);
                }
            }
            resourceVersion = page.path("metadata").path("resourceVersion").asText("");
            next = page.path("metadata").path("continue").asText("");
        } while (!next.isEmpty());
    }

    /** Opens the stream from the last resourceVersion seen; resumed when the server ends it, stopped on failure. */
    private synchronized void watch() {
        if (stopped) {
            return;
        }
        String url = collectionUrl + "?watch=true&allowWatchBookmarks=true&resourceVersion="
                + URLEncoder.encode(resourceVersion, StandardCharsets.UTF_8)
                + (streamLength == null ? "" : "&timeoutSeconds=" + Math.max(1, streamLength.toSeconds()));
        HttpRequest request = http.newHttpRequestBuilder().uri(url).header("Accept", "application/json")
                .forStreaming().build();
        line.reset();
        heard = false;
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<AsyncBody>> c = http.consumeBytes(request, (buffers, b) -> {
            for (ByteBuffer buffer : buffers) {
                consume(buffer);
            }
            b.consume();
        });
        call = c;
        c.whenComplete((response, failure) -> {
            if (failure != null || response == null || !response.isSuccessful()) {
                if (response != null) {
                    response.body().cancel(); // a refusal (403: list allowed, watch not): its answer is not read
                }
                stop();
                return;
            }
            body = response.body();
            response.body().consume();
            response.body().done().whenComplete((v, e) -> {
                boolean quickAndEmpty = !heard && System.nanoTime() - started < QUICK_END.toNanos();
                quickEmptyEnds = quickAndEmpty ? quickEmptyEnds + 1 : 0;
                if (e != null || quickEmptyEnds >= QUICK_ENDS_TOLERATED) {
                    stop();
                } else {
                    watch(); // the server's watch timeout: resume where it ended
                }
            });
        });
    }

    private void consume(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n') {
                event(line.toByteArray());
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    /** One line of the stream: {@code {"type": "ADDED|MODIFIED|DELETED|BOOKMARK|ERROR", "object": {...}}}. */
    private void event(byte[] text) {
        if (stopped || text.length == 0) {
            return;
        }
        JsonNode event;
        try {
            event = Yaml.JSON.readTree(text);
        } catch (IOException e) {
            stop();
            return;
        }
        heard = true;
        String type = event.path("type").asText("");
        JsonNode object = event.path("object");
        String version = object.path("metadata").path("resourceVersion").asText("");
        switch (type) {
            case "ADDED", "MODIFIED" -> {
                if (object instanceof ObjectNode o) {
                    KubeObject live = live(o);
                    objects.put(live.name(), live);
                }
            }
            case "DELETED" -> objects.remove(object.path("metadata").path("name").asText(""));
            case "BOOKMARK" -> {
                if (!version.isEmpty()) {
                    resourceVersion = version;
                }
                return;
            }
            default -> {
                // ERROR (410 Gone: this resourceVersion is too old) or anything unknown: list instead from now on
                stop();
                return;
            }
        }
        if (!version.isEmpty()) {
            resourceVersion = version;
        }
        onChange.run();
    }

    private void stop() {
        if (!stopped) {
            close();
            onChange.run();
        }
    }

    private KubeObject live(ObjectNode item) {
        return ListedItem.of(item, apiVersion, kind);
    }
}
