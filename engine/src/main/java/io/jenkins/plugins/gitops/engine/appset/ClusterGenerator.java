package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clusters generator: one parameter set per configured {@link Cluster} whose labels match {@code selector}.
 * Parameters, as Argo CD names them: {@code name}, {@code nameNormalized}, {@code server},
 * {@code metadata.labels.<key>}, {@code metadata.annotations.<key>} (nested {@code metadata.labels} maps for Go
 * templates) and {@code values.<key>}.
 */
final class ClusterGenerator implements Generator {

    @Override
    public List<Map<String, Object>> generate(JsonNode spec, GeneratorContext context, String path) {
        JsonNode s = spec == null || spec.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : spec;
        if (!s.isMissingNode() && !s.isObject()) {
            throw new GeneratorException(path, "must be a mapping");
        }
        LabelSelector selector = LabelSelector.parse(s.get("selector"), path + ".selector");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Cluster c : context.clusters()) {
            if (!selector.matches(c.labels())) {
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("name", c.name());
            params.put("nameNormalized", Names.sanitize(c.name()));
            params.put("server", c.server());
            if (context.goTemplate()) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("labels", new LinkedHashMap<String, Object>(c.labels()));
                meta.put("annotations", new LinkedHashMap<String, Object>(c.annotations()));
                params.put("metadata", meta);
            } else {
                c.labels().forEach((k, v) -> params.put("metadata.labels." + k, v));
                c.annotations().forEach((k, v) -> params.put("metadata.annotations." + k, v));
            }
            context.appendValues(s.get("values"), params, path);
            out.add(params);
        }
        return out;
    }
}
