package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ownership for client-side apply: a live field is ours when the {@code kubectl.kubernetes.io/last-applied-configuration}
 * annotation (what was applied last time) contains it. Map-list elements are found by their key, set members by
 * value, positional elements by index.
 */
record LastAppliedOwnership(JsonNode node) implements Ownership {

    static Ownership of(JsonNode lastApplied) {
        return lastApplied == null ? Ownership.NONE : new LastAppliedOwnership(lastApplied);
    }

    @Override
    public boolean owned() {
        return true;
    }

    @Override
    public boolean whole() {
        // kubectl writes "annotations":{} into last-applied for objects that declare none: an empty map owns no
        // fields, it does not claim every key other actors add (an empty list, by contrast, is a whole value).
        return !node.isContainerNode() || (node.isArray() && node.isEmpty());
    }

    @Override
    public String source() {
        return "in the last-applied-configuration annotation";
    }

    @Override
    public Ownership field(String name) {
        JsonNode child = node.isObject() ? node.get(name) : null;
        return child == null || child.isNull() ? Ownership.NONE : new LastAppliedOwnership(child);
    }

    @Override
    public Ownership element(JsonNode liveElement, int index, ListKey key) {
        if (!node.isArray()) {
            return Ownership.NONE;
        }
        if (key.type() == ListKey.Type.POSITIONAL) {
            return index < node.size() ? new LastAppliedOwnership(node.get(index)) : Ownership.NONE;
        }
        String id = key.identity(liveElement);
        for (JsonNode applied : node) {
            boolean comparable = key.type() == ListKey.Type.SET ? applied.isValueNode() : applied.isObject();
            if (comparable && key.identity(applied).equals(id)) {
                return new LastAppliedOwnership(applied);
            }
        }
        return Ownership.NONE;
    }
}
