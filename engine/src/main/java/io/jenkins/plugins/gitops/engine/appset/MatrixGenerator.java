package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrix generator: the cartesian product of exactly two child generators. The second child is evaluated once
 * per parameter set of the first, with its spec rendered using that set, so it may refer to the first child's
 * parameters ({@code path: '{{path}}/config.json'}). Plain parameter sets combine only when a key present in both has
 * the same value (an error otherwise, as in Argo CD); Go parameter maps merge deeply, the first child's values
 * winning.
 */
final class MatrixGenerator implements Generator {

    @Override
    public List<Map<String, Object>> generate(JsonNode spec, GeneratorContext context, String path) {
        JsonNode children = spec == null ? null : spec.get("generators");
        if (children == null || !children.isArray() || children.size() != 2) {
            throw new GeneratorException(path + ".generators", "a matrix needs exactly two child generators, found "
                    + (children == null || !children.isArray() ? 0 : children.size()));
        }
        String first = path + ".generators[0]";
        String second = path + ".generators[1]";
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> a : context.run(children.get(0), first, Map.of())) {
            for (Map<String, Object> b : context.run(children.get(1), second, a)) {
                out.add(combine(a, b, context.goTemplate(), path));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> combine(Map<String, Object> a, Map<String, Object> b, boolean go,
            String path) {
        Map<String, Object> out = (Map<String, Object>) ParamValues.copy(a);
        if (go) {
            ParamValues.deepMerge(out, b, false);
            return out;
        }
        for (Map.Entry<String, Object> e : b.entrySet()) {
            Object existing = out.get(e.getKey());
            if (existing != null && !existing.equals(e.getValue())) {
                throw new GeneratorException(path, "parameter '" + e.getKey() + "' is '" + existing
                        + "' in the first generator and '" + e.getValue() + "' in the second; rename one of them");
            }
            out.put(e.getKey(), e.getValue());
        }
        return new LinkedHashMap<>(out);
    }
}
