package io.jenkins.plugins.gitops.engine.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A static HTTP server on 127.0.0.1 for download tests: each path answers the bytes or file put there (404 for the
 * rest), and every request path is recorded so a test can tell whether a download happened. Real HTTP, real sockets;
 * nothing here leaves the loopback interface.
 */
public final class LoopbackFileServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Supplier<byte[]>> bodies = new ConcurrentHashMap<>();
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LoopbackFileServer(HttpServer server) {
        this.server = server;
    }

    public static LoopbackFileServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackFileServer s = new LoopbackFileServer(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                s.requests.add(path);
                try (exchange) {
                    Path file = s.files.get(path);
                    Supplier<byte[]> body = s.bodies.get(path);
                    if (file == null && body == null) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    if (file != null) {
                        exchange.sendResponseHeaders(200, Files.size(file));
                        try (OutputStream out = exchange.getResponseBody()) {
                            Files.copy(file, out);
                        }
                    } else {
                        byte[] bytes = body.get();
                        exchange.sendResponseHeaders(200, bytes.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(bytes);
                        }
                    }
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "loopback-file-server");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code content} at {@code path} (starting with a slash). */
    public LoopbackFileServer put(String path, byte[] content) {
        files.remove(path);
        bodies.put(path, () -> content);
        return this;
    }

    public LoopbackFileServer put(String path, String content) {
        return put(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Serves the file (read on every request) at {@code path}. */
    public LoopbackFileServer putFile(String path, Path file) {
        bodies.remove(path);
        files.put(path, file);
        return this;
    }

    /** {@code http://127.0.0.1:PORT} without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The paths requested so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
