package io.jenkins.plugins.gitops.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.webhook.GitProvider;
import io.jenkins.plugins.gitops.engine.webhook.WebhookReceiver;
import io.jenkins.plugins.gitops.engine.webhook.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The controller command's webhook endpoint ({@code POST /api/webhook}, like Argo CD's). Shared secrets come from
 * the environment: {@code GITOPS_WEBHOOK_GITHUB_SECRET}, {@code GITOPS_WEBHOOK_GITLAB_SECRET},
 * {@code GITOPS_WEBHOOK_BITBUCKET_SECRET} (Cloud and Server). Once one is set, deliveries of a provider without a
 * secret are refused unless {@code GITOPS_WEBHOOK_ALLOW_UNSIGNED=true}. Bodies are refused over the receiver's size
 * limit before they are read ({@code Content-Length}) or as soon as they pass it (chunked). Answers name no
 * application; the log does.
 */
final class WebhookServer implements AutoCloseable {

    private final HttpServer server;

    private WebhookServer(HttpServer server) {
        this.server = server;
    }

    static WebhookServer start(String bind, int port, Controller controller, EngineLog log) throws IOException {
        Map<GitProvider, String> secrets = new EnumMap<>(GitProvider.class);
        put(secrets, GitProvider.GITHUB, "GITOPS_WEBHOOK_GITHUB_SECRET");
        put(secrets, GitProvider.GITLAB, "GITOPS_WEBHOOK_GITLAB_SECRET");
        put(secrets, GitProvider.BITBUCKET_CLOUD, "GITOPS_WEBHOOK_BITBUCKET_SECRET");
        put(secrets, GitProvider.BITBUCKET_SERVER, "GITOPS_WEBHOOK_BITBUCKET_SECRET");
        WebhookReceiver receiver = new WebhookReceiver(secrets, WebhookReceiver.DEFAULT_MAX_PAYLOAD_BYTES,
                "true".equalsIgnoreCase(System.getenv("GITOPS_WEBHOOK_ALLOW_UNSIGNED")));
        HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 16);
        http.createContext("/api/webhook", ex -> handle(ex, receiver, controller, log));
        http.start();
        return new WebhookServer(http);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void put(Map<GitProvider, String> secrets, GitProvider p, String env) {
        String v = System.getenv(env);
        if (v != null && !v.isEmpty()) {
            secrets.put(p, v);
        }
    }

    private static void handle(HttpExchange ex, WebhookReceiver receiver, Controller controller, EngineLog log)
            throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                respond(ex, 405, "webhooks must be POSTed");
                return;
            }
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            WebhookResponse r;
            try (InputStream in = ex.getRequestBody()) {
                r = receiver.receive(headers, in, declaredLength(ex));
            }
            if (r.event().isPresent()) {
                controller.onPush(r.event().get()); // logs which applications it refreshes
            } else if (r.status() >= 400) {
                log.warn("webhook rejected: " + r.message());
            }
            respond(ex, r.status(), r.message());
        }
    }

    private static long declaredLength(HttpExchange ex) {
        String value = ex.getRequestHeaders().getFirst("Content-Length");
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void respond(HttpExchange ex, int status, String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
