package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes map fields whose value is {@code null} on both sides: Kubernetes treats {@code field: null} as "not set"
 * (exported manifests are full of {@code creationTimestamp: null}), so a null must not count as a declared value.
 */
final class NullValueNormalizer implements Normalizer {

    @Override
    public void normalize(ResourcePair pair) {
        pair.eachSide(NullValueNormalizer::strip);
    }

    static void strip(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    strip(e.getValue());
                }
            }
            obj.remove(nulls);
        } else if (node != null && node.isArray()) {
            node.forEach(NullValueNormalizer::strip);
        }
    }
}
