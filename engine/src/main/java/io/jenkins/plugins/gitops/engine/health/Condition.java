package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a Kubernetes {@code status.conditions} list (or of the HPA v1 conditions annotation). Missing
 * fields read as empty strings.
 */
record Condition(String type, String status, String reason, String message) {

    boolean isTrue() {
        return "True".equals(status);
    }

    boolean isFalse() {
        return "False".equals(status);
    }

    /** The message, or the reason when the message is empty. */
    String messageOrReason() {
        return message.isEmpty() ? reason : message;
    }

    /** Parses a conditions array; {@code where} names it in errors (e.g. {@code status.conditions}). */
    static List<Condition> list(JsonNode array, String where) {
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode c = array.get(i);
            if (!c.isObject()) {
                throw new IllegalArgumentException(where + "[" + i + "]: expected an object");
            }
            out.add(new Condition(text(c, "type"), text(c, "status"), text(c, "reason"), text(c, "message")));
        }
        return out;
    }

    /** The object's {@code status.conditions}; empty when there are none. */
    static List<Condition> of(KubeObject obj) {
        return list(Fields.array(obj, "/status/conditions"), "status.conditions");
    }

    static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type.equals(type)).findFirst();
    }

    private static String text(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
