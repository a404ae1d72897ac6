package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory, a Kustomize and a Helm application each reach Synced and Healthy on the real cluster: their
 * Deployments become Available through kube-controller-manager and the fake kubelet, and {@code gitops status} says
 * so. Manifests come from Git over HTTP, the Kustomize app also from {@code --local}.
 */
class AppTypesE2ETest {

    @TempDir
    Path dir;

    E2E e2e;

    @AfterEach
    void tearDown() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void directoryAppFromGitIsSyncedAndHealthy() {
        e2e = E2E.withNamespace(dir, "e2e-dir");
        String sha = e2e.publish("directory", "apps/web", "web v1");
        Path app = e2e.application("plain", "dir-web", "apps/web");

        Run sync = e2e.gitops("sync", "-f", app.toString());

        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(sync.lastLine()).as(sync.toString()).startsWith("Succeeded: ");
        assertThat(sync.out()).as(sync.toString())
                .contains("wave 0 Sync: ConfigMap " + e2e.namespace + "/web-config created")
                .contains("wave 0 Sync: Service " + e2e.namespace + "/web created")
                .contains("wave 0 Sync: apps/Deployment " + e2e.namespace + "/web created");
        assertSyncedAndHealthy(app, sha.substring(0, 7));
        assertThat(E2E.available(e2e.deployment("web"))).isTrue();
        assertThat(e2e.deployment("web").getMetadata().getAnnotations())
                .containsEntry("argocd.argoproj.io/tracking-id", "dir-web:apps/Deployment:" + e2e.namespace + "/web");
    }

    @Test
    void kustomizeAppFromLocalAndGitIsSyncedAndHealthy() {
        e2e = E2E.withNamespace(dir, "e2e-kust");
        e2e.publish("kustomize", "apps/shop", "shop v1");
        Path app = e2e.application("kustomize", "kust-shop", "apps/shop");

        Run sync = e2e.gitops("sync", "-f", app.toString(), "--local", e2e.local().toString());

        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(sync.out()).as(sync.toString())
                .contains("apps/Deployment " + e2e.namespace + "/shop-web created")
                .containsPattern("ConfigMap " + e2e.namespace + "/shop-web-config-[a-z0-9]{10} created");
        Deployment web = awaitAvailable("shop-web");
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27.3");
        assertThat(web.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "shop");
        // the same application compared against Git: nothing differs from what --local applied
        assertSyncedAndHealthy(app, e2e.repo.head().substring(0, 7));
    }

    @Test
    void helmAppFromGitIsSyncedAndHealthy() {
        e2e = E2E.withNamespace(dir, "e2e-helm");
        e2e.publish("helm", "charts/web", "chart v1");
        Path app = e2e.application("helm", "helm-shop", "charts/web");

        Run sync = e2e.gitops("sync", "-f", app.toString());

        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(sync.out()).as(sync.toString())
                .contains("apps/Deployment " + e2e.namespace + "/helm-shop-web created");
        Deployment web = awaitAvailable("helm-shop-web");
        assertThat(web.getSpec().getReplicas()).as("valuesObject beats values.yaml").isEqualTo(2);
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).getValue())
                .as("parameters beat values.yaml").isEqualTo("hello from parameters");
        assertSyncedAndHealthy(app, e2e.repo.head().substring(0, 7));
    }

    private Deployment awaitAvailable(String name) {
        E2E.await("Deployment " + name + " Available", Duration.ofSeconds(60), () -> E2E.available(e2e.deployment(name)),
                () -> String.valueOf(e2e.deployment(name)));
        return e2e.deployment(name);
    }

    /** Polls {@code gitops status} until it says Synced and Healthy with exit 0, then checks diff agrees. */
    private void assertSyncedAndHealthy(Path app, String shortSha) {
        AtomicReference<Run> last = new AtomicReference<>();
        E2E.await("gitops status says Synced and Healthy", Duration.ofSeconds(60), () -> {
            Run status = e2e.gitops("status", "-f", app.toString());
            last.set(status);
            return status.exit() == 0 && status.out().contains("Health:    Healthy");
        }, () -> String.valueOf(last.get()));
        Run status = last.get();
        assertThat(status.out()).as(status.toString()).contains("Sync:      Synced").contains(shortSha);
        Run diff = e2e.gitops("diff", "-f", app.toString());
        assertThat(diff.exit()).as(diff.toString()).isZero();
        assertThat(diff.out()).as(diff.toString()).isEmpty();
    }
}
