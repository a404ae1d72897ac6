package io.jenkins.plugins.gitops.engine.notify;

import java.util.List;
import java.util.Map;

/**
 * A configured service ({@code service.slack}, {@code service.webhook.ci}): its name (what subscriptions name), its
 * type (webhook, slack, email, github, jenkins) and its settings with {@code $secret} references already resolved.
 * The resolved secret values are kept apart so everything shown to people can be masked.
 */
public record ServiceConfig(String name, String type, Map<String, Object> settings, List<String> secretValues) {

    public static final List<String> TYPES = List.of("webhook", "slack", "email", "github", "jenkins");

    public String string(String key) {
        Object v = settings.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public String string(String key, String fallback) {
        String v = string(key);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
