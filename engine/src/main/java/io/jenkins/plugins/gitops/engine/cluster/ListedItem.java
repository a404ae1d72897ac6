package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;

/**
 * An item of a list or a watch event read as plain JSON, as a live {@link KubeObject}. The items of a list come without
 * {@code apiVersion} and {@code kind}; those are taken from what was listed and put first, as in an object read alone.
 */
public final class ListedItem {

    /** The source name of objects read from a cluster. */
    public static final String LIVE = "live";

    private ListedItem() {
    }

    /** The item as a live object of {@code apiVersion}/{@code kind}; the tree is used as it is when it names both. */
    public static KubeObject of(ObjectNode item, String apiVersion, String kind) {
        if (!item.path("apiVersion").asText("").isEmpty() && !item.path("kind").asText("").isEmpty()) {
            return new KubeObject(item, LIVE);
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", kind);
        item.fields().forEachRemaining(e -> {
            if (!tree.has(e.getKey())) {
                tree.set(e.getKey(), e.getValue());
            }
        });
        return new KubeObject(tree, LIVE);
    }
}
