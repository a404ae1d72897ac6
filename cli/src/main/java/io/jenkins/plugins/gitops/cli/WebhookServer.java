package io.jenkins.plugins.gitops.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.webhook.GitProvider;
import io.jenkins.plugins.gitops.engine.webhook.WebhookReceiver;
import io.jenkins.plugins.gitops.engine.webhook.WebhookRequest;
import io.jenkins.plugins.gitops.engine.webhook.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller command's webhook endpoint ({@code POST /api/webhook}, like Argo CD's). Shared secrets come from
 * the environment: {@code GITOPS_WEBHOOK_GITHUB_SECRET}, {@code GITOPS_WEBHOOK_GITLAB_SECRET},
 * {@code GITOPS_WEBHOOK_BITBUCKET_SECRET} (Cloud and Server). Bodies are read up to the receiver's size limit.
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
        WebhookReceiver receiver = new WebhookReceiver(secrets);
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
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(WebhookReceiver.DEFAULT_MAX_PAYLOAD_BYTES + 1);
            }
            WebhookResponse r = receiver.receive(new WebhookRequest(headers, body));
            String message = r.message();
            if (r.event().isPresent()) {
                List<String> refreshed = controller.onPush(r.event().get());
                message = message + "; refreshing " + (refreshed.isEmpty() ? "no application" : String.join(", ", refreshed));
            } else if (r.status() >= 400) {
                log.warn("webhook rejected: " + message);
            }
            respond(ex, r.status(), message);
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
