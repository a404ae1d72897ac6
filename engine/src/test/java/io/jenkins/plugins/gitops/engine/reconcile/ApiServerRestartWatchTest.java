package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.StoppableApiServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's watches when the API server goes away and comes back (etcd data kept, so the objects and their
 * resource versions survive; the restarted API server's watch cache starts afresh, so resuming a watch from an old
 * resource version is answered 410 Gone and the informers must list again). The controller itself keeps running:
 * after the restart a {@code kubectl edit} behind its back must still be seen and self-healed, with no refresh asked
 * for by the test, which proves the watches are live again.
 */
class ApiServerRestartWatchTest {

    @TempDir
    Path dir;

    StoppableApiServer server;
    KubernetesClient admin;
    GitHttpServer git;
    TestRepo repo;
    GitOpsEngine engine;
    Controller controller;

    @BeforeEach
    void setUp() {
        server = StoppableApiServer.start();
        admin = server.newClient();
        server.kubectl("create", "namespace", "shop");
        git = GitHttpServer.start(dir.resolve("git-server"));
        repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        repo.write("app/settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {MODE: blue}
                """);
        repo.commit("settings");
        engine = GitOpsEngine.builder().workDir(dir.resolve("engine"))
                .stateStore(new FileStateStore(dir.resolve("state")))
                .connection(ClusterConnection.fromKubeconfig("in-cluster", server.kubeconfig(), null))
                .pollInterval(Duration.ofMillis(100)).build();
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofHours(1), Duration.ZERO)
                .withSelfHealBackoff(new SelfHealBackoff(Duration.ofMillis(200), 2, Duration.ofSeconds(1))));
    }

    @AfterEach
    void tearDown() {
        if (controller != null) {
            controller.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (git != null) {
            git.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Application app() {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: settings}
                spec:
                  source: {repoURL: '%s', targetRevision: HEAD, path: app}
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                """.formatted(repo.url()), "settings.yaml");
    }

    String mode() {
        ConfigMap cm = admin.configMaps().inNamespace("shop").withName("settings").get();
        return cm == null ? null : cm.getData().get("MODE");
    }

    static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    void editBehindTheControllersBack(String value) {
        server.kubectl("-n", "shop", "patch", "configmap", "settings", "--type=merge",
                "-p", "{\"data\":{\"MODE\":\"" + value + "\"}}");
    }

    @Test
    void driftIsSeenAndHealedAfterTheApiServerRestartsWithoutAnyRefreshRequest() throws Exception {
        controller.register(app(), "job/settings");
        controller.start();
        await(() -> "blue".equals(mode()), "the automated sync", Duration.ofSeconds(60));
        editBehindTheControllersBack("red");
        await(() -> "blue".equals(mode()), "self-heal before the restart", Duration.ofSeconds(60));

        server.stop();
        // the controller keeps running while the API server is away: its refreshes fail, nothing is written
        Thread.sleep(3000);
        admin.close();
        server.restart();
        admin = server.newClient();
        assertThat(mode()).isEqualTo("blue");

        long editedAt = System.nanoTime();
        editBehindTheControllersBack("green");
        await(() -> "blue".equals(mode()), "self-heal after the API server restarted", Duration.ofSeconds(90));
        long healedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - editedAt);
        System.out.println("[ApiServerRestartWatchTest] drift after the restart healed in " + healedMillis + " ms");

        AppStatus status = controller.status("settings").orElseThrow();
        assertThat(status.driftEvents()).as(String.valueOf(status.driftEvents())).anySatisfy(e ->
                assertThat(e.fields()).anyMatch(f -> f.contains("MODE")));
        assertThat(status.conditions()).noneMatch(c -> c.type().equals(AppCondition.COMPARISON_ERROR));
    }
}
