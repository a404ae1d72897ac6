package io.jenkins.plugins.gitops.engine.sync.hook.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelmHookTest {

    static KubeObject pod(String annotationsYaml) throws Exception {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: test-connection
                  annotations:
                """ + annotationsYaml.indent(4);
        return new KubeObject((ObjectNode) Yaml.YAML.readTree(yaml), "templates/tests/test-connection.yaml");
    }

    @ParameterizedTest
    @CsvSource({"pre-install,PreSync", "pre-upgrade,PreSync", "post-install,PostSync", "post-upgrade,PostSync"})
    void installAndUpgradeHooksMapOntoSyncPhases(String helm, HookType argo) throws Exception {
        KubeObject o = pod("helm.sh/hook: " + helm);

        assertThat(HelmHook.isHook(o)).isTrue();
        assertThat(HelmHook.types(o)).containsExactly(argo);
    }

    @Test
    void deleteHooksMapOntoArgoDeletionHooks() throws Exception {
        // as Argo CD's controller/hook.go reads them: they run when the application is deleted
        assertThat(HelmHook.types(pod("helm.sh/hook: pre-delete"))).containsExactly(HookType.PreDelete);
        assertThat(HelmHook.types(pod("helm.sh/hook: post-delete"))).containsExactly(HookType.PostDelete);
    }

    @Test
    void bothInstallAndUpgradeGiveOnePhase() throws Exception {
        KubeObject o = pod("helm.sh/hook: pre-install,pre-upgrade,post-upgrade");

        assertThat(HelmHook.types(o)).containsExactly(HookType.PreSync, HookType.PostSync);
    }

    @ParameterizedTest
    @CsvSource({"test", "pre-rollback", "post-rollback", "test-success"})
    void otherHelmHooksAreHooksWithoutAnyArgoType(String helm) throws Exception {
        KubeObject o = pod("helm.sh/hook: " + helm);

        assertThat(HelmHook.isHook(o)).isTrue();
        assertThat(HelmHook.types(o)).isEmpty();
    }

    @Test
    void unknownHelmHookValuesAreRefusedNamingTheResource() throws Exception {
        KubeObject o = pod("helm.sh/hook: no-such-hook");

        assertThat(HelmHook.isHook(o)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HelmHook.types(o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("annotation helm.sh/hook has unknown value 'no-such-hook'");
    }

    @Test
    void crdInstallIsNotAHook() throws Exception {
        assertThat(HelmHook.isHook(pod("helm.sh/hook: crd-install"))).isFalse();
        assertThat(HelmHook.isHook(pod("other: x"))).isFalse();
    }

    @Test
    void deletePoliciesMapToArgoPolicies() throws Exception {
        KubeObject o = pod("helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded, hook-failed,bogus");

        assertThat(HelmHook.deletePolicies(o)).containsExactly(HookDeletePolicy.BeforeHookCreation,
                HookDeletePolicy.HookSucceeded, HookDeletePolicy.HookFailed);
    }

    @Test
    void weightIsAnOptionalInteger() throws Exception {
        assertThat(HelmHook.weight(pod("helm.sh/hook-weight: '-5'"))).hasValue(-5);
        assertThat(HelmHook.weight(pod("helm.sh/hook-weight: ' 3 '"))).hasValue(3);
        assertThat(HelmHook.weight(pod("other: x"))).isEmpty();
    }

    @Test
    void invalidWeightNamesResourceAndAnnotation() throws Exception {
        KubeObject o = pod("helm.sh/hook-weight: heavy");

        assertThatThrownBy(() -> HelmHook.weight(o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Pod test-connection (templates/tests/test-connection.yaml): annotation"
                        + " helm.sh/hook-weight must be an integer, got 'heavy'");
    }
}
