package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * YAML text with map keys sorted at every level (list order kept), so the desired and live views line up line by
 * line regardless of the order Git or the API server wrote fields in. Null prints as an empty string.
 */
final class CanonicalYaml {

    private CanonicalYaml() {}

    static String write(JsonNode node) {
        return node == null ? "" : Yaml.write(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            names.forEach(n -> out.set(n, sorted(obj.get(n))));
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            arr.forEach(el -> out.add(sorted(el)));
            return out;
        }
        return node;
    }
}
