package io.jenkins.plugins.gitops.engine.notify;

import java.util.Map;

/**
 * One message to deliver: which application and trigger caused it, the template it was rendered from, the service
 * and recipient, the rendered template tree ({@code message}, {@code email.subject}, ...) and the application
 * document it was rendered over (services read the repository and revision from it), and the application's page.
 */
public record Notification(String app, String trigger, String template, ServiceConfig service, String recipient,
        Map<String, Object> rendered, Map<String, Object> appDocument, String appUrl) {

    public String message() {
        Object m = rendered.get("message");
        return m == null ? "" : String.valueOf(m);
    }

    /** A string at a path of the rendered tree ({@code "email", "subject"}), null when absent. */
    public String field(String... path) {
        Object v = rendered;
        for (String p : path) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(p);
        }
        return v == null || v instanceof Map ? null : String.valueOf(v);
    }

    /** A sub-tree of the rendered template ({@code "webhook", "ci"}), empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String... path) {
        Object v = rendered;
        for (String p : path) {
            if (!(v instanceof Map<?, ?> m)) {
                return Map.of();
            }
            v = m.get(p);
        }
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A string from the application document ({@code "spec", "source", "repoURL"}), null when absent. */
    public String appField(String... path) {
        Object v = appDocument;
        for (String p : path) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(p);
        }
        return v == null || v instanceof Map ? null : String.valueOf(v);
    }
}
