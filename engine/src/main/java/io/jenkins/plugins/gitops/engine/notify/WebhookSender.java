package io.jenkins.plugins.gitops.engine.notify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's generic webhook: {@code service.webhook.<name>} has {@code url}, {@code headers} (name/value list) and
 * {@code basicAuth} (username/password), plus {@code bearerToken} here; the template's {@code webhook.<name>}
 * section gives {@code method} (default GET, as in Argo CD), {@code path} (appended to the url) and {@code body}
 * (default: the message).
 */
final class WebhookSender implements Sender {

    @Override
    public void send(Notification n) throws Exception {
        ServiceConfig s = n.service();
        Map<String, Object> section = n.section("webhook", s.name());
        String method = str(section.get("method"), "GET").toUpperCase(java.util.Locale.ROOT);
        String body = section.containsKey("body") ? str(section.get("body"), "") : n.message();
        String url = s.string("url");
        String path = str(section.get("path"), "");
        if (!path.isEmpty()) {
            url = url.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
        }
        Http.send(method, url, headers(s), body);
    }

    static Map<String, String> headers(ServiceConfig s) {
        Map<String, String> h = new LinkedHashMap<>();
        if (s.settings().get("headers") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("name") != null) {
                    h.put(String.valueOf(m.get("name")), String.valueOf(m.get("value") == null ? "" : m.get("value")));
                }
            }
        }
        if (s.settings().get("basicAuth") instanceof Map<?, ?> auth) {
            String pair = str(auth.get("username"), "") + ":" + str(auth.get("password"), "");
            h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        String bearer = s.string("bearerToken");
        if (bearer != null && !bearer.isEmpty()) {
            h.put("Authorization", "Bearer " + bearer);
        }
        return h;
    }

    static String str(Object o, String fallback) {
        return o == null || String.valueOf(o).isEmpty() ? fallback : String.valueOf(o);
    }
}
