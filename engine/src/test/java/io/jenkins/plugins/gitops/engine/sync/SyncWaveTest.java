package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.sync.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyncWaveTest {

    @Test
    void defaultsToZero() {
        assertThat(SyncWave.of(obj("ConfigMap/c"))).isZero();
    }

    @Test
    void readsPositiveAndNegativeWaves() {
        assertThat(SyncWave.of(obj("ConfigMap/c@7"))).isEqualTo(7);
        assertThat(SyncWave.of(obj("ConfigMap/c@-12"))).isEqualTo(-12);
        assertThat(SyncWave.of(obj("ConfigMap/c", "argocd.argoproj.io/sync-wave= 3 "))).isEqualTo(3);
    }

    @Test
    void invalidWaveNamesResourceFileAndAnnotation() {
        assertThatThrownBy(() -> SyncWave.of(obj("Deployment/shop/web@first")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apps/Deployment shop/web (test/deployment.yaml): annotation argocd.argoproj.io/sync-wave"
                        + " must be an integer (may be negative), got 'first'");
    }

    @Test
    void helmHookWeightIsTheFallbackWave() {
        assertThat(SyncWave.of(obj("Job/j", "helm.sh/hook=pre-install", "helm.sh/hook-weight=-3"))).isEqualTo(-3);
    }

    @Test
    void syncWaveWinsOverHelmHookWeight() {
        assertThat(SyncWave.of(obj("Job/j@2", "helm.sh/hook-weight=-3"))).isEqualTo(2);
    }

    @Test
    void helmHookWeightIsIgnoredWhenAnArgoHookAnnotationExists() {
        assertThat(SyncWave.of(obj("Job/j", "argocd.argoproj.io/hook=PreSync", "helm.sh/hook-weight=5"))).isZero();
    }
}
