package io.jenkins.plugins.gitops.engine.imageupdate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Registry credentials from a Docker config JSON ({@code ~/.docker/config.json} or a {@code .dockerconfigjson}
 * pull secret): {@code auths.<registry>.auth} (base64 {@code user:password}) or {@code username}/{@code password}.
 * Credential helpers ({@code credsStore}) are not run.
 */
public final class DockerConfig {

    private DockerConfig() {}

    public static List<RegistryCredential> parse(String json, String origin) {
        JsonNode root;
        try {
            root = Yaml.JSON.readTree(json);
        } catch (Exception e) {
            throw new ImageUpdateException(origin + ": not a Docker config JSON: " + e.getMessage());
        }
        List<RegistryCredential> out = new ArrayList<>();
        JsonNode auths = root == null ? null : root.get("auths");
        if (auths == null || !auths.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            String user = n.path("username").asText("");
            String password = n.path("password").asText("");
            String auth = n.path("auth").asText("");
            if (!auth.isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException ex) {
                    throw new ImageUpdateException(origin + ": auths." + e.getKey() + ".auth is not base64");
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new ImageUpdateException(origin + ": auths." + e.getKey() + ".auth is not user:password");
                }
                user = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
            if (!password.isEmpty()) {
                out.add(new RegistryCredential(e.getKey(), user, password));
            }
        }
        return out;
    }
}
