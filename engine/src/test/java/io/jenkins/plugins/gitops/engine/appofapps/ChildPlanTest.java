package io.jenkins.plugins.gitops.engine.appofapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.DeleteRequest.Cascade;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a parent's sync does to its children, and how child documents become children (no cluster needed). */
class ChildPlanTest {

    static String doc(String name, String finalizers) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  finalizers: %s
                spec:
                  source: {repoURL: https://git.example.com/apps.git, targetRevision: main, path: %s}
                  destination: {server: https://kubernetes.default.svc, namespace: demo}
                """.formatted(name, finalizers, name);
    }

    static KubeObject object(String yaml) {
        try {
            return new KubeObject((ObjectNode) Yaml.YAML.readTree(yaml), "apps/" + yaml.hashCode() + ".yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final Application PARENT = ArgoDocuments.parseApplication(doc("root", "[]"), "root.yaml");

    final ChildExpansion expansion = new ChildExpansion(app -> List.of(), set -> {
        throw new AssertionError("no ApplicationSet here");
    });

    List<ChildApplication> children(String... docs) {
        return expansion.children(PARENT, java.util.Arrays.stream(docs).map(ChildPlanTest::object).toList());
    }

    @Test
    void theFinalizerDecidesTheCascadeOfAPrunedChild() {
        List<ChildApplication> c = children(doc("cascade", "[resources-finalizer.argocd.argoproj.io]"),
                doc("background", "[resources-finalizer.argocd.argoproj.io/background]"), doc("orphan", "[]"));
        assertThat(c).extracting(ChildApplication::name, ChildApplication::pruneCascade).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cascade", Cascade.FOREGROUND),
                org.assertj.core.groups.Tuple.tuple("background", Cascade.BACKGROUND),
                org.assertj.core.groups.Tuple.tuple("orphan", null));
    }

    /** Recorded children, what Git holds now, prune or not: the expected plan. */
    @Test
    void planTable() {
        List<ChildApplication> now = children(doc("kept", "[]"), doc("added", "[]"));
        List<ChildRecord.Entry> recorded = List.of(
                new ChildRecord.Entry("kept", now.get(0).specHash(), null, now.get(0).document()),
                new ChildRecord.Entry("gone-cascade", "x", Cascade.FOREGROUND, doc("gone-cascade", "[]")),
                new ChildRecord.Entry("gone-orphan", "y", null, doc("gone-orphan", "[]")));

        ChildPlan pruning = ChildPlan.of(now, recorded, true);
        assertThat(pruning.changed()).containsExactly("added");
        assertThat(pruning.removals()).extracting(ChildPlan.Removal::name, ChildPlan.Removal::deletesResources)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gone-cascade", true),
                        org.assertj.core.groups.Tuple.tuple("gone-orphan", false));
        assertThat(pruning.requirePruning()).isEmpty();
        assertThat(pruning.record()).extracting(ChildRecord.Entry::name).containsExactly("kept", "added");

        ChildPlan keeping = ChildPlan.of(now, recorded, false);
        assertThat(keeping.removals()).isEmpty();
        assertThat(keeping.requirePruning()).containsExactly("gone-cascade", "gone-orphan");
        assertThat(keeping.record()).extracting(ChildRecord.Entry::name)
                .containsExactly("kept", "added", "gone-cascade", "gone-orphan");

        List<ChildApplication> edited = children(doc("kept", "[resources-finalizer.argocd.argoproj.io]"));
        assertThat(ChildPlan.of(edited, recorded, false).changed()).containsExactly("kept");
    }

    @Test
    void aChildRenderedTwiceIsAnErrorNamingBothFiles() {
        assertThatThrownBy(() -> children(doc("twice", "[]"), doc("twice", "[x]")))
                .hasMessageStartingWith("application 'root': child application 'twice' is rendered twice (apps/");
    }

    @Test
    void aCycleIsNamedFromTheRootAndARunawayTreeIsStopped() {
        Map<String, String> renders = Map.of("a", doc("b", "[]"), "b", doc("root", "[]"));
        ChildExpansion walk = new ChildExpansion(app -> List.of(object(renders.get(app.name()))), set -> null);
        assertThatThrownBy(() -> walk.checkTree(PARENT, List.of(object(doc("a", "[]")))))
                .isInstanceOf(ChildExpansion.AppCycleException.class)
                .hasMessageStartingWith("application cycle: root -> a -> b -> root (rendered by apps/");

        ChildExpansion deep = new ChildExpansion(app -> List.of(object(doc(app.name() + "x", "[]"))), set -> null);
        assertThatThrownBy(() -> deep.checkTree(PARENT, List.of(object(doc("n", "[]")))))
                .hasMessageContaining("app-of-apps nesting deeper than 10 levels");
    }

    @Test
    void aChildThatCannotBeRenderedEndsItsBranchWithoutFailingTheParent() {
        ChildExpansion broken = new ChildExpansion(app -> {
            throw new IllegalArgumentException("cannot render " + app.name());
        }, set -> null);
        org.assertj.core.api.Assertions.assertThatCode(() -> broken.checkTree(PARENT,
                List.of(object(doc("broken", "[]"))))).doesNotThrowAnyException();
    }
}
