package io.jenkins.plugins.gitops.engine.imageupdate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the image updater reads Kubernetes Secrets from: the cluster it runs next to (Argo CD Image Updater reads
 * {@code pullsecret:}, {@code secret:} and {@code git:secret:} from its own cluster). Values are returned decoded
 * and are never put into a message: errors name the namespace, secret and field only.
 */
@FunctionalInterface
public interface SecretSource {

    /** No cluster to read from: every read is an error saying so. */
    SecretSource NONE = (namespace, name) -> {
        throw new ImageUpdateException("secret " + namespace + "/" + name + " cannot be read: no cluster is "
                + "configured to read secrets from");
    };

    /** The secret's data (decoded, {@code stringData} included), or empty when it does not exist. */
    Optional<Map<String, String>> read(String namespace, String name);

    /** The field's value, or an error naming the secret and field (never a value). */
    default String field(String namespace, String name, String field, String usedBy) {
        Map<String, String> data = read(namespace, name).orElseThrow(() -> new ImageUpdateException(usedBy
                + ": secret " + namespace + "/" + name + " does not exist"));
        String v = data.get(field);
        if (v == null || v.isEmpty()) {
            throw new ImageUpdateException(usedBy + ": secret " + namespace + "/" + name + " has no field '" + field
                    + "'");
        }
        return v;
    }

    /** Secrets of the cluster {@code client} talks to. */
    static SecretSource of(KubernetesClient client) {
        return (namespace, name) -> {
            Secret s;
            try {
                s = client.secrets().inNamespace(namespace).withName(name).get();
            } catch (KubernetesClientException e) {
                throw new ImageUpdateException("secret " + namespace + "/" + name + " cannot be read (HTTP "
                        + e.getCode() + (e.getStatus() != null && e.getStatus().getReason() != null
                                ? " " + e.getStatus().getReason() : "") + ")");
            }
            if (s == null) {
                return Optional.empty();
            }
            Map<String, String> out = new LinkedHashMap<>();
            if (s.getData() != null) {
                s.getData().forEach((k, v) -> out.put(k, v == null ? "" : decode(v)));
            }
            if (s.getStringData() != null) {
                out.putAll(s.getStringData());
            }
            return Optional.of(out);
        };
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
