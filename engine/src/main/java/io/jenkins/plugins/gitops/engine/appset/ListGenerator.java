package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list generator: one parameter set per element of {@code elements} (and of the YAML list in
 * {@code elementsYaml}). For Go templates an element is used as it is; for plain templates its values must be
 * scalars (printed as text) except {@code values}, whose entries become {@code values.<key>}.
 */
final class ListGenerator implements Generator {

    @Override
    public List<Map<String, Object>> generate(JsonNode spec, GeneratorContext context, String path) {
        List<JsonNode> elements = new ArrayList<>();
        JsonNode els = spec == null ? null : spec.get("elements");
        if (els != null && !els.isNull()) {
            if (!els.isArray()) {
                throw new GeneratorException(path + ".elements", "must be a list");
            }
            els.forEach(elements::add);
        }
        int fromYaml = elements.size();
        JsonNode yaml = spec == null ? null : spec.get("elementsYaml");
        if (yaml != null && !yaml.asText().isBlank()) {
            try {
                JsonNode parsed = Yaml.YAML.readTree(yaml.asText());
                if (!parsed.isArray()) {
                    throw new GeneratorException(path + ".elementsYaml", "must be a YAML list of mappings");
                }
                parsed.forEach(elements::add);
            } catch (JsonProcessingException e) {
                throw new GeneratorException(path + ".elementsYaml", "invalid YAML: " + e.getOriginalMessage());
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String at = i < fromYaml ? path + ".elements[" + i + "]" : path + ".elementsYaml[" + (i - fromYaml) + "]";
            JsonNode e = elements.get(i);
            if (!e.isObject()) {
                throw new GeneratorException(at, "must be a mapping");
            }
            out.add(context.goTemplate() ? asMap(e) : flat(e, at));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode e) {
        return (Map<String, Object>) ParamValues.fromJson(e);
    }

    private static Map<String, Object> flat(JsonNode e, String at) {
        Map<String, Object> params = new LinkedHashMap<>();
        e.fields().forEachRemaining(f -> {
            String key = f.getKey();
            JsonNode v = f.getValue();
            if (key.equals("values") && v.isObject()) {
                v.fields().forEachRemaining(x -> {
                    if (!x.getValue().isValueNode()) {
                        throw new GeneratorException(at + ".values." + x.getKey(), "must be a string");
                    }
                    params.put("values." + x.getKey(), x.getValue().asText());
                });
            } else if (v.isValueNode()) {
                params.put(key, v.isNull() ? "" : v.asText());
            } else {
                throw new GeneratorException(at + "." + key, "must be a string (nested values need goTemplate: true)");
            }
        });
        return params;
    }
}
