package io.jenkins.plugins.gitops.engine.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP receiver on loopback that records every request and answers with queued statuses (then 200). */
final class Receiver implements AutoCloseable {

    record Request(String method, String path, String query, Map<String, String> headers, String body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final HttpServer server;
    private volatile String answer = "{\"ok\": true}";

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), headers,
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            byte[] body = (status == 200 ? answer : "nope").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Receiver failing(int... codes) {
        synchronized (statuses) {
            for (int c : codes) {
                statuses.add(c);
            }
        }
        return this;
    }

    Receiver answering(String json) {
        answer = json;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
