package io.jenkins.plugins.gitops.engine.sync.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import org.junit.jupiter.api.Test;

class ArgoHookAnnotationsTest {

    static KubeObject job(String annotationsYaml) throws Exception {
        String yaml = """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  namespace: shop
                  annotations:
                """ + annotationsYaml.indent(4);
        return new KubeObject((ObjectNode) Yaml.YAML.readTree(yaml), "hooks/migrate.yaml");
    }

    @Test
    void readsCommaSeparatedTypesTrimmedAndDeduplicated() throws Exception {
        KubeObject o = job("argocd.argoproj.io/hook: ' PreSync , PostSync,PreSync,'");

        assertThat(ArgoHookAnnotations.hasHookAnnotation(o)).isTrue();
        assertThat(ArgoHookAnnotations.types(o)).containsExactly(HookType.PreSync, HookType.PostSync);
    }

    @Test
    void everyHookTypeIsAccepted() throws Exception {
        KubeObject o = job("argocd.argoproj.io/hook: PreSync,Sync,PostSync,SyncFail,Skip,PreDelete,PostDelete");

        assertThat(ArgoHookAnnotations.types(o)).containsExactly(HookType.values());
    }

    @Test
    void noAnnotationMeansNoTypes() throws Exception {
        KubeObject o = job("other: x");

        assertThat(ArgoHookAnnotations.hasHookAnnotation(o)).isFalse();
        assertThat(ArgoHookAnnotations.types(o)).isEmpty();
        assertThat(ArgoHookAnnotations.deletePolicies(o)).isEmpty();
    }

    @Test
    void unknownTypeNamesResourceAnnotationAndSuggestsTheRightCase() throws Exception {
        KubeObject o = job("argocd.argoproj.io/hook: Presync");

        assertThatThrownBy(() -> ArgoHookAnnotations.types(o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch/Job shop/migrate (hooks/migrate.yaml)")
                .hasMessageContaining("argocd.argoproj.io/hook has unknown value 'Presync'")
                .hasMessageContaining("did you mean PreSync?")
                .hasMessageContaining("expected one of PreSync, Sync, PostSync, SyncFail, Skip, PreDelete, PostDelete");
    }

    @Test
    void emptyHookAnnotationIsAnError() throws Exception {
        KubeObject o = job("argocd.argoproj.io/hook: ' , '");

        assertThatThrownBy(() -> ArgoHookAnnotations.types(o))
                .hasMessageContaining("annotation argocd.argoproj.io/hook is empty");
    }

    @Test
    void readsDeletePolicies() throws Exception {
        KubeObject o = job("argocd.argoproj.io/hook-delete-policy: HookSucceeded, HookFailed");

        assertThat(ArgoHookAnnotations.hasDeletePolicyAnnotation(o)).isTrue();
        assertThat(ArgoHookAnnotations.deletePolicies(o))
                .containsExactly(HookDeletePolicy.HookSucceeded, HookDeletePolicy.HookFailed);
    }

    @Test
    void unknownDeletePolicyIsAnError() throws Exception {
        KubeObject o = job("argocd.argoproj.io/hook-delete-policy: hook-succeeded");

        assertThatThrownBy(() -> ArgoHookAnnotations.deletePolicies(o))
                .hasMessageContaining("argocd.argoproj.io/hook-delete-policy has unknown value 'hook-succeeded'")
                .hasMessageContaining("HookSucceeded, HookFailed, BeforeHookCreation");
    }

    @Test
    void defaultDeletePolicyIsBeforeHookCreation() {
        assertThat(HookDeletePolicy.DEFAULT).isEqualTo(HookDeletePolicy.BeforeHookCreation);
    }

    @Test
    void csvSplitting() {
        assertThat(AnnotationCsv.split(null)).isEmpty();
        assertThat(AnnotationCsv.split("a, b,,a , c")).containsExactly("a", "b", "c");
    }
}
