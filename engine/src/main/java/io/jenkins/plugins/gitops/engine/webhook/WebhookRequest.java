package io.jenkins.plugins.gitops.engine.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An incoming webhook delivery: headers (case-insensitive) and the raw body bytes exactly as received. */
public final class WebhookRequest {

    private final Map<String, String> headers;
    private final byte[] body;

    public WebhookRequest(Map<String, String> headers, byte[] body) {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                h.put(k, v);
            }
        });
        this.headers = h;
        this.body = body == null ? new byte[0] : body.clone();
    }

    /** Header value or empty string. */
    public String header(String name) {
        return headers.getOrDefault(name, "");
    }

    public boolean hasHeader(String name) {
        return headers.containsKey(name);
    }

    public byte[] body() {
        return body.clone();
    }

    byte[] bodyUnsafe() {
        return body;
    }

    String headerLower(String name) {
        return header(name).toLowerCase(Locale.ROOT);
    }
}
