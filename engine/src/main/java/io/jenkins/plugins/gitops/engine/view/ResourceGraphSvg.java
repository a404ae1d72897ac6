package io.jenkins.plugins.gitops.engine.view;

import java.util.List;

/**
 * Renders a {@link ResourceGraph} as inline SVG for the application page. Each box is a link to the resource's
 * details ({@code resource?id=...}); a node with children has a second link that collapses or expands it
 * ({@code ?view=graph&collapsed=...}). Both are keyboard-focusable and carry an {@code aria-label} with the kind,
 * name and statuses in words, and statuses are written as text next to their glyph, so the picture reads without
 * colour. Colours come from CSS classes ({@code gitops-h--Healthy}, {@code gitops-s--OutOfSync}) that use the Jenkins
 * theme's variables, so the dark theme works. Every user string is escaped with {@link Markup#escape}.
 */
public final class ResourceGraphSvg {

    static final int NAME_CHARS = 27;

    private ResourceGraphSvg() {}

    public static String render(ResourceGraph g) {
        StringBuilder b = new StringBuilder(256 + g.getNodes().size() * 1200);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gitops-graph\" width=\"").append(g.getWidth())
                .append("\" height=\"").append(g.getHeight()).append("\" viewBox=\"0 0 ").append(g.getWidth())
                .append(' ').append(g.getHeight()).append("\" role=\"group\" aria-label=\"Resource tree\">");
        b.append("<defs><marker id=\"gitops-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\""
                + " class=\"gitops-graph__arrowhead\"/></marker></defs>");
        for (ResourceGraph.Edge e : g.getEdges()) {
            int x1 = e.from().x() + ResourceGraph.NODE_WIDTH + (e.from().hasChildren() ? 12 : 0);
            int y1 = e.from().y() + ResourceGraph.NODE_HEIGHT / 2;
            int x2 = e.to().x() - 2;
            int y2 = e.to().y() + ResourceGraph.NODE_HEIGHT / 2;
            int mid = (x1 + x2) / 2;
            b.append("<path class=\"gitops-graph__edge\" marker-end=\"url(#gitops-arrow)\" d=\"M ").append(x1)
                    .append(' ').append(y1).append(" C ").append(mid).append(' ').append(y1).append(' ').append(mid)
                    .append(' ').append(y2).append(' ').append(x2).append(' ').append(y2).append("\"/>");
        }
        for (ResourceGraph.Node n : g.getNodes()) {
            node(b, g, n);
        }
        return b.append("</svg>").toString();
    }

    private static void node(StringBuilder b, ResourceGraph g, ResourceGraph.Node n) {
        String health = n.health();
        String sync = n.sync();
        b.append("<g class=\"gitops-node").append(n.isApplication() ? " gitops-node--app" : "")
                .append(health.isEmpty() ? "" : " gitops-h--" + Markup.escape(health))
                .append("\" transform=\"translate(").append(n.x()).append(',').append(n.y()).append(")\">");
        String href = n.isApplication() ? "#gitops-summary" : "resource/?id=" + Markup.query(n.id());
        b.append("<a class=\"gitops-node__link\" href=\"").append(Markup.escape(href)).append("\" data-id=\"")
                .append(Markup.escape(n.id())).append("\" aria-label=\"").append(Markup.escape(label(n)))
                .append("\"><title>").append(Markup.escape(n.kind() + " " + n.name())).append("</title>");
        b.append("<rect class=\"gitops-node__box\" width=\"").append(ResourceGraph.NODE_WIDTH).append("\" height=\"")
                .append(ResourceGraph.NODE_HEIGHT).append("\" rx=\"8\"/>");
        b.append("<circle class=\"gitops-node__icon\" cx=\"26\" cy=\"").append(ResourceGraph.NODE_HEIGHT / 2)
                .append("\" r=\"19\"/><text class=\"gitops-node__icon-label\" x=\"26\" y=\"")
                .append(ResourceGraph.NODE_HEIGHT / 2 + 4).append("\" text-anchor=\"middle\">")
                .append(Markup.escape(KindLabels.of(n.kind()))).append("</text>");
        b.append("<text class=\"gitops-node__name\" x=\"54\" y=\"20\">").append(Markup.escape(shorten(n.name())))
                .append("</text>");
        String kindLine = n.kind() + (n.resource() != null && n.resource().isHook() ? " (hook)" : "")
                + (n.resource() != null && n.resource().isRequiresPruning() ? " (prune)" : "");
        b.append("<text class=\"gitops-node__kind\" x=\"54\" y=\"37\">").append(Markup.escape(kindLine))
                .append("</text>");
        b.append("<text class=\"gitops-node__status\" x=\"54\" y=\"55\">");
        if (!health.isEmpty()) {
            b.append("<tspan class=\"gitops-h gitops-h--").append(Markup.escape(health)).append("\">")
                    .append(StatusGlyphs.of(health)).append(' ').append(Markup.escape(health)).append("</tspan>");
        }
        if (!sync.isEmpty()) {
            b.append("<tspan class=\"gitops-s gitops-s--").append(Markup.escape(sync)).append("\" dx=\"")
                    .append(health.isEmpty() ? 0 : 10).append("\">").append(StatusGlyphs.of(sync)).append(' ')
                    .append(Markup.escape(sync)).append("</tspan>");
        }
        b.append("</text></a>");
        if (n.hasChildren()) {
            toggle(b, g, n);
        }
        b.append("</g>");
    }

    private static void toggle(StringBuilder b, ResourceGraph g, ResourceGraph.Node n) {
        StringBuilder href = new StringBuilder("?view=graph");
        List<String> next = g.toggled(n.id());
        for (String id : next) {
            href.append("&collapsed=").append(Markup.query(id));
        }
        String what = n.kind() + " " + n.name();
        String aria = n.collapsed() ? "Expand " + what + " (" + n.hiddenDescendants() + " hidden)" : "Collapse " + what;
        String sign = n.collapsed() ? "+" + n.hiddenDescendants() : "\u2212";
        int cx = ResourceGraph.NODE_WIDTH + 12;
        b.append("<a class=\"gitops-node__toggle\" href=\"").append(Markup.escape(href.toString()))
                .append("\" aria-label=\"").append(Markup.escape(aria)).append("\"><title>")
                .append(Markup.escape(aria)).append("</title><rect class=\"gitops-node__toggle-box\" x=\"")
                .append(cx - 12).append("\" y=\"").append(ResourceGraph.NODE_HEIGHT / 2 - 10)
                .append("\" width=\"").append(n.collapsed() ? 34 : 22).append("\" height=\"20\" rx=\"10\"/>")
                .append("<text class=\"gitops-node__toggle-label\" x=\"").append(cx - (n.collapsed() ? -5 : 1))
                .append("\" y=\"").append(ResourceGraph.NODE_HEIGHT / 2 + 4).append("\" text-anchor=\"middle\">")
                .append(Markup.escape(sign)).append("</text></a>");
    }

    /** What a screen reader says for a node: kind, name, health and sync in words. */
    static String label(ResourceGraph.Node n) {
        StringBuilder s = new StringBuilder(n.kind()).append(' ').append(n.name());
        if (!n.health().isEmpty()) {
            s.append(", health ").append(n.health());
        }
        if (!n.sync().isEmpty()) {
            s.append(", sync ").append(n.sync());
        }
        if (n.collapsed()) {
            s.append(", ").append(n.hiddenDescendants()).append(" objects hidden");
        }
        return s.toString();
    }

    static String shorten(String name) {
        String s = name == null ? "" : name;
        return s.length() <= NAME_CHARS ? s : s.substring(0, NAME_CHARS - 1) + "\u2026";
    }
}
