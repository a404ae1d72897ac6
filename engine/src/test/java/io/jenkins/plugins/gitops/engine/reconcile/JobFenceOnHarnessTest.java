package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.project.JobFence;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job fence in the controller on the harness's real API server: an application owned by a job its project does
 * not admit is neither auto-synced nor synced on request nor deleted, the condition names job, project and rule, and
 * nothing reaches the cluster; once the rule admits the job, the same application syncs.
 */
class JobFenceOnHarnessTest {

    @TempDir
    Path dir;

    HarnessCluster cluster;
    String ns;
    GitHttpServer git;
    TestRepo repo;
    GitOpsEngine engine;
    Controller controller;

    @BeforeEach
    void setUp() {
        cluster = HarnessCluster.get();
        ns = cluster.freshNamespace("fence");
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
                .projects(projects())
                .connection(ClusterConnection.fromKubeconfig("in-cluster", cluster.kubeconfig(), null))
                .pollInterval(Duration.ofMillis(100)).build();
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofHours(1), Duration.ZERO));
    }

    @AfterEach
    void tearDown() {
        controller.close();
        engine.close();
        git.close();
    }

    List<AppProject> projects() {
        return ArgoDocuments.parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata:
                  name: payments
                  annotations: {gitops-sync.jenkins.io/allowed-jobs: "payments/**"}
                spec:
                  sourceRepos: ['*']
                  destinations: [{server: '*', namespace: '*'}]
                """, "payments.yaml").projects();
    }

    Application app() {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  project: payments
                  source: {repoURL: '%s', targetRevision: HEAD, path: app}
                  destination: {server: https://kubernetes.default.svc, namespace: %s}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                """.formatted(ns, repo.url(), ns), "app.yaml");
    }

    boolean exists() {
        return cluster.client().configMaps().inNamespace(ns).withName("settings").get() != null;
    }

    void settleUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            controller.requestRefresh(ns);
            assertThat(controller.awaitIdle(Duration.ofSeconds(30))).isTrue();
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + ": " + controller.status(ns));
    }

    @Test
    void aJobTheProjectDoesNotAdmitCannotDeployAutomaticallyOrOnRequest() throws Exception {
        controller.fence(JobFence.of(projects(), Map.of()));
        controller.register(app(), "team-b/deploy");
        settleUntil(() -> controller.status(ns).map(s -> s.conditions().stream()
                .anyMatch(c -> c.type().equals(AppCondition.SYNC_ERROR))).orElse(false), "the refusal");

        AppStatus status = controller.status(ns).orElseThrow();
        assertThat(status.conditions()).filteredOn(c -> c.type().equals(AppCondition.SYNC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("job 'team-b/deploy'")
                        .contains("project 'payments'").contains("payments/**"));
        assertThat(status.automation()).startsWith("automated sync refused");
        assertThat(status.lastOperation()).isNull();
        assertThat(exists()).isFalse();

        var manual = controller.requestSync(ns, SyncRequest.manual("ada"));
        assertThat(manual).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("may not deploy to project 'payments'");
        var delete = controller.requestDelete(ns, io.jenkins.plugins.gitops.engine.DeleteRequest.manual("ada"));
        assertThat(delete).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("team-b/deploy");
        assertThat(exists()).isFalse();

        controller.register(app(), "payments/deploy");
        settleUntil(this::exists, "the admitted job's automated sync");
    }
}
