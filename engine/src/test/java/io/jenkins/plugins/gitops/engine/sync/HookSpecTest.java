package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.sync.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import org.junit.jupiter.api.Test;

class HookSpecTest {

    private static final String HOOK = "argocd.argoproj.io/hook=";
    private static final String POLICY = "argocd.argoproj.io/hook-delete-policy=";

    @Test
    void ordinaryResourceRunsInSync() {
        HookSpec spec = HookSpec.of(obj("Deployment/web"));

        assertThat(spec).isEqualTo(HookSpec.NONE);
        assertThat(spec.phases()).containsExactly(SyncPhase.Sync);
    }

    @Test
    void argoHookRunsInEachListedPhaseWithDefaultPolicy() {
        HookSpec spec = HookSpec.of(obj("Job/migrate", HOOK + "PostSync,PreSync"));

        assertThat(spec.hook()).isTrue();
        assertThat(spec.phases()).containsExactly(SyncPhase.PreSync, SyncPhase.PostSync);
        assertThat(spec.deletePolicies()).containsExactly(HookDeletePolicy.BeforeHookCreation);
    }

    @Test
    void skipAloneIsNotAHookAndRunsNowhere() {
        HookSpec spec = HookSpec.of(obj("ConfigMap/manual", HOOK + "Skip"));

        assertThat(spec.hook()).isFalse();
        assertThat(spec.skip()).isTrue();
        assertThat(spec.phases()).isEmpty();
    }

    @Test
    void skipWithAnotherTypeIsAHook() {
        HookSpec spec = HookSpec.of(obj("Job/j", HOOK + "Skip,PreSync"));

        assertThat(spec.hook()).isTrue();
        assertThat(spec.phases()).containsExactly(SyncPhase.PreSync);
    }

    @Test
    void postDeleteHookHasNoSyncPhase() {
        HookSpec spec = HookSpec.of(obj("Job/cleanup", HOOK + "PostDelete"));

        assertThat(spec.hook()).isTrue();
        assertThat(spec.types()).containsExactly(HookType.PostDelete);
        assertThat(spec.phases()).isEmpty();
    }

    @Test
    void helmHookMapsToArgoPhasesAndPolicies() {
        HookSpec spec = HookSpec.of(obj("Job/db-init", "helm.sh/hook=pre-install,pre-upgrade",
                "helm.sh/hook-delete-policy=hook-succeeded"));

        assertThat(spec.hook()).isTrue();
        assertThat(spec.phases()).containsExactly(SyncPhase.PreSync);
        assertThat(spec.deletePolicies()).containsExactly(HookDeletePolicy.HookSucceeded);
    }

    @Test
    void helmTestHookIsAHookThatNeverRuns() {
        HookSpec spec = HookSpec.of(obj("Pod/test-connection", "helm.sh/hook=test"));

        assertThat(spec.hook()).isTrue();
        assertThat(spec.phases()).isEmpty();
    }

    @Test
    void helmCrdInstallIsAnOrdinaryResource() {
        assertThat(HookSpec.of(obj("CustomResourceDefinition/x", "helm.sh/hook=crd-install")))
                .isEqualTo(HookSpec.NONE);
    }

    @Test
    void argoHookAnnotationSuppressesHelmHookAndItsDeletePolicy() {
        HookSpec spec = HookSpec.of(obj("Job/db-init", HOOK + "PostSync", "helm.sh/hook=pre-install",
                "helm.sh/hook-delete-policy=hook-failed"));

        assertThat(spec.phases()).containsExactly(SyncPhase.PostSync);
        assertThat(spec.deletePolicies()).containsExactly(HookDeletePolicy.BeforeHookCreation);
    }

    @Test
    void argoDeletePolicySuppressesHelmDeletePolicyOfAHelmHook() {
        HookSpec spec = HookSpec.of(obj("Job/db-init", "helm.sh/hook=post-install",
                "helm.sh/hook-delete-policy=hook-failed", POLICY + "HookSucceeded"));

        assertThat(spec.phases()).containsExactly(SyncPhase.PostSync);
        assertThat(spec.deletePolicies()).containsExactly(HookDeletePolicy.HookSucceeded);
    }

    @Test
    void argoSkipSuppressesHelmHook() {
        HookSpec spec = HookSpec.of(obj("Job/db-init", HOOK + "Skip", "helm.sh/hook=pre-install"));

        assertThat(spec.skip()).isTrue();
        assertThat(spec.phases()).isEmpty();
    }

    @Test
    void deletePolicyOnANonHookIsIgnored() {
        assertThat(HookSpec.of(obj("ConfigMap/c", POLICY + "HookSucceeded"))).isEqualTo(HookSpec.NONE);
    }

    @Test
    void unknownArgoHookTypeIsAnError() {
        assertThatThrownBy(() -> HookSpec.of(obj("Job/j", HOOK + "PreSyncc")))
                .hasMessageContaining("Job j (test/job.yaml): annotation argocd.argoproj.io/hook has unknown value"
                        + " 'PreSyncc'");
    }
}
