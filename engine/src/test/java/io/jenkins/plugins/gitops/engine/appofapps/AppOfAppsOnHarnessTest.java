package io.jenkins.plugins.gitops.engine.appofapps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
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
        // the children are not applied to the cluster (it has no Application CRD) but are the sync's Application rows
        assertThat(synced.resources()).filteredOn(r -> r.kind().equals("Application"))
                .extracting(r -> r.name() + " " + r.status() + " " + r.message())
                .containsExactlyInAnyOrder(auto + " Synced child application created",
                        manual + " Synced child application created");
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

    static ResourceStatus row(AppComparison c, String name) {
        return c.resources().stream().filter(r -> r.kind().equals("Application") && r.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Application row " + name + " in "
                        + c.resources()));
    }

    AppComparison parentComparison(String parent) {
        return controller.status(parent).map(AppStatus::comparison).orElse(null);
    }

    @Test
    void theParentListsItsChildrenAsResourcesAndAChildChangedInGitMakesItOutOfSync() throws Exception {
        String parent = ns + "-parent";
        String web = ns + "-web";
        String db = ns + "-db";
        String finalizer = "  finalizers: [resources-finalizer.argocd.argoproj.io]";
        String automated = "spec:\n  syncPolicy: {automated: {prune: true}}\n";
        repo.write("apps/web.yaml", application(web, "web", finalizer).replace("spec:\n", automated))
                .write("apps/db.yaml", application(db, "db", finalizer))
                .write("web/cm.yaml", configMap("web-v1"))
                .write("web-v2/cm.yaml", configMap("web-v2"))
                .write("db/cm.yaml", configMap("db-config"))
                .commit("parent with two children");
        Application root = ArgoDocuments.parseApplication(application(parent, "apps", ""), "parent.yaml");
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofSeconds(1), Duration.ZERO));
        controller.register(root, "job/platform");
        controller.start();

        // never synced: both children are resources of the parent, missing (not registered yet)
        await("the parent is compared", () -> parentComparison(parent) != null
                && parentComparison(parent).error() == null && parentComparison(parent).revision() != null
                && !parentComparison(parent).revision().isEmpty());
        AppComparison before = parentComparison(parent);
        assertThat(before.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(row(before, web).group()).isEqualTo("argoproj.io");
        assertThat(row(before, web).namespace()).isEqualTo("argocd");
        assertThat(row(before, web).status()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(row(before, web).health()).isEqualTo(HealthStatus.Missing);
        assertThat(before.tree().find(row(before, db).key())).isPresent();

        SyncOutcome first = controller.requestSync(parent, SyncRequest.manual("ada")).get(2, TimeUnit.MINUTES);
        assertThat(first.phase()).as(first.message()).isEqualTo("Succeeded");
        assertThat(first.after().syncStatus()).as(first.after().diff()).isEqualTo(SyncStatus.Synced);
        assertThat(row(first.after(), web).status()).isEqualTo(SyncStatus.Synced);
        await("the automated child deployed web-v1", () -> configMapExists("web-v1"));

        // each row shows the child's own health; the manual child's Missing ConfigMap is not rolled up (Argo CD 1.8+)
        await("the parent shows the children's own health", () -> {
            AppComparison c = parentComparison(parent);
            return c != null && c.error() == null && row(c, web).health() == HealthStatus.Healthy
                    && row(c, db).health() == HealthStatus.Missing;
        });
        assertThat(parentComparison(parent).health().status()).isEqualTo(HealthStatus.Healthy);
        assertThat(parentComparison(parent).syncStatus()).isEqualTo(SyncStatus.Synced);

        // the web child's path changes in Git: the PARENT is OutOfSync, naming the child and the field
        repo.write("apps/web.yaml", application(web, "web-v2", finalizer).replace("spec:\n", automated))
                .commit("web moves to web-v2");
        controller.requestRefresh(parent);
        await("the parent is OutOfSync on the web child", () -> {
            AppComparison c = parentComparison(parent);
            return c != null && c.error() == null && c.syncStatus() == SyncStatus.OutOfSync;
        });
        AppComparison changed = parentComparison(parent);
        assertThat(row(changed, web).status()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(row(changed, web).diffPaths()).containsExactly(
                "spec.source.path: changed (live \"web\" -> Git \"web-v2\")");
        assertThat(row(changed, db).status()).isEqualTo(SyncStatus.Synced);
        assertThat(changed.diff()).contains(web).contains("web-v2");
        assertThat(controller.application(web).orElseThrow().source().path())
                .as("the registered child changes only with the parent's sync").isEqualTo("web");

        SyncOutcome second = controller.requestSync(parent, SyncRequest.manual("ada")).get(2, TimeUnit.MINUTES);
        assertThat(second.phase()).as(second.message()).isEqualTo("Succeeded");
        assertThat(second.resources()).filteredOn(r -> r.kind().equals("Application"))
                .extracting(r -> r.name() + " " + r.status() + " " + r.message())
                .containsExactly(web + " Synced child application updated");
        assertThat(second.after().syncStatus()).isEqualTo(SyncStatus.Synced);
        assertThat(controller.application(web).orElseThrow().source().path()).isEqualTo("web-v2");
        await("the child synced itself to web-v2, pruning web-v1",
                () -> configMapExists("web-v2") && !configMapExists("web-v1"));

        // the db child (synced by hand) leaves Git: the parent shows it as requiring pruning, a pruning sync deletes
        // it with its resources (it has the resources finalizer)
        SyncOutcome dbSync = controller.requestSync(db, SyncRequest.manual("ada")).get(2, TimeUnit.MINUTES);
        assertThat(dbSync.phase()).as(dbSync.message()).isEqualTo("Succeeded");
        repo.delete("apps/db.yaml").commit("db child removed");
        controller.requestRefresh(parent);
        await("the parent shows the db child as requiring pruning", () -> {
            AppComparison c = parentComparison(parent);
            return c != null && c.error() == null && c.resources().stream()
                    .anyMatch(r -> r.name().equals(db) && r.requiresPruning());
        });
        assertThat(parentComparison(parent).syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        SyncOutcome pruned = controller.requestSync(parent, SyncRequest.manual("ada").withPrune(true))
                .get(2, TimeUnit.MINUTES);
        assertThat(pruned.phase()).as(pruned.message()).isEqualTo("Succeeded");
        assertThat(pruned.resources()).filteredOn(r -> r.kind().equals("Application"))
                .extracting(r -> r.name() + " " + r.status())
                .containsExactly(db + " Pruned");
        await("the db child is gone with its ConfigMap",
                () -> controller.application(db).isEmpty() && !configMapExists("db-config"));
        assertThat(pruned.after().resources()).extracting(ResourceStatus::name).doesNotContain(db);
        assertThat(controller.childrenOf(parent)).containsExactly(web);
    }

    @Test
    void aChildWithAnInvalidSpecIsOneLineNamingTheParentTheFileAndTheFieldAndNothingIsApplied() {
        String parent = ns + "-bad";
        repo.write("bad/child.yaml", application(ns + "-broken", "broken", "")
                        .replace("destination: {server: https://kubernetes.default.svc, ", "destination: {"))
                .write("bad/cm.yaml", configMap("bad-marker"))
                .commit("a child without a destination server");
        Application root = ArgoDocuments.parseApplication(application(parent, "bad", ""), "bad.yaml");

        AppComparison compared = engine.compare(root, null, null);
        SyncOutcome outcome = engine.sync(root, SyncRequest.manual("ada"), LOG);

        String expected = "application '" + parent + "': invalid child application in bad/child.yaml: "
                + "spec.destination: one of server or name is required";
        assertThat(compared.error()).isEqualTo(expected);
        assertThat(outcome.phase()).isIn("Error", "Failed");
        assertThat(outcome.message()).contains(expected).doesNotContain("\n");
        assertThat(outcome.children()).isNull();
        assertThat(configMapExists("bad-marker")).isFalse();
        assertThat(engine.recordedChildren(parent)).isEmpty();
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
