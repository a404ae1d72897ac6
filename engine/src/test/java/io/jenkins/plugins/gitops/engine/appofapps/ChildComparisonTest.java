package io.jenkins.plugins.gitops.engine.appofapps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parent's child Applications compared as its resources: the document in Git against the document the parent's
 * last sync registered (no cluster needed; the harness test checks the same through the controller).
 */
class ChildComparisonTest {

    static String doc(String name, String revision, String extra) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                  source: {repoURL: https://git.example.com/apps.git, targetRevision: %s, path: %s}
                  destination: {server: https://kubernetes.default.svc, namespace: demo}
                %s""".formatted(name, revision, name, extra);
    }

    final ChildExpansion expansion = new ChildExpansion(app -> List.of(), set -> {
        throw new AssertionError("no ApplicationSet here");
    });

    ChildApplication child(String yaml) {
        return expansion.children(ChildPlanTest.PARENT, List.of(ChildPlanTest.object(yaml))).get(0);
    }

    static ChildRecord.Entry recorded(ChildApplication c) {
        return new ChildRecord.Entry(c.name(), c.specHash(), c.pruneCascade(), c.document());
    }

    static ResourceDiff only(ChildComparison c, String name) {
        return c.diff().resources().stream().filter(d -> d.key().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aRegisteredChildEqualToGitIsSynced() {
        ChildApplication a = child(doc("a", "main", ""));
        ChildComparison c = ChildComparison.of(List.of(a), List.of(recorded(a)));
        assertThat(c.diff().syncStatus()).isEqualTo(SyncStatus.Synced);
        assertThat(only(c, "a").key().toString()).contains("argoproj.io").contains("Application").contains("argocd");
    }

    @Test
    void aChangedTargetRevisionNamesTheChildAndTheField() {
        ChildApplication registered = child(doc("a", "main", ""));
        ChildApplication inGit = child(doc("a", "v2", ""));
        ChildComparison c = ChildComparison.of(List.of(inGit), List.of(recorded(registered)));
        ResourceDiff d = only(c, "a");
        assertThat(d.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(d.differences()).extracting(Object::toString)
                .containsExactly("spec.source.targetRevision: changed (live \"main\" -> Git \"v2\")");
        assertThat(d.unifiedDiff()).contains("Application").contains("a").contains("v2").doesNotContain("last-applied");
    }

    @Test
    void aFieldRemovedFromTheChildInGitIsADifference() {
        ChildApplication registered = child(doc("a", "main", "  syncPolicy: {automated: {prune: true}}\n"));
        ChildApplication inGit = child(doc("a", "main", ""));
        ChildComparison c = ChildComparison.of(List.of(inGit), List.of(recorded(registered)));
        assertThat(only(c, "a").differences()).extracting(Object::toString)
                .anySatisfy(s -> assertThat(s).startsWith("spec.syncPolicy").contains("removed from Git"));
    }

    @Test
    void aChildNotRegisteredYetIsMissingAndOneThatLeftGitRequiresPruning() {
        ChildApplication kept = child(doc("kept", "main", ""));
        ChildApplication fresh = child(doc("fresh", "main", ""));
        ChildApplication gone = child(doc("gone", "main", ""));
        ChildComparison c = ChildComparison.of(List.of(kept, fresh), List.of(recorded(kept), recorded(gone)));
        assertThat(only(c, "kept").syncStatus()).isEqualTo(SyncStatus.Synced);
        assertThat(only(c, "fresh").missing()).isTrue();
        assertThat(only(c, "gone").requiresPruning()).isTrue();
        assertThat(c.diff().syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(c.live()).hasSize(2);
    }

    @Test
    void noChildrenNoRows() {
        assertThat(ChildComparison.of(List.of(), List.of()).isEmpty()).isTrue();
    }
}
