package io.jenkins.plugins.gitops.engine.imageupdate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.gitops.engine.ClusterSpec;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.RepoCredentialLookup;
import io.jenkins.plugins.gitops.engine.RepoCredentialSpec;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full loop on the harness's real control plane (kube-apiserver, kube-controller-manager, fake kubelet): a new tag
 * is pushed to the registry, the updater commits it to Git, the controller auto-syncs, and the Deployment's pods run
 * the new image.
 */
class ImageUpdateClusterLoopTest {

    @TempDir
    Path tmp;

    @Test
    void aPushedTagIsCommittedSyncedAndRunning() throws Exception {
        HarnessCluster cluster = HarnessCluster.get();
        String ns = cluster.freshNamespace("imgupd");
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"));
                GitHttpServer git = GitHttpServer.startWithBasicAuth(tmp.resolve("git"), "writer", "pw")) {
            registry.push("team/web", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
            TestRepo repo = TestRepos.create(git, "deploy", tmp.resolve("work"));
            repo.write("apps/web/kustomization.yaml", "resources: [deployment.yaml]\n")
                    .write("apps/web/deployment.yaml", ImageUpdaterGitTest.deployment(registry.host() + "/team/web:1.0.0"))
                    .commit("web 1.0.0");
            List<RepoCredentialSpec> creds = List.of(RepoCredentialSpec.https(git.baseUrl(), "writer", "pw"));
            Application app = ArgoDocuments.parseApplication("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata:
                      name: web
                      annotations:
                        argocd-image-updater.argoproj.io/image-list: 'web=%s/team/web:1.x'
                        argocd-image-updater.argoproj.io/write-back-method: git
                    spec:
                      source: {repoURL: '%s', path: apps/web, targetRevision: main}
                      destination: {server: 'https://kubernetes.default.svc', namespace: %s}
                      syncPolicy: {automated: {prune: true}}
                    """.formatted(registry.host(), repo.url(), ns), "web.yaml");
            try (GitOpsEngine engine = GitOpsEngine.builder().workDir(tmp.resolve("engine"))
                    .stateStore(new FileStateStore(tmp.resolve("state"))).repoCredentials(creds)
                    .clusters(List.of(ClusterSpec.ofKubeconfig("in-cluster", cluster.kubeconfigYaml(), null)))
                    .defaultCluster("in-cluster").build();
                    Controller controller = new Controller(engine, ControllerSettings.defaults()
                            .withRefreshInterval(Duration.ofSeconds(2), Duration.ZERO))) {
                controller.register(app, "test");
                controller.start();
                awaitImage(cluster, ns, registry.host() + "/team/web:1.0.0");

                registry.push("team/web", "1.1.0", Instant.parse("2026-01-02T00:00:00Z"));
                ImageUpdater updater = new ImageUpdater(ImageUpdater.Settings.defaults(tmp.resolve("upd"), List.of()),
                        new RepoCredentialLookup(creds)::forUrl,
                        CurrentImages.rendered(a -> engine.render(a, null, null)), null, Clock.systemUTC(),
                        EngineLog.NONE);
                AppUpdateResult r = updater.run(List.of(app), false).get(0);
                assertThat(r.error()).isEmpty();
                assertThat(r.commit()).isNotEmpty();
                controller.requestRefresh("web");

                Deployment d = awaitImage(cluster, ns, registry.host() + "/team/web:1.1.0");
                String newImage = registry.host() + "/team/web:1.1.0";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                List<String> running = List.of();
                while (System.nanoTime() < deadline) {
                    running = cluster.client().pods().inNamespace(ns).list().getItems().stream()
                            .filter(p -> "Running".equals(p.getStatus().getPhase())
                                    && p.getMetadata().getDeletionTimestamp() == null)
                            .map(p -> p.getSpec().getContainers().get(0).getImage()).toList();
                    if (running.equals(List.of(newImage))) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(running).as("pods running after the update").containsExactly(newImage);
                assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(1);
            }
        }
    }

    private static Deployment awaitImage(HarnessCluster cluster, String ns, String image) {
        return cluster.client().apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(d -> d != null
                && image.equals(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas())
                && Integer.valueOf(1).equals(d.getStatus().getUpdatedReplicas())
                && d.getStatus().getObservedGeneration() != null
                && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration(), 120, TimeUnit.SECONDS);
    }
}
