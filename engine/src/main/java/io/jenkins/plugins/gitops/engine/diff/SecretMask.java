package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the values of a Secret's {@code data} with plus signs before anything is printed, the way Argo CD's
 * HideSecretData does: per key, the first distinct value becomes {@code ++++++++}, the next a longer run, so a reader
 * sees <em>that</em> a key differs between Git and the cluster (different masks) or not (same mask), never the value.
 */
final class SecretMask {

    static final String FIRST = "++++++++";
    private static final String STEP = "++++";

    private SecretMask() {}

    /** Masks the data of the given Secret views (either may be null) in place. */
    static void apply(ObjectNode... secrets) {
        List<ObjectNode> present = Arrays.stream(secrets).filter(s -> s != null).toList();
        Set<String> keys = new LinkedHashSet<>();
        for (ObjectNode s : present) {
            JsonNode data = s.get("data");
            if (data instanceof ObjectNode d) {
                d.fieldNames().forEachRemaining(keys::add);
            } else if (data != null) {
                s.put("data", FIRST); // malformed data: hide it whole
            }
        }
        for (String key : keys) {
            Map<String, String> maskByValue = new LinkedHashMap<>();
            for (ObjectNode s : present) {
                if (s.get("data") instanceof ObjectNode d && d.has(key)) {
                    String value = d.get(key).asText();
                    String mask = maskByValue.computeIfAbsent(value, v -> FIRST + STEP.repeat(maskByValue.size()));
                    d.put(key, mask);
                }
            }
        }
        present.forEach(s -> s.remove("stringData"));
    }
}
