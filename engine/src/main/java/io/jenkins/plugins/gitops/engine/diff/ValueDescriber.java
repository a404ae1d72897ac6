package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Writes the detail of a field difference. Values are shown briefly ({@code live "nginx:1.25" -> Git "nginx:1.26"});
 * values of a Secret's {@code data} never are. When two values print the same but differ (a no-break space, a
 * number written as a string), the detail says exactly how, so no OutOfSync is left unexplained.
 */
final class ValueDescriber {

    private static final Set<String> SECRET_FIELDS = Set.of("data", "stringData");
    static final String HIDDEN = "value hidden";

    private final boolean secret;

    ValueDescriber(boolean secret) {
        this.secret = secret;
    }

    String changed(FieldPath path, JsonNode live, JsonNode desired) {
        if (hidden(path)) {
            return HIDDEN;
        }
        String l = JsonValues.summary(live);
        String d = JsonValues.summary(desired);
        StringBuilder b = new StringBuilder();
        if (live.getNodeType() != desired.getNodeType()) {
            b.append("live ").append(l).append(" (").append(JsonValues.typeName(live)).append(") -> Git ")
                    .append(d).append(" (").append(JsonValues.typeName(desired)).append(')');
        } else {
            b.append("live ").append(l).append(" -> Git ").append(d);
        }
        if (live.isTextual() && desired.isTextual()) {
            String invisible = InvisibleCharacters.explain(live.asText(), desired.asText());
            if (!invisible.isEmpty()) {
                b.append("; ").append(invisible);
            }
        }
        return b.toString();
    }

    String added(FieldPath path, JsonNode desired) {
        return hidden(path) ? HIDDEN : "Git " + JsonValues.summary(desired) + ", not in the cluster";
    }

    String removed(FieldPath path, JsonNode live, String why) {
        String value = hidden(path) ? HIDDEN : "live " + JsonValues.summary(live);
        return value + (why.isEmpty() ? "" : "; " + why);
    }

    private boolean hidden(FieldPath path) {
        return secret && (SECRET_FIELDS.contains(path.head()) || path.isRoot());
    }
}
