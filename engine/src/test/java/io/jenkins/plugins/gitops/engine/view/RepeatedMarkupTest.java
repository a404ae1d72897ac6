package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTML written for list rows, sync dialog choices and diffs: same markup as the Jelly loops, all escaped. */
class RepeatedMarkupTest {

    @Test
    void listRows_indentByDepth_linkToDetails_badgesInWords_andHostileNamesAsText() {
        ResourceTree tree = ResourceGraphTest.shop();
        String html = RepeatedMarkup.listRows(tree.getRows(), "hook", "requires pruning");
        assertThat(html).contains("<tr><td style=\"padding-left: 0.5em\">ConfigMap</td><td><a href=\"resource/?id="
                + "%2FConfigMap%2Fshop%2F%3Cscript%3Ealert%281%29%3C%2Fscript%3E\">&lt;script&gt;alert(1)&lt;/script&gt;"
                + "</a></td><td>shop</td><td><span class=\"gitops-badge gitops-badge--OutOfSync\">")
                .contains("<td style=\"padding-left: 2.0em\">ReplicaSet</td>").contains("<td style=\"padding-left: 3.5em\">Pod</td>")
                .contains("gitops-badge--Progressing\">")
                .doesNotContain("<script>");
        assertThat(html.split("<tr>", -1)).hasSize(tree.getRows().size() + 1);
    }

    @Test
    void dialogChoices_carryTheResourceIdEscaped() {
        String html = RepeatedMarkup.resourceChoices(ResourceGraphTest.shop().getRoots());
        assertThat(html).contains("<input type=\"checkbox\" name=\"resource\" value=\"/ConfigMap/shop/&lt;script&gt;"
                + "alert(1)&lt;/script&gt;\"/> ConfigMap shop/&lt;script&gt;alert(1)&lt;/script&gt; <span")
                .contains("value=\"apps/Deployment/shop/web\"/> Deployment shop/web <span class=\"gitops-badge "
                        + "gitops-badge--Synced\">")
                .doesNotContain("<script>");
    }

    @Test
    void diffLayouts_markersAsText_hunkStops_textEscaped() {
        DiffView v = DiffView.of("""
                --- live /ConfigMap a/<b>
                +++ git /ConfigMap a/<b>
                @@ -1,2 +1,2 @@
                 kind: ConfigMap
                -note: <img src=x>
                +note: fine
                """);
        assertThat(v.getUnifiedHtml()).contains("<div class=\"gitops-diff--file\">--- live /ConfigMap a/&lt;b&gt;</div>")
                .contains("<div class=\"gitops-diff--hunk gitops-diff-stop\" tabindex=\"-1\">@@ -1,2 +1,2 @@</div>")
                .contains("<div class=\"gitops-diff--del\">-note: &lt;img src=x&gt;</div>")
                .doesNotContain("<img");
        assertThat(v.getSplitHtml()).contains("<td class=\"gitops-diff-no\">2</td><td class=\"gitops-diff-marker "
                + "gitops-diff--del\">-</td><td class=\"gitops-diff-text gitops-diff--del\">note: &lt;img src=x&gt;</td>"
                + "<td class=\"gitops-diff-no\">2</td><td class=\"gitops-diff-marker gitops-diff--add\">+</td>"
                + "<td class=\"gitops-diff-text gitops-diff--add\">note: fine</td>")
                .contains("<td colspan=\"6\" class=\"gitops-diff-stop\" tabindex=\"-1\">@@ -1,2 +1,2 @@</td>")
                .doesNotContain("<img");
        assertThat(List.of(v.getAdded(), v.getRemoved())).containsExactly(1, 1);
    }
}
