package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges a generator element's {@code template} over the ApplicationSet's template like Argo CD's
 * {@code mergo.Merge(generatorTemplate, setTemplate)}: mappings merge key by key, and any other value of the
 * generator's template wins unless it is empty (null, empty string, empty list), in which case the set's value stays.
 */
final class TemplateMerge {

    private TemplateMerge() {}

    static JsonNode merge(JsonNode override, JsonNode base) {
        if (override == null || override.isNull() || override.isMissingNode()) {
            return base;
        }
        if (base == null || base.isNull()) {
            return override;
        }
        if (override.isObject() && base.isObject()) {
            ObjectNode out = ((ObjectNode) base).deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), merge(e.getValue(), out.get(e.getKey())));
            }
            return out;
        }
        boolean empty = (override.isTextual() && override.asText().isEmpty()) || (override.isArray()
                && override.isEmpty());
        return empty ? base : override;
    }
}
