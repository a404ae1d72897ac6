package io.jenkins.plugins.gitops.engine.appofapps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
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
 * App of apps end to end: a parent Application in Git (over HTTP on loopback) renders two child Applications and a
 * ConfigMap; the controller syncs it against the harness's real control plane (which has no Application CRD, so an
 * applied Application would fail the sync). The children become applications of the controller under the parent;
 * the automated one syncs itself, the manual one waits. When both leave Git, a pruning parent sync deletes the child
 * with the resources finalizer together with its resources, and forgets the one without it, leaving its resources.
 * A cycle of applications rendering each other is one error and nothing is applied.
 */
class AppOfAppsOnHarnessTest {

    static final EngineLog LOG = new EngineLog() {
        @Override
        public void info(String message) {
            System.out.println(java.time.Instant.now() + " " + message);
        }

        @Override
        public void warn(String message) {
            System.out.println(java.time.Instant.now() + " WARNING " + message);
        }
    };

    @TempDir
    Path dir;

    HarnessCluster cluster;
    GitHttpServer git;
    TestRepo repo;
    GitOpsEngine engine;
    Controller controller;
    String ns;

    @BeforeEach
    void setUp() {
        cluster = HarnessCluster.get();
        ns = cluster.freshNamespace("aoa");
        git = GitHttpServer.start(dir.resolve("git"));
        repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        engine = GitOpsEngine.builder().workDir(dir.resolve("engine"))
                .stateStore(new FileStateStore(dir.resolve("state")))
                .connection(ClusterConnection.ofClient("in-cluster", null, new io.fabric8.kubernetes.client
                        .KubernetesClientBuilder().withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(
                                cluster.kubeconfigYaml())).build()))
                .pollInterval(Duration.ofMillis(200)).log(LOG).build();
    }

    @AfterEach
    void tearDown() {
        if (controller != null) {
            controller.close();
        }
        engine.close();
        git.close();
    }

    String application(String name, String path, String extra) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                %s
                spec:
                  project: default
                  source: {repoURL: %s, targetRevision: main, path: %s}
                  destination: {server: https://kubernetes.default.svc, namespace: %s}
                """.formatted(name, extra, repo.url(), path, ns);
    }

    static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {k: v}\n";
    }

    boolean configMapExists(String name) {
        return cluster.client().configMaps().inNamespace(ns).withName(name).get() != null;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void childrenAreCreatedSyncedPerTheirPolicyAndPrunedPerTheirFinalizer() throws Exception {
        String parent = ns + "-root";
        String auto = ns + "-auto";
        String manual = ns + "-manual";
        repo.write("apps/auto.yaml", application(auto, "auto",
                        "  finalizers: [resources-finalizer.argocd.argoproj.io]").replace("spec:\n", """
                spec:
                  syncPolicy: {automated: {prune: true}}
                """))
                .write("apps/manual.yaml", application(manual, "manual", ""))
                .write("apps/marker.yaml", configMap("parent-marker"))
                .write("auto/cm.yaml", configMap("auto-config"))
                .write("manual/cm.yaml", configMap("manual-config"))
                .commit("parent with two children");
        Application root = ArgoDocuments.parseApplication(application(parent, "apps", ""), "root.yaml");
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofSeconds(1), Duration.ZERO));
        controller.register(root, "job/platform");
        controller.start();

        SyncOutcome synced = controller.requestSync(parent, SyncRequest.manual("ada")).get(2, TimeUnit.MINUTES);
        assertThat(synced.phase()).as(synced.message()).isEqualTo("Succeeded");
        assertThat(configMapExists("parent-marker")).isTrue();
        assertThat(synced.resources()).extracting(r -> r.kind()).doesNotContain("Application");
        assertThat(controller.childrenOf(parent)).containsExactly(auto, manual);
        assertThat(controller.parentOf(auto)).contains(parent);
        assertThat(controller.status(auto).orElseThrow().owner()).isEqualTo("job/platform");

        // the automated child syncs itself; the manual one is compared but waits for a person
        await("the automated child deployed its ConfigMap", () -> configMapExists("auto-config"));
        await("the manual child is OutOfSync", () -> controller.status(manual)
                .map(s -> s.comparison() != null && s.comparison().syncStatus() == SyncStatus.OutOfSync).orElse(false));
        assertThat(configMapExists("manual-config")).isFalse();
        SyncOutcome manualSync = controller.requestSync(manual, SyncRequest.manual("ada")).get(2, TimeUnit.MINUTES);
        assertThat(manualSync.phase()).as(manualSync.message()).isEqualTo("Succeeded");
        assertThat(configMapExists("manual-config")).isTrue();

        // a restarted controller (same state) gets the children back with the parent, before any parent sync
        controller.close();
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofSeconds(1), Duration.ZERO));
        controller.register(root, "job/platform");
        assertThat(controller.childrenOf(parent)).containsExactly(auto, manual);
        assertThat(controller.parentOf(manual)).contains(parent);
        assertThat(controller.status(auto).orElseThrow().owner()).isEqualTo("job/platform");
        controller.start();

        // both children leave Git: a sync without prune keeps them
        repo.delete("apps/auto.yaml").delete("apps/manual.yaml").commit("children removed");
        SyncOutcome kept = controller.requestSync(parent, SyncRequest.manual("ada")).get(2, TimeUnit.MINUTES);
        assertThat(kept.phase()).as(kept.message()).isEqualTo("Succeeded");
        assertThat(controller.childrenOf(parent)).containsExactly(auto, manual);

        // a pruning sync deletes them: the finalizer's child with its resources, the other without
        SyncOutcome pruned = controller.requestSync(parent, SyncRequest.manual("ada").withPrune(true))
                .get(2, TimeUnit.MINUTES);
        assertThat(pruned.phase()).as(pruned.message()).isEqualTo("Succeeded");
        await("the child with the finalizer is gone with its ConfigMap",
                () -> controller.application(auto).isEmpty() && !configMapExists("auto-config"));
        assertThat(controller.application(manual)).isEmpty();
        assertThat(configMapExists("manual-config")).as("no finalizer: its resources stay").isTrue();
        assertThat(controller.childrenOf(parent)).isEmpty();
        assertThat(configMapExists("parent-marker")).isTrue();
    }

    @Test
    void aCycleOfApplicationsIsOneErrorAndNothingIsApplied() {
        String a = ns + "-loop-a";
        String b = ns + "-loop-b";
        repo.write("loop-a/child.yaml", application(b, "loop-b", ""))
                .write("loop-a/cm.yaml", configMap("loop-a-config"))
                .write("loop-b/child.yaml", application(a, "loop-a", ""))
                .write("loop-b/cm.yaml", configMap("loop-b-config"))
                .commit("two applications naming each other");
        Application loopA = ArgoDocuments.parseApplication(application(a, "loop-a", ""), "loop-a.yaml");

        SyncOutcome outcome = engine.sync(loopA, SyncRequest.manual("ada"), LOG);

        assertThat(outcome.phase()).isIn("Error", "Failed");
        assertThat(outcome.message()).contains("application cycle: " + a + " -> " + b + " -> " + a)
                .doesNotContain("\n");
        assertThat(configMapExists("loop-a-config")).isFalse();
        assertThat(configMapExists("loop-b-config")).isFalse();
    }
}
