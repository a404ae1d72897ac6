package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.cluster.ApiResource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A metadata watch whose resourceVersion the server no longer has lists its kind again and watches from the new
 * listing's version; what the watch delivered before is replaced by the listing. The server here is a scripted HTTP
 * server, not the harness's kube-apiserver: a real server answers 410 Gone only for versions etcd compacted away and
 * its watch cache evicted (minutes of writes), which a test cannot bring about. Both forms a real server uses are
 * covered: an ERROR event carrying a 410 Status inside a running watch, and HTTP 410 to the watch request itself.
 */
class MetadataWatchGoneTest {

    static final ApiResource CONFIG_MAPS = new ApiResource("", "v1", "ConfigMap", "configmaps", true,
            List.of("list", "watch"));

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aVersionTheServerNoLongerHasMakesTheKindListedAgain(boolean asEvent) throws Exception {
        ScriptedServer server = new ScriptedServer(asEvent);
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(server.url()).build()).build()) {
            MetadataWatch w = new MetadataWatch(client, CONFIG_MAPS, ResourceTracking.of(TrackingMethod.Annotation),
                    retries, EngineLog.NONE);
            w.start();
            w.firstListing().get();
            assertThat(w.tracks("app-a")).isTrue();

            await(() -> w.lists() == 2 && server.watchQueries.size() == 2, "listed and watching again");
            assertThat(w.owners()).as("the second listing is the truth, not what the first watch delivered")
                    .isEqualTo(Map.of("ns/a", "app-a", "ns/b", "app-b"));
            assertThat(w.tracks("app-b")).isTrue();
            assertThat(w.tracks("app-c")).isFalse();
            assertThat(server.watchQueries.get(0)).contains("resourceVersion=10").contains("allowWatchBookmarks=true");
            assertThat(server.watchQueries.get(1)).contains("resourceVersion=20");
            assertThat(server.lists.get()).isEqualTo(2);
            w.stop();
        } finally {
            retries.shutdownNow();
            server.stop();
        }
    }

    /** Serves ConfigMaps: two listings (versions 10 and 20); the first watch ends with 410, the second stays open. */
    static final class ScriptedServer {
        final HttpServer http;
        final ExecutorService threads = Executors.newCachedThreadPool();
        final AtomicInteger lists = new AtomicInteger();
        final List<String> watchQueries = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        final boolean asEvent;

        ScriptedServer(boolean asEvent) throws IOException {
            this.asEvent = asEvent;
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(threads);
            http.createContext("/api/v1/configmaps", this::handle);
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        void stop() {
            done.countDown();
            http.stop(0);
            threads.shutdownNow();
        }

        private void handle(HttpExchange x) throws IOException {
            String query = x.getRequestURI().getRawQuery();
            if (query != null && query.contains("watch=true")) {
                watchQueries.add(query);
                if (watchQueries.size() == 1) {
                    if (asEvent) {
                        stream(x, event("ADDED", "c", "app-c", "11")
                                + "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                                + "\"status\":\"Failure\",\"message\":\"too old resource version: 10 (15)\","
                                + "\"reason\":\"Expired\",\"code\":410}}\n", false);
                    } else {
                        byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                + "\"reason\":\"Gone\",\"code\":410}").getBytes(StandardCharsets.UTF_8);
                        x.sendResponseHeaders(410, body.length);
                        x.getResponseBody().write(body);
                        x.close();
                    }
                } else {
                    stream(x, "", true);
                }
                return;
            }
            String items = lists.incrementAndGet() == 1 ? item("a", "app-a")
                    : item("a", "app-a") + "," + item("b", "app-b");
            String version = lists.get() == 1 ? "10" : "20";
            byte[] body = ("{\"kind\":\"PartialObjectMetadataList\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":"
                    + "{\"resourceVersion\":\"" + version + "\"},\"items\":[" + items + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        }

        private void stream(HttpExchange x, String lines, boolean holdOpen) throws IOException {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write(lines.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (holdOpen) {
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            x.close();
        }

        private static String item(String name, String app) {
            return "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\",\"annotations\":{"
                    + "\"argocd.argoproj.io/tracking-id\":\"" + app + ":/ConfigMap:ns/" + name + "\"}}}";
        }

        private static String event(String type, String name, String app, String version) {
            return "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":"
                    + "\"meta.k8s.io/v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\","
                    + "\"resourceVersion\":\"" + version + "\",\"annotations\":{\"argocd.argoproj.io/tracking-id\":\""
                    + app + ":/ConfigMap:ns/" + name + "\"}}}}\n";
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
