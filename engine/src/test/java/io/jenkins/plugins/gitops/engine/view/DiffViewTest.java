package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unified lines and side-by-side rows of the engine's diffs. */
class DiffViewTest {

    static final String DIFF = """
            --- live apps/Deployment default/web
            +++ git apps/Deployment default/web
            @@ -3,5 +3,6 @@
               name: web
             spec:
            -  replicas: 1
            -  paused: true
            +  replicas: 3
               template:
            +    extra: x
            +    more: y
            # The field spec.x looks identical but differs
            """;

    @Test
    void unifiedLinesKeepTheirMarkersAndKinds() {
        DiffView v = DiffView.of(DIFF);
        assertThat(v.getLines()).extracting(DiffView.Line::kind).containsExactly("file", "file", "hunk", "ctx", "ctx",
                "del", "del", "add", "ctx", "add", "add", "note");
        assertThat(v.getLines().get(5).text()).isEqualTo("-  replicas: 1");
        assertThat(v.getAdded()).isEqualTo(3);
        assertThat(v.getRemoved()).isEqualTo(2);
    }

    @Test
    void sideBySidePairsRemovalsWithTheAdditionsReplacingThem_numberedFromTheHunkHeader() {
        List<DiffView.Row> rows = DiffView.of(DIFF).getRows();
        assertThat(rows).extracting(DiffView.Row::kind).containsExactly("file", "file", "hunk", "ctx", "ctx",
                "change", "change", "ctx", "change", "change", "note");
        DiffView.Row ctx = rows.get(3);
        assertThat(List.of(ctx.oldNo(), ctx.oldText(), ctx.newNo(), ctx.newText()))
                .containsExactly("3", "  name: web", "3", "  name: web");
        DiffView.Row replaced = rows.get(5);
        assertThat(List.of(replaced.oldNo(), replaced.oldMarker(), replaced.oldText(), replaced.newNo(),
                replaced.newMarker(), replaced.newText()))
                .containsExactly("5", "-", "  replicas: 1", "5", "+", "  replicas: 3");
        DiffView.Row removedOnly = rows.get(6);
        assertThat(List.of(removedOnly.oldNo(), removedOnly.oldMarker(), removedOnly.oldKind(), removedOnly.newNo(),
                removedOnly.newKind())).containsExactly("6", "-", "del", "", "empty");
        DiffView.Row template = rows.get(7);
        assertThat(List.of(template.oldNo(), template.newNo())).containsExactly("7", "6");
        DiffView.Row addedOnly = rows.get(8);
        assertThat(List.of(addedOnly.oldKind(), addedOnly.oldNo(), addedOnly.newNo(), addedOnly.newMarker(),
                addedOnly.newText())).containsExactly("empty", "", "7", "+", "    extra: x");
        assertThat(rows.get(10).isHeader()).isTrue();
        assertThat(rows.get(10).text()).startsWith("# The field");
    }

    @Test
    void aNewObjectHasOnlyTheNewSide_andAnEmptyDiffNothing() {
        List<DiffView.Row> rows = DiffView.of("""
                --- live /ConfigMap a/b (not in the cluster)
                +++ git /ConfigMap a/b
                @@ -0,0 +1,2 @@
                +kind: ConfigMap
                +data: {}
                """).getRows();
        assertThat(rows.subList(3, 5)).extracting(DiffView.Row::newNo).containsExactly("1", "2");
        assertThat(rows.subList(3, 5)).extracting(DiffView.Row::oldKind).containsOnly("empty");
        assertThat(DiffView.of("").isEmpty()).isTrue();
        assertThat(DiffView.of(null).getRows()).isEmpty();
    }
}
