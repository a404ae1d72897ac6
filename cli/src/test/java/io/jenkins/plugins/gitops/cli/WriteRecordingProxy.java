package io.jenkins.plugins.gitops.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain-HTTP front for the harness's API server that records every write passing through it. The harness's
 * {@code start.sh} takes no extra kube-apiserver flags, so the API server's audit log cannot be switched on; instead
 * each controller process gets its own proxy (and a kubeconfig pointing at it), and the proxies - one JVM, one
 * monotonic clock - record which controller sent which POST/PUT/PATCH/DELETE when, and with what answer. Everything
 * else (GETs, watches) streams through unrecorded. The proxy talks to the API server with the harness's
 * cluster-admin client certificate.
 */
final class WriteRecordingProxy implements AutoCloseable {

    /** One write: who sent it, when it arrived (nanoTime and wall clock), what it was, the API server's answer. */
    record Write(String controller, long arrivedNanos, Instant arrivedAt, String method, String path, String query,
            int status) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        /** A server-side dry run ({@code dryRun=All}): checked by the server, nothing stored. */
        boolean dryRun() {
            return query != null && query.contains("dryRun=All");
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "http2-settings", "keep-alive", "transfer-encoding", "te", "proxy-connection");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final String controller;
    private final URI upstream;
    private final HttpClient http;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Write> writes;

    WriteRecordingProxy(String controller, Path adminKubeconfig, List<Write> sharedLog) {
        this.controller = controller;
        this.writes = sharedLog;
        try {
            Config config = Config.fromKubeconfig(Files.readString(adminKubeconfig));
            this.upstream = URI.create(config.getMasterUrl().replaceAll("/+$", ""));
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(SSLUtils.sslContext(config)).connectTimeout(Duration.ofSeconds(5)).build();
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the proxy: " + e, e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::forward);
        server.start();
    }

    /** A kubeconfig without credentials that points at this proxy. */
    Path kubeconfig(Path file) {
        try {
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: proxy
                      cluster: {server: "http://127.0.0.1:%d"}
                    users:
                    - name: proxy
                      user: {}
                    contexts:
                    - name: proxy
                      context: {cluster: proxy, user: proxy}
                    current-context: proxy
                    """.formatted(server.getAddress().getPort()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void forward(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        Instant arrivedAt = Instant.now();
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        int status = 502;
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(upstream + path
                    + (query == null ? "" : "?" + query)))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> req.header(name, v));
                }
            });
            HttpResponse<InputStream> resp;
            try {
                resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                ex.sendResponseHeaders(502, -1);
                return;
            }
            status = resp.statusCode();
            resp.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    ex.getResponseHeaders().put(name, values);
                }
            });
            boolean noBody = status == 204 || status == 304 || "HEAD".equals(method);
            ex.sendResponseHeaders(status, noBody ? -1 : 0);
            try (InputStream in = resp.body(); OutputStream out = ex.getResponseBody()) {
                byte[] buf = new byte[16384];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                    out.flush(); // watch events must not wait in a buffer
                }
            } catch (IOException clientGone) {
                // a watch the controller closed, or the controller was killed
            }
        } finally {
            if (WRITES.contains(method)) {
                synchronized (writes) {
                    writes.add(new Write(controller, arrived, arrivedAt, method, path, query, status));
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
