package io.jenkins.plugins.gitops.engine.view;

import java.util.List;

/**
 * The repeated parts of the pages that grow with the application - one table row per resource of the list view, one
 * checkbox per managed resource in the sync dialog, one line or row per diff line - written here as HTML instead of
 * by a Jelly loop. A Jelly tag costs tens of microseconds per attribute (bean conversions on every iteration), which
 * made the application page of 1,000 resources take over a second; a StringBuilder takes microseconds. The markup is
 * the same the Jelly loops wrote, and every string from Git or the cluster goes through {@link Markup#escape}.
 * Words the page translates are passed in by the caller.
 */
public final class RepeatedMarkup {

    private RepeatedMarkup() {}

    /**
     * The list view's {@code <tr>} rows: kind (indented by depth, hooks marked), a link to the details, namespace,
     * sync and health badges (glyph + word), health message.
     */
    public static String listRows(List<ResourceTree.Row> rows, String hookWord, String requiresPruningWords) {
        StringBuilder b = new StringBuilder(rows.size() * 600);
        for (ResourceTree.Row row : rows) {
            ResourceNode n = row.getNode();
            b.append("<tr><td style=\"padding-left: ").append(0.5 + row.getDepth() * 1.5).append("em\">")
                    .append(Markup.escape(n.getKind()));
            if (n.isHook()) {
                b.append(" <span class=\"gitops-muted\">(").append(Markup.escape(hookWord)).append(")</span>");
            }
            b.append("</td><td><a href=\"resource/?id=").append(Markup.escape(Markup.query(ResourceGraph.id(n.getKey()))))
                    .append("\">").append(Markup.escape(n.getName())).append("</a></td><td>")
                    .append(Markup.escape(n.getNamespace())).append("</td><td>");
            if (n.getSyncStatus() != null) {
                badge(b, n.getSyncStatus().name());
            }
            if (n.isRequiresPruning()) {
                b.append(" <span class=\"gitops-muted\">").append(Markup.escape(requiresPruningWords)).append("</span>");
            }
            b.append("</td><td>");
            if (n.getHealthStatus() != null) {
                badge(b, n.getHealthStatus().name());
            }
            b.append("</td><td>").append(Markup.escape(n.getHealthMessage())).append("</td></tr>\n");
        }
        return b.toString();
    }

    /** The sync dialog's checkbox per managed resource (value: the resource's id), with its sync badge. */
    public static String resourceChoices(List<ResourceNode> managed) {
        StringBuilder b = new StringBuilder(managed.size() * 300);
        for (ResourceNode r : managed) {
            b.append("<label class=\"gitops-check\"><input type=\"checkbox\" name=\"resource\" value=\"")
                    .append(Markup.escape(ResourceGraph.id(r.getKey()))).append("\"/> ")
                    .append(Markup.escape(r.getKind())).append(' ').append(Markup.escape(r.getNamespace()))
                    .append(r.getNamespace().isEmpty() ? "" : "/").append(Markup.escape(r.getName())).append(' ');
            if (r.getSyncStatus() != null) {
                badge(b, r.getSyncStatus().name());
            }
            b.append("</label>\n");
        }
        return b.toString();
    }

    /** The unified layout's lines: one {@code div} per line, hunk headers focusable stops for the n/p keys. */
    public static String unifiedLines(DiffView view) {
        StringBuilder b = new StringBuilder(view.getLines().size() * 60);
        for (DiffView.Line l : view.getLines()) {
            b.append("<div class=\"gitops-diff--").append(l.kind());
            if (l.isHunk()) {
                b.append(" gitops-diff-stop\" tabindex=\"-1");
            }
            b.append("\">").append(Markup.escape(l.text())).append("</div>\n");
        }
        return b.toString();
    }

    /** The side-by-side layout's {@code <tr>} rows: number, marker and text of the live side, then of the Git side. */
    public static String splitRows(DiffView view) {
        StringBuilder b = new StringBuilder(view.getRows().size() * 200);
        for (DiffView.Row r : view.getRows()) {
            if (r.isHeader()) {
                b.append("<tr class=\"gitops-diff--").append(r.kind()).append("\"><td colspan=\"6\" class=\"")
                        .append("hunk".equals(r.kind()) ? "gitops-diff-stop" : "gitops-diff-head")
                        .append("\" tabindex=\"-1\">").append(Markup.escape(r.text())).append("</td></tr>\n");
                continue;
            }
            b.append("<tr>");
            side(b, r.oldNo(), r.oldMarker(), r.oldText(), r.oldKind());
            side(b, r.newNo(), r.newMarker(), r.newText(), r.newKind());
            b.append("</tr>\n");
        }
        return b.toString();
    }

    private static void side(StringBuilder b, String no, String marker, String text, String kind) {
        b.append("<td class=\"gitops-diff-no\">").append(no).append("</td><td class=\"gitops-diff-marker gitops-diff--")
                .append(kind).append("\">").append(marker).append("</td><td class=\"gitops-diff-text gitops-diff--")
                .append(kind).append("\">").append(Markup.escape(text)).append("</td>");
    }

    private static void badge(StringBuilder b, String status) {
        b.append("<span class=\"gitops-badge gitops-badge--").append(Markup.escape(status)).append("\">")
                .append(Markup.escape(StatusGlyphs.of(status))).append(' ').append(Markup.escape(status))
                .append("</span>");
    }
}
