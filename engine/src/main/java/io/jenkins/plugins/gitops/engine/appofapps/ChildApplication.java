package io.jenkins.plugins.gitops.engine.appofapps;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.DeleteRequest;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An application a parent renders.
 *
 * @param application the child, as parsed from the parent's manifests
 * @param parent the name of the application that rendered it
 * @param source the parent's file it came from (an ApplicationSet's generated children name the set)
 * @param pruneCascade how its resources go when it is pruned: null when it has no
 *     {@code resources-finalizer.argocd.argoproj.io} finalizer (its resources then stay in the cluster)
 * @param specHash a digest of its document: a change means the child must be registered again
 * @param document its document as YAML (kept by {@link ChildRecord}, so a child can be deleted after it left Git)
 */
public record ChildApplication(Application application, String parent, String source,
        DeleteRequest.Cascade pruneCascade, String specHash, String document) {

    /** Argo CD's cascading-deletion finalizer; {@code /background} and {@code /foreground} pick the propagation. */
    public static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

    public String name() {
        return application.name();
    }

    /** The cascade the finalizers of a child's document ask for, or null when none asks. */
    static DeleteRequest.Cascade cascadeOf(JsonNode document) {
        for (JsonNode f : document.path("metadata").path("finalizers")) {
            String v = f.asText("");
            if (v.equals(RESOURCES_FINALIZER) || v.equals(RESOURCES_FINALIZER + "/foreground")) {
                return DeleteRequest.Cascade.FOREGROUND;
            }
            if (v.equals(RESOURCES_FINALIZER + "/background")) {
                return DeleteRequest.Cascade.BACKGROUND;
            }
        }
        return null;
    }

    static String hash(JsonNode document) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Yaml.json(document).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
