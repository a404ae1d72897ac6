package io.jenkins.plugins.gitops.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object (rendered from Git or read from the cluster) as a Jackson tree.
 *
 * <p>Invariant: the wrapped tree is never mutated after construction; every "with" method works on a deep copy.
 * Callers that need to edit use {@link #mutableCopy()} and wrap the result again. {@code source} names where the
 * object came from (a file in the repository, or "live") so errors can point at it.
 */
public final class KubeObject {

    public static final String ANNOTATIONS = "annotations";
    public static final String LABELS = "labels";

    private final ObjectNode node;
    private final String source;

    public KubeObject(ObjectNode node, String source) {
        this.node = Objects.requireNonNull(node, "node");
        this.source = source == null ? "" : source;
    }

    public static KubeObject of(ObjectNode node) {
        return new KubeObject(node, "");
    }

    /** The tree itself. Do not mutate it: use {@link #mutableCopy()}. */
    public ObjectNode node() {
        return node;
    }

    public ObjectNode mutableCopy() {
        return node.deepCopy();
    }

    /** Where the object came from, e.g. {@code guestbook/deployment.yaml} or {@code live}. */
    public String source() {
        return source;
    }

    public KubeObject withSource(String newSource) {
        return new KubeObject(node, newSource);
    }

    public String apiVersion() {
        return text(node, "apiVersion");
    }

    public String kind() {
        return text(node, "kind");
    }

    public String group() {
        return ResourceKey.groupOf(apiVersion());
    }

    /** Version part of apiVersion ({@code v1} of {@code apps/v1}). */
    public String version() {
        String av = apiVersion();
        int slash = av.indexOf('/');
        return slash < 0 ? av : av.substring(slash + 1);
    }

    public String name() {
        return text(metadata(), "name");
    }

    public String generateName() {
        return text(metadata(), "generateName");
    }

    public String namespace() {
        return text(metadata(), "namespace");
    }

    public String uid() {
        return text(metadata(), "uid");
    }

    public ResourceKey key() {
        return new ResourceKey(group(), kind(), namespace(), name());
    }

    public JsonNode metadata() {
        JsonNode m = node.get("metadata");
        return m == null ? JsonNodeFactory.instance.objectNode() : m;
    }

    public Map<String, String> annotations() {
        return stringMap(metadata().get(ANNOTATIONS));
    }

    public Map<String, String> labels() {
        return stringMap(metadata().get(LABELS));
    }

    public String annotation(String name) {
        return annotations().get(name);
    }

    /** Value at a JSON pointer such as {@code /spec/replicas}; a missing node when absent. */
    public JsonNode at(String pointer) {
        return node.at(pointer);
    }

    public boolean hasDeletionTimestamp() {
        JsonNode ts = metadata().get("deletionTimestamp");
        return ts != null && !ts.isNull() && !ts.asText().isEmpty();
    }

    /** A copy with one annotation set (or removed when value is null). */
    public KubeObject withAnnotation(String name, String value) {
        ObjectNode copy = mutableCopy();
        ObjectNode meta = copy.with("metadata");
        ObjectNode ann = meta.with(ANNOTATIONS);
        if (value == null) {
            ann.remove(name);
        } else {
            ann.put(name, value);
        }
        return new KubeObject(copy, source);
    }

    /** A copy with one label set (or removed when value is null). */
    public KubeObject withLabel(String name, String value) {
        ObjectNode copy = mutableCopy();
        ObjectNode labels = copy.with("metadata").with(LABELS);
        if (value == null) {
            labels.remove(name);
        } else {
            labels.put(name, value);
        }
        return new KubeObject(copy, source);
    }

    public KubeObject withNamespace(String namespace) {
        ObjectNode copy = mutableCopy();
        copy.with("metadata").put("namespace", namespace);
        return new KubeObject(copy, source);
    }

    /** A copy without {@code metadata.namespace} (what a cluster-scoped object is on the server). */
    public KubeObject withoutNamespace() {
        ObjectNode copy = mutableCopy();
        copy.with("metadata").remove("namespace");
        return new KubeObject(copy, source);
    }

    private static Map<String, String> stringMap(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return Collections.unmodifiableMap(out);
    }

    static String text(JsonNode n, String field) {
        if (n == null) {
            return "";
        }
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KubeObject k && k.node.equals(node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        return key() + (source.isEmpty() ? "" : " (" + source + ")");
    }
}
