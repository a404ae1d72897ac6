package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.function.Consumer;

/**
 * The desired and live trees of one resource while they are being normalised (mutable deep copies; either may be
 * null), plus what was read from the raw live object before normalisation removed it: its
 * {@code metadata.managedFields} and its {@code kubectl.kubernetes.io/last-applied-configuration}.
 */
final class ResourcePair {

    private final ResourceKey key;
    private final ObjectNode desired;
    private final ObjectNode live;
    private final ArrayNode liveManagedFields;
    private final ObjectNode lastApplied;

    ResourcePair(KubeObject desired, KubeObject live) {
        if (desired == null && live == null) {
            throw new IllegalArgumentException("a resource pair needs a desired or a live object");
        }
        this.key = desired != null ? desired.key() : live.key();
        this.desired = desired == null ? null : desired.mutableCopy();
        this.live = live == null ? null : copyWithoutManagedFields(live.node());
        // read only (FieldSet copies what it keeps): the live object's own list, not a copy
        JsonNode mf = live == null ? null : live.metadata().get("managedFields");
        this.liveManagedFields = mf != null && mf.isArray() ? (ArrayNode) mf : JsonNodeFactory.instance.arrayNode();
        this.lastApplied = live == null ? null : parseLastApplied(live.annotation(AnnotationNames.LAST_APPLIED));
    }

    ResourceKey key() {
        return key;
    }

    boolean isSecret() {
        return key.group().isEmpty() && key.kind().equals("Secret");
    }

    /** The desired tree, or null when the resource is not in Git. */
    ObjectNode desired() {
        return desired;
    }

    /** The live tree, or null when the resource is not in the cluster. */
    ObjectNode live() {
        return live;
    }

    /** Runs an edit on each present side. */
    void eachSide(Consumer<ObjectNode> edit) {
        if (desired != null) {
            edit.accept(desired);
        }
        if (live != null) {
            edit.accept(live);
        }
    }

    /** The live object's managedFields as read before normalisation (empty when it had none). */
    ArrayNode liveManagedFields() {
        return liveManagedFields;
    }

    /** The live object's last-applied configuration, or null (absent or not valid JSON). */
    ObjectNode lastApplied() {
        return lastApplied;
    }

    /**
     * A deep copy without {@code metadata.managedFields}: normalisation drops them first thing, and they are often as
     * large as the rest of the object (a third of a one-shot diff's copying).
     */
    private static ObjectNode copyWithoutManagedFields(ObjectNode node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (java.util.Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals("metadata") && e.getValue() instanceof ObjectNode meta) {
                ObjectNode m = out.putObject("metadata");
                for (java.util.Map.Entry<String, JsonNode> f : meta.properties()) {
                    if (!f.getKey().equals("managedFields")) {
                        m.set(f.getKey(), f.getValue().deepCopy());
                    }
                }
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    private static ObjectNode parseLastApplied(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Yaml.JSON.readTree(text);
            return n instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            // Like Argo CD: an unreadable annotation is ignored and the comparison falls back to managedFields.
            return null;
        }
    }
}
