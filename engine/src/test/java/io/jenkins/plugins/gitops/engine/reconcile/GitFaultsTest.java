package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.testing.FaultyTcpProxy;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git faults while the controller runs against the harness's real control plane (kube-apiserver with
 * kube-controller-manager, whose garbage collector finishes the foreground deletions prune starts): the Git server dying in the
 * middle of sending a pack (a {@link FaultyTcpProxy} cuts the real server's answers), a force-pushed branch and a
 * deleted tag. What must hold: the cluster keeps the last good state (nothing applied, nothing pruned), the
 * application's ComparisonError condition says why in one line, the page keeps showing the last good comparison, and
 * the next refresh after the repair recovers on its own.
 */
class GitFaultsTest {

    static final String AUTO = "syncPolicy:\n  automated: {prune: true, selfHeal: true}\n";

    @TempDir
    Path dir;

    GitHttpServer git;
    FaultyTcpProxy proxy;
    TestRepo repo;
    KubernetesClient kube;
    GitOpsEngine engine;
    Controller controller;
    String ns;

    @BeforeEach
    void setUp() {
        HarnessCluster cluster = HarnessCluster.get();
        kube = cluster.client();
        ns = cluster.freshNamespace("gitfault");
        git = GitHttpServer.start(dir.resolve("git-server"));
        proxy = FaultyTcpProxy.to(URI.create(git.baseUrl()).getPort());
        repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        configMap("settings", "v1");
        configMap("extra", "v1");
        repo.commit("first");
        repo.tag("v1");
        engine = GitOpsEngine.builder().workDir(dir.resolve("engine"))
                .stateStore(new FileStateStore(dir.resolve("state")))
                .connection(ClusterConnection.fromKubeconfig("in-cluster", cluster.kubeconfig(), null))
                .pollInterval(Duration.ofMillis(100)).build();
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofHours(1), Duration.ZERO));
    }

    @AfterEach
    void tearDown() {
        controller.close();
        engine.close();
        proxy.close();
        git.close();
    }

    void configMap(String name, String value) {
        repo.write("app/" + name + ".yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s}
                data: {VALUE: "%s"}
                """.formatted(name, value));
    }

    /** A file the pack cannot compress, so the answer carrying it is long enough to be cut in the middle. */
    void bulk(long seed) {
        byte[] bytes = new byte[96 * 1024];
        new Random(seed).nextBytes(bytes);
        repo.write("app/bulk.bin", java.util.Base64.getEncoder().encodeToString(bytes));
    }

    /** Application names are unique per test: the API server is shared and tracking ids are cluster-wide. */
    Application app(String name, String revision) {
        name = name + "-" + ns;
        String viaProxy = repo.url().replace(":" + URI.create(git.baseUrl()).getPort() + "/", ":" + proxy.port() + "/");
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: '%s', targetRevision: %s, path: app}
                  destination: {server: https://kubernetes.default.svc, namespace: %s}
                %s
                """.formatted(name, viaProxy, revision, ns, AUTO.indent(2)), name + ".yaml");
    }

    String value(String name) {
        ConfigMap cm = kube.configMaps().inNamespace(ns).withName(name).get();
        return cm == null ? null : cm.getData().get("VALUE");
    }

    AppStatus status(String app) {
        return controller.status(app + "-" + ns).orElseThrow();
    }

    Optional<AppCondition> condition(String app, String type) {
        return status(app).conditions().stream().filter(c -> c.type().equals(type)).findFirst();
    }

    void refreshUntil(String app, Predicate<AppStatus> condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            controller.requestRefresh(app + "-" + ns);
            controller.tick();
            assertThat(controller.awaitIdle(Duration.ofSeconds(30))).isTrue();
            if (condition.test(status(app))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + ": " + status(app));
    }

    static boolean syncedAt(AppStatus s, String revision) {
        return s.comparison() != null && s.comparison().error() == null && s.comparison().inSync()
                && revision.equals(s.comparison().revision()) && s.lastOperation() != null
                && "Succeeded".equals(s.lastOperation().phase()) && !s.operationQueued();
    }

    @Test
    void gitServerDyingMidFetchKeepsTheLastGoodStateAndRecoversOnTheNextRefresh() throws Exception {
        String first = repo.head();
        controller.register(app("web", "HEAD"), "job/web");
        refreshUntil("web", s -> syncedAt(s, first), "the first automated sync");
        assertThat(value("settings")).isEqualTo("v1");

        configMap("settings", "v2");
        repo.delete("app/extra.yaml");
        bulk(1);
        String second = repo.commit("second, with a large file");
        proxy.cutAnswersAfter(4096);
        refreshUntil("web", s -> s.conditions().stream().anyMatch(c -> c.type().equals(AppCondition.COMPARISON_ERROR)),
                "the failed fetch to be reported");

        assertThat(proxy.cutConnections()).isPositive();
        AppCondition failed = condition("web", AppCondition.COMPARISON_ERROR).orElseThrow();
        assertThat(failed.message()).contains(repo.url().replace(":" + URI.create(git.baseUrl()).getPort() + "/",
                ":" + proxy.port() + "/")).doesNotContain("\n").doesNotContain("Exception");
        // last good state: nothing applied, nothing pruned, and the page still shows what was there
        assertThat(value("settings")).isEqualTo("v1");
        assertThat(value("extra")).as("pruned although Git could not be read").isEqualTo("v1");
        AppStatus stale = status("web");
        assertThat(stale.comparison().syncStatus()).isEqualTo(SyncStatus.Unknown);
        assertThat(stale.comparison().revision()).isEqualTo(first);
        assertThat(stale.comparison().resources()).extracting(r -> r.key().name())
                .contains("settings", "extra");
        assertThat(stale.history()).hasSize(1);

        proxy.pass();
        refreshUntil("web", s -> syncedAt(s, second), "recovery after the Git server came back");
        assertThat(condition("web", AppCondition.COMPARISON_ERROR)).isEmpty();
        assertThat(value("settings")).isEqualTo("v2");
        assertThat(value("extra")).as("pruned once Git was read again").isNull();
    }

    /**
     * A comparison that failed (the Git server refused the connection) is tried again after 5 s, 10 s, ... without
     * anybody asking and without waiting for the refresh interval (1 h here): once Git answers again, the automated
     * application syncs on its own. (In the HA benchmark a fetch cut by the overloaded loopback Git server left an
     * application in error until its next refresh.)
     */
    @Test
    void aFailedComparisonIsTriedAgainSoonWithoutBeingAsked() throws Exception {
        String first = repo.head();
        proxy.refuse();
        controller.register(app("retry", "HEAD"), "job/retry");
        controller.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (controller.status("retry-" + ns).map(s -> s.conditions().stream()
                .noneMatch(c -> c.type().equals(AppCondition.COMPARISON_ERROR))).orElse(true)) {
            assertThat(System.nanoTime()).as("the refused fetch to be reported").isLessThan(end);
            Thread.sleep(100);
        }
        proxy.pass();
        while (!syncedAt(status("retry"), first)) {
            assertThat(System.nanoTime()).as("the retried comparison and the sync: " + status("retry"))
                    .isLessThan(end);
            Thread.sleep(100);
        }
        assertThat(value("settings")).isEqualTo("v1");
        assertThat(Controller.retryAfterFailedComparison(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(Controller.retryAfterFailedComparison(3, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(20));
        assertThat(Controller.retryAfterFailedComparison(40, Duration.ofMinutes(3))).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aForcePushedBranchIsFollowedAndHistoryKeepsTheOldRevision() throws Exception {
        String first = repo.head();
        controller.register(app("web", "HEAD"), "job/web");
        refreshUntil("web", s -> syncedAt(s, first), "the first automated sync");
        configMap("settings", "v2");
        String second = repo.commit("second");
        refreshUntil("web", s -> syncedAt(s, second), "the second revision");

        // someone rewrites main: back to the first commit, then a different commit on top (pushed with +)
        try (Git g = Git.open(repo.workDir().toFile())) {
            g.reset().setMode(ResetCommand.ResetType.HARD).setRef(first).call();
        }
        configMap("settings", "rewritten");
        String rewritten = repo.commit("rewritten history");
        assertThat(rewritten).isNotEqualTo(second);

        refreshUntil("web", s -> syncedAt(s, rewritten), "the force-pushed revision");
        assertThat(value("settings")).isEqualTo("rewritten");
        assertThat(status("web").history()).extracting(h -> h.revision()).containsExactly(first, second, rewritten);
        assertThat(condition("web", AppCondition.COMPARISON_ERROR)).isEmpty();
    }

    @Test
    void aDeletedTagIsAConditionNotAnEmptyApplicationAndItsReturnRecovers() throws Exception {
        String first = repo.head();
        controller.register(app("tagged", "v1"), "job/tagged");
        refreshUntil("tagged", s -> syncedAt(s, first), "the sync of tag v1");

        repo.deleteTag("v1");
        refreshUntil("tagged", s -> condition("tagged", AppCondition.COMPARISON_ERROR).isPresent(),
                "the deleted tag to be reported");
        assertThat(condition("tagged", AppCondition.COMPARISON_ERROR).orElseThrow().message()).contains("v1")
                .doesNotContain("\n");
        assertThat(value("settings")).isEqualTo("v1");
        assertThat(value("extra")).as("pruned because the tag was gone").isEqualTo("v1");
        assertThat(status("tagged").comparison().resources()).isNotEmpty();

        configMap("settings", "v2");
        String retagged = repo.commit("second");
        repo.tag("v1");
        refreshUntil("tagged", s -> syncedAt(s, retagged), "recovery once the tag is back");
        assertThat(value("settings")).isEqualTo("v2");
        assertThat(condition("tagged", AppCondition.COMPARISON_ERROR)).isEmpty();
    }
}
