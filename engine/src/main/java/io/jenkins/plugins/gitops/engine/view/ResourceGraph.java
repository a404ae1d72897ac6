package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The layout of an application's {@link ResourceTree} as Argo CD draws it: boxes in columns from left to right
 * (the Application, then its managed resources, then what they own: Deployment, ReplicaSet, Pod) joined by arrows
 * from owner to owned. Rendered to SVG by {@link ResourceGraphSvg}.
 *
 * <p>Layout: every visible leaf takes the next row, top to bottom in tree order; a parent sits vertically centred on
 * its first and last child, so arrows never cross. A collapsed node hides everything below it and reports how many
 * objects it hides. Coordinates are pixels of the node's top-left corner. Invariants: node ids are unique (a
 * resource appears once in a tree); the Application node is first, with id {@link #APP_ID}; edges join visible
 * nodes only.
 */
public final class ResourceGraph {

    public static final String APP_ID = "";
    public static final int NODE_WIDTH = 250;
    public static final int NODE_HEIGHT = 64;
    public static final int COLUMN_GAP = 60;
    public static final int ROW_GAP = 14;
    public static final int MARGIN = 8;

    /** One box: the Application ({@code resource} null) or a resource of its tree. */
    public record Node(String id, ResourceNode resource, String kind, String name, String health, String sync,
            int column, int x, int y, boolean collapsed, int hiddenDescendants, int childCount) {

        public boolean isApplication() {
            return resource == null;
        }

        public boolean hasChildren() {
            return childCount > 0;
        }
    }

    /** An arrow from owner to owned. */
    public record Edge(Node from, Node to) {
    }

    private final List<Node> nodes;
    private final List<Edge> edges;
    private final int width;
    private final int height;
    private final Set<String> collapsed;

    private ResourceGraph(List<Node> nodes, List<Edge> edges, int width, int height, Set<String> collapsed) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.width = width;
        this.height = height;
        this.collapsed = Set.copyOf(collapsed);
    }

    /** The id of a resource node: {@code group/kind/namespace/name}, as used in links. */
    public static String id(ResourceKey key) {
        return key.group() + "/" + key.kind() + "/" + key.namespace() + "/" + key.name();
    }

    /**
     * The key an id names.
     *
     * @throws IllegalArgumentException for anything {@link #id} does not produce
     */
    public static ResourceKey parseId(String id) {
        String[] parts = id == null ? new String[0] : id.split("/", 4);
        if (parts.length != 4 || parts[1].isEmpty()) {
            throw new IllegalArgumentException("resource id '" + id + "' is not group/kind/namespace/name");
        }
        return new ResourceKey(parts[0], parts[1], parts[2], parts[3]);
    }

    /**
     * Lays out {@code tree} behind an Application node.
     *
     * @param app       the application's name
     * @param health    the application's health (shown on its node)
     * @param sync      the application's sync status
     * @param collapsed ids of nodes whose descendants are hidden ({@link #APP_ID} hides every resource)
     */
    public static ResourceGraph layout(String app, String health, String sync, ResourceTree tree,
            Set<String> collapsed) {
        Objects.requireNonNull(tree, "tree");
        Set<String> folded = collapsed == null ? Set.of() : collapsed;
        Builder b = new Builder(folded);
        int total = 0;
        for (ResourceNode r : tree.getRoots()) {
            total += 1 + descendants(r);
        }
        boolean appCollapsed = folded.contains(APP_ID) && !tree.getRoots().isEmpty();
        List<Node> roots = new ArrayList<>();
        if (!appCollapsed) {
            for (ResourceNode r : tree.getRoots()) {
                roots.add(b.place(r, 1));
            }
        }
        int y = roots.isEmpty() ? b.nextRowY() : centre(roots);
        Node appNode = new Node(APP_ID, null, "Application", app, text(health), text(sync), 0, MARGIN, y,
                appCollapsed, appCollapsed ? total : 0, tree.getRoots().size());
        b.nodes.add(0, appNode);
        for (Node r : roots) {
            b.edges.add(new Edge(appNode, r));
        }
        int columns = b.maxColumn + 1;
        int width = 2 * MARGIN + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP;
        int height = 2 * MARGIN + Math.max(1, b.rows) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
        return new ResourceGraph(b.nodes, b.edges, width, height, folded);
    }

    private static int centre(List<Node> children) {
        return (children.get(0).y() + children.get(children.size() - 1).y()) / 2;
    }

    private static int descendants(ResourceNode n) {
        int count = 0;
        for (ResourceNode c : n.getChildren()) {
            count += 1 + descendants(c);
        }
        return count;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static final class Builder {
        final Set<String> collapsed;
        final List<Node> nodes = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();
        int rows;
        int maxColumn;

        Builder(Set<String> collapsed) {
            this.collapsed = collapsed;
        }

        int nextRowY() {
            return MARGIN + rows * (NODE_HEIGHT + ROW_GAP);
        }

        Node place(ResourceNode r, int column) {
            maxColumn = Math.max(maxColumn, column);
            String id = id(r.getKey());
            boolean fold = collapsed.contains(id) && !r.getChildren().isEmpty();
            int index = nodes.size();
            nodes.add(null); // parents before children, filled in once the children are placed
            List<Node> children = new ArrayList<>();
            if (!fold) {
                for (ResourceNode c : r.getChildren()) {
                    children.add(place(c, column + 1));
                }
            }
            int y;
            if (children.isEmpty()) {
                y = nextRowY();
                rows++;
            } else {
                y = centre(children);
            }
            String health = r.getHealthStatus() == null ? "" : r.getHealthStatus().name();
            String sync = r.getSyncStatus() == null ? "" : r.getSyncStatus().name();
            Node node = new Node(id, r, r.getKind(), r.getName(), health, sync, column,
                    MARGIN + column * (NODE_WIDTH + COLUMN_GAP), y, fold, fold ? descendants(r) : 0,
                    r.getChildren().size());
            nodes.set(index, node);
            for (Node c : children) {
                edges.add(new Edge(node, c));
            }
            return node;
        }
    }

    /** Every visible node, parents before their children, the Application first. */
    public List<Node> getNodes() {
        return nodes;
    }

    public List<Edge> getEdges() {
        return edges;
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    /** The collapsed ids the layout was made with. */
    public Set<String> getCollapsed() {
        return collapsed;
    }

    /** The collapsed set after toggling {@code id}: what the node's expand/collapse link asks for. */
    public List<String> toggled(String id) {
        List<String> next = new ArrayList<>(collapsed);
        if (!next.remove(id)) {
            next.add(id);
        }
        Collections.sort(next);
        return next;
    }
}
