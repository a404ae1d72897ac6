package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resources of one application as a tree for pages: managed resources are roots (sorted by kind, then name),
 * the objects they own by {@code metadata.ownerReferences} hang below them (sorted by name), recursively, e.g.
 * Deployment, ReplicaSet, Pod. Built by {@link ResourceTreeBuilder}; immutable.
 */
public final class ResourceTree {

    /**
     * One line of the flattened tree: a node and how deep it sits (0 for roots), for table rendering.
     */
    public static final class Row {
        private final ResourceNode node;
        private final int depth;

        Row(ResourceNode node, int depth) {
            this.node = node;
            this.depth = depth;
        }

        public ResourceNode getNode() {
            return node;
        }

        /** 0 for a managed resource, 1 for what it owns, and so on. */
        public int getDepth() {
            return depth;
        }

        @Override
        public String toString() {
            return "  ".repeat(depth) + node;
        }
    }

    private final List<ResourceNode> roots;

    ResourceTree(List<ResourceNode> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Managed resources, sorted by kind then name (then namespace and group). */
    public List<ResourceNode> getRoots() {
        return roots;
    }

    /** The whole tree depth-first, parents before their children: what a table shows top to bottom. */
    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        for (ResourceNode root : roots) {
            flatten(root, 0, rows);
        }
        return rows;
    }

    /** The first node (depth-first) with this identity. */
    public Optional<ResourceNode> find(ResourceKey key) {
        return getRows().stream().map(Row::getNode).filter(n -> n.getKey().equals(key)).findFirst();
    }

    private static void flatten(ResourceNode node, int depth, List<Row> rows) {
        rows.add(new Row(node, depth));
        for (ResourceNode child : node.getChildren()) {
            flatten(child, depth + 1, rows);
        }
    }
}
