package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies parameters to every string value of a YAML tree (keys are left alone, as Argo CD's deep replace leaves map
 * keys alone). A failure names the field path of the string ({@code spec.source.path}).
 */
final class TemplateRenderer {

    private final TemplateOptions options;
    /** Parsed Go templates by source text: the same template strings are rendered once per parameter set. */
    private final Map<String, GoTemplate> parsed = new HashMap<>();

    TemplateRenderer(TemplateOptions options) {
        this.options = options;
    }

    TemplateOptions options() {
        return options;
    }

    /** One string. */
    String render(String text, Map<String, Object> params) {
        if (!text.contains("{{")) {
            return text;
        }
        if (!options.goTemplate()) {
            return FastTemplate.render(text, params);
        }
        return parsed.computeIfAbsent(text, GoTemplate::parse).execute(params, options.missingKeyError());
    }

    /** A rendered deep copy of a tree. */
    JsonNode render(JsonNode tree, Map<String, Object> params) {
        JsonNode copy = tree.deepCopy();
        return renderInPlace(copy, params, "");
    }

    private JsonNode renderInPlace(JsonNode node, Map<String, Object> params, String path) {
        if (node.isTextual()) {
            try {
                return TextNode.valueOf(render(node.textValue(), params));
            } catch (TemplateException e) {
                throw new TemplateException((path.isEmpty() ? "" : path + ": ") + e.getMessage());
            }
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(renderInPlace(e.getValue(), params, path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, renderInPlace(a.get(i), params, path + "[" + i + "]"));
            }
        }
        return node;
    }
}
