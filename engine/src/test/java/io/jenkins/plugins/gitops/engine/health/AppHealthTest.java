package io.jenkins.plugins.gitops.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppHealthTest {

    private final AppHealth appHealth = new AppHealth();

    private static AppHealth.Resource live(String fixture) {
        KubeObject obj = Fixtures.load(fixture);
        return new AppHealth.Resource(obj.key(), obj, false);
    }

    private static AppHealth.Resource missing(String group, String kind, String name) {
        return new AppHealth.Resource(new ResourceKey(group, kind, "default", name), null, false);
    }

    @Test
    void allHealthyIsHealthyWithoutMessage() {
        Health health = appHealth.assess(List.of(live("deployment-healthy.yaml"), live("svc-clusterip.yaml")));
        assertThat(health).isEqualTo(Health.healthy());
    }

    @Test
    void worstResourceWinsAndIsNamed() {
        Health health = appHealth.assess(List.of(
                live("deployment-progressing.yaml"), live("pod-crashloop.yaml"), live("svc-clusterip.yaml")));

        assertThat(health.status()).isEqualTo(HealthStatus.Degraded);
        assertThat(health.message())
                .startsWith("Pod default/guestbook-ui-5f8d7b7c9-7m2xq is Degraded: back-off 5m0s restarting");
    }

    @Test
    void suspendedBeatsHealthyButNotProgressing() {
        assertThat(appHealth.assess(List.of(live("deployment-paused.yaml"), live("svc-clusterip.yaml"))).status())
                .isEqualTo(HealthStatus.Suspended);
        assertThat(appHealth.assess(List.of(live("deployment-paused.yaml"), live("svc-loadbalancer-unassigned.yaml")))
                        .status())
                .isEqualTo(HealthStatus.Progressing);
    }

    @Test
    void hooksDoNotCountWhetherFlaggedOrAnnotated() {
        KubeObject failedJob = Fixtures.load("job-failed.yaml");
        AppHealth.Resource flagged = new AppHealth.Resource(failedJob.key(), failedJob, true);
        KubeObject helmHook = failedJob.withAnnotation(AnnotationNames.HELM_HOOK, "post-install");
        KubeObject argoHook = failedJob.withAnnotation(AnnotationNames.HOOK, "PostSync");

        assertThat(appHealth.assess(List.of(live("deployment-healthy.yaml"), flagged))).isEqualTo(Health.healthy());
        assertThat(appHealth.assess(List.of(new AppHealth.Resource(helmHook.key(), helmHook, false))))
                .isEqualTo(Health.healthy());
        assertThat(appHealth.assess(List.of(new AppHealth.Resource(argoHook.key(), argoHook, false))))
                .isEqualTo(Health.healthy());
    }

    @Test
    void helmCrdInstallIsNotAHook() {
        KubeObject crdInstall = Fixtures.load("job-failed.yaml").withAnnotation(AnnotationNames.HELM_HOOK, "crd-install");
        assertThat(appHealth.assess(List.of(new AppHealth.Resource(crdInstall.key(), crdInstall, false))).status())
                .isEqualTo(HealthStatus.Degraded);
    }

    @Test
    void ignoreHealthcheckAnnotationSkipsTheResource() {
        KubeObject ignored = Fixtures.load("pod-crashloop.yaml").withAnnotation(AnnotationNames.IGNORE_HEALTHCHECK, "true");
        KubeObject notIgnored = Fixtures.load("pod-crashloop.yaml").withAnnotation(AnnotationNames.IGNORE_HEALTHCHECK, "false");

        assertThat(appHealth.assess(List.of(new AppHealth.Resource(ignored.key(), ignored, false))))
                .isEqualTo(Health.healthy());
        assertThat(appHealth.assess(List.of(new AppHealth.Resource(notIgnored.key(), notIgnored, false))).status())
                .isEqualTo(HealthStatus.Degraded);
    }

    @Test
    void kindsWithoutHealthDoNotCount() {
        Health health = appHealth.assess(List.of(live("configmap.yaml"), live("secret.yaml"), live("cr-no-conditions.yaml")));
        assertThat(health).isEqualTo(Health.healthy());
    }

    @Test
    void aMissingResourceDoesNotAffectAppHealthWhileOthersExist() {
        Health health = appHealth.assess(List.of(live("deployment-healthy.yaml"), missing("", "Service", "guestbook-ui")));
        assertThat(health).isEqualTo(Health.healthy());

        Health progressing = appHealth.assess(List.of(live("deployment-progressing.yaml"), missing("", "Service", "x")));
        assertThat(progressing.status()).isEqualTo(HealthStatus.Progressing);
    }

    @Test
    void appIsMissingWhenNoResourceExists() {
        Health health = appHealth.assess(List.of(missing("apps", "Deployment", "web"), missing("", "Service", "web")));
        assertThat(health.status()).isEqualTo(HealthStatus.Missing);
        assertThat(health.message()).contains("none of the application's resources exist");
    }

    @Test
    void missingHooksAloneDoNotMakeTheAppMissing() {
        AppHealth.Resource missingHook =
                new AppHealth.Resource(new ResourceKey("batch", "Job", "default", "migrate"), null, true);
        assertThat(appHealth.assess(List.of(missingHook))).isEqualTo(Health.healthy());
    }

    @Test
    void appWithOnlyLiveResourcesWithoutHealthIsNotMissing() {
        Health health = appHealth.assess(List.of(live("configmap.yaml"), missing("", "Service", "web")));
        assertThat(health).isEqualTo(Health.healthy());
    }

    @Test
    void suspendedJobDoesNotSuspendTheApp() {
        Health health = appHealth.assess(List.of(live("job-suspended.yaml"), live("deployment-healthy.yaml")));
        assertThat(health).isEqualTo(Health.healthy());
    }

    @Test
    void tiesAreBrokenByResourceKeySoTheMessageIsStable() {
        Health a = appHealth.assess(List.of(live("deployment-degraded.yaml"), live("pod-crashloop.yaml")));
        Health b = appHealth.assess(List.of(live("pod-crashloop.yaml"), live("deployment-degraded.yaml")));

        assertThat(a).isEqualTo(b);
        assertThat(a.message()).startsWith("Pod default/");
    }

    @Test
    void emptyAppIsHealthy() {
        assertThat(appHealth.assess(List.of())).isEqualTo(Health.healthy());
    }
}
