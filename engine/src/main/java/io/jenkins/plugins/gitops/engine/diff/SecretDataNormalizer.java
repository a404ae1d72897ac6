package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Secrets: {@code stringData} is folded into base64 {@code data} (the API server does the same on write, so a Git
 * Secret written with stringData equals its live copy), and null data values become empty strings, as in
 * gitops-engine's NormalizeSecret. Values are compared for real; masking happens only when output is produced.
 */
final class SecretDataNormalizer implements Normalizer {

    @Override
    public void normalize(ResourcePair pair) {
        if (pair.isSecret()) {
            pair.eachSide(SecretDataNormalizer::fold);
        }
    }

    static void fold(ObjectNode secret) {
        JsonNode stringData = secret.get("stringData");
        if (stringData instanceof ObjectNode sd) {
            ObjectNode data = secret.get("data") instanceof ObjectNode d ? d : secret.putObject("data");
            for (Map.Entry<String, JsonNode> e : sd.properties()) {
                JsonNode v = e.getValue();
                if (v.isValueNode() && !v.isNull()) {
                    data.put(e.getKey(), Base64.getEncoder().encodeToString(v.asText().getBytes(StandardCharsets.UTF_8)));
                } else {
                    data.set(e.getKey(), v);
                }
            }
            secret.remove("stringData");
        }
        if (secret.get("data") instanceof ObjectNode data) {
            for (Map.Entry<String, JsonNode> e : data.properties()) {
                if (e.getValue().isNull()) {
                    data.put(e.getKey(), "");
                }
            }
        }
    }
}
