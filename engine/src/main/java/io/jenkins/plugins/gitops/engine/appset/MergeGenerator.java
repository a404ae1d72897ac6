package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The merge generator: the parameter sets of the first child (the base) in order, each overridden by the one set of
 * every later child that has the same values for all {@code mergeKeys}. Later children must be unique per merge key
 * (an error names the duplicate); their sets without a matching base are dropped, as in Argo CD. Go parameter maps
 * merge deeply with the override winning.
 */
final class MergeGenerator implements Generator {

    @Override
    public List<Map<String, Object>> generate(JsonNode spec, GeneratorContext context, String path) {
        JsonNode children = spec == null ? null : spec.get("generators");
        if (children == null || !children.isArray() || children.size() < 2) {
            throw new GeneratorException(path + ".generators", "a merge needs at least two child generators");
        }
        List<String> keys = new ArrayList<>();
        spec.path("mergeKeys").forEach(k -> keys.add(k.asText()));
        if (keys.isEmpty()) {
            throw new GeneratorException(path + ".mergeKeys", "at least one merge key is required");
        }
        List<Map<String, Object>> base = new ArrayList<>();
        context.run(children.get(0), path + ".generators[0]", Map.of())
                .forEach(p -> base.add(copy(p)));
        for (int i = 1; i < children.size(); i++) {
            String at = path + ".generators[" + i + "]";
            Map<String, Map<String, Object>> overrides = new HashMap<>();
            for (Map<String, Object> p : context.run(children.get(i), at, Map.of())) {
                String key = key(p, keys);
                if (overrides.put(key, p) != null) {
                    throw new GeneratorException(at, "the parameter sets are not unique by the merge keys: " + key
                            + " occurs more than once");
                }
            }
            for (int b = 0; b < base.size(); b++) {
                Map<String, Object> override = overrides.get(key(base.get(b), keys));
                if (override != null) {
                    Map<String, Object> merged = copy(base.get(b));
                    ParamValues.deepMerge(merged, override, true);
                    base.set(b, merged);
                }
            }
        }
        return base;
    }

    private static String key(Map<String, Object> params, List<String> keys) {
        return keys.stream().map(k -> k + "=" + ParamValues.text(ParamValues.lookup(params, k)))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> p) {
        return (Map<String, Object>) ParamValues.copy(p);
    }
}
