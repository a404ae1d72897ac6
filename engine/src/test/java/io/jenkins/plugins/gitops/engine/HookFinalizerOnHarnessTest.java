package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.testing.RecordingLog;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD's hook finalizer on the harness's real control plane, whose kube-controller-manager runs the TTL-after-
 * finished controller: a hook Job with {@code ttlSecondsAfterFinished: 0} is deleted by Kubernetes the moment it
 * finishes, yet the sync reads its result (success or failure) because the hook carries
 * {@code argocd.argoproj.io/hook-finalizer} until then; the finalizer is removed afterwards, also when the operation
 * is terminated with a hook still running, so no hook is left stuck in deletion.
 */
class HookFinalizerOnHarnessTest {

    static final String FINALIZER = "argocd.argoproj.io/hook-finalizer";

    @TempDir
    Path dir;

    HarnessCluster cluster;
    String ns;
    GitOpsEngine engine;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() {
        cluster = HarnessCluster.get();
        ns = cluster.freshNamespace("hookfin");
        engine = cluster.engineBuilder(dir.resolve("engine")).build();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
    }

    static String ttlZeroJob(String name, String hook, String command) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                  annotations: {argocd.argoproj.io/hook: %s}
                spec:
                  ttlSecondsAfterFinished: 0
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: j, image: busybox, command: [sh, -c, "%s"]}]
                """.formatted(name, hook, command);
    }

    Application app() {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: https://example.invalid/deploy.git, targetRevision: HEAD, path: .}
                  destination: {server: https://kubernetes.default.svc, namespace: %s}
                """.formatted(ns, ns), "app.yaml");
    }

    SyncRequest request() {
        return SyncRequest.manual("ada").withLocalDir(dir).withTimeout(Duration.ofMinutes(3));
    }

    @Test
    void aJobTheTtlControllerDeletesAtOnceStillReportsItsSuccess() throws Exception {
        write("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");
        write("migrate.yaml", ttlZeroJob("migrate", "PreSync", "echo migrating"));

        SyncOutcome outcome = engine.sync(app(), request(), log);

        assertThat(outcome.phase()).as(outcome.message() + "\n" + log.story())
                .isEqualTo("Succeeded");
        assertThat(outcome.resources()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("migrate");
            assertThat(r.hookPhase()).isEqualTo("Succeeded");
        });
        // without the finalizer the TTL controller's delete would have raced the sync's read ("hook ... is missing");
        // the deletion finishes once the sync has read the result and removed the finalizer
        cluster.client().batch().v1().jobs().inNamespace(ns).withName("migrate")
                .waitUntilCondition(j -> j == null, 60, TimeUnit.SECONDS);
        assertThat(log.story()).doesNotContain("is missing");
    }

    @Test
    void aFailingJobTheTtlControllerDeletesAtOnceFailsTheSyncWithItsOwnReason() throws Exception {
        write("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");
        write("migrate.yaml", ttlZeroJob("migrate-fail", "Sync", "exit 1 # fail"));

        SyncOutcome outcome = engine.sync(app(), request(), log);

        assertThat(outcome.phase()).isEqualTo("Failed");
        assertThat(outcome.message()).contains("migrate-fail").doesNotContain("is missing")
                .doesNotContain("might have been deleted");
        cluster.client().batch().v1().jobs().inNamespace(ns).withName("migrate-fail")
                .waitUntilCondition(j -> j == null, 60, TimeUnit.SECONDS);
    }

    @Test
    void aTerminatedSyncLeavesItsRunningHookWithoutTheFinalizer() throws Exception {
        // a hook that never completes: a paused Deployment stays Progressing, so the sync waits until terminated
        write("wait.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: gate
                  annotations: {argocd.argoproj.io/hook: PreSync}
                spec:
                  paused: true
                  replicas: 1
                  selector: {matchLabels: {app: gate}}
                  template:
                    metadata: {labels: {app: gate}}
                    spec:
                      containers: [{name: g, image: nginx:1.27}]
                """);
        write("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");
        CompletableFuture<SyncOutcome> sync = CompletableFuture.supplyAsync(() -> engine.sync(app(), request(), log));
        var gate = cluster.client().apps().deployments().inNamespace(ns).withName("gate");
        gate.waitUntilCondition(d -> d != null && d.getMetadata().getFinalizers().contains(FINALIZER), 60,
                TimeUnit.SECONDS);
        waitUntil(() -> log.story().contains("waiting for"), "the sync to wait for the hook");

        assertThat(engine.terminate(ns, "ada")).isTrue();
        SyncOutcome outcome = sync.get(60, TimeUnit.SECONDS);

        assertThat(outcome.phase()).as(outcome.message()).isIn("Failed", "Error", "Terminated");
        assertThat(gate.get().getMetadata().getFinalizers()).as("finalizers of the hook left running")
                .doesNotContain(FINALIZER);
        // and nothing keeps it from being deleted
        gate.delete();
        gate.waitUntilCondition(d -> d == null, 60, TimeUnit.SECONDS);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
