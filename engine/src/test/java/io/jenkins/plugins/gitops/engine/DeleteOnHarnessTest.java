package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.testing.RecordingLog;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Application deletion on the harness's real control plane (kube-apiserver, kube-controller-manager with the garbage
 * collector, fake kubelet finishing Job pods): PreDelete hooks before the resources go, PostDelete hooks after, a
 * failing PreDelete hook stops everything, the three cascade modes, and objects the application does not track
 * survive.
 */
class DeleteOnHarnessTest {

    @TempDir
    Path dir;

    HarnessCluster cluster;
    String ns;
    GitOpsEngine engine;
    final RecordingLog log = new RecordingLog();
    final List<Thread> observers = new ArrayList<>();
    /** "created Job backup", "gone Deployment web", ... in the order the cluster showed them. */
    final List<String> timeline = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws IOException {
        cluster = HarnessCluster.get();
        ns = cluster.freshNamespace("del");
        engine = cluster.engineBuilder(dir.resolve("engine")).build();
        write("config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {GREETING: hello}
                """);
        write("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations: {argocd.argoproj.io/sync-wave: "1"}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: nginx:1.27}]
                """);
        write("backup.yaml", preDeleteJob("echo backing up"));
        write("notify.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: notify
                  annotations: {helm.sh/hook: post-delete}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: n, image: busybox, command: [sh, -c, echo bye]}]
                """);
    }

    @AfterEach
    void tearDown() {
        observers.forEach(Thread::interrupt);
        engine.close();
    }

    static String preDeleteJob(String command) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: backup
                  annotations: {argocd.argoproj.io/hook: PreDelete}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: b, image: busybox, command: [sh, -c, "%s"]}]
                """.formatted(command);
    }

    void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
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

    DeleteRequest delete(DeleteRequest.Cascade cascade) {
        return DeleteRequest.manual("ada").withCascade(cascade).withLocalDir(dir).withTimeout(Duration.ofMinutes(3));
    }

    void syncAndWaitHealthy() {
        SyncOutcome synced = engine.sync(app(), SyncRequest.manual("ada").withLocalDir(dir), log);
        assertThat(synced.phase()).as(synced.message() + "\n" + log.story()).isEqualTo("Succeeded");
        cluster.client().apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(d -> d != null
                && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas()),
                90, TimeUnit.SECONDS);
        // someone's copy of a tracked object (the tracking id names another object) and a plain look-alike
        cluster.kubectl("-n", ns, "create", "configmap", "settings-copy", "--from-literal=GREETING=hello");
        cluster.kubectl("-n", ns, "annotate", "configmap", "settings-copy", "argocd.argoproj.io/tracking-id="
                + ns + ":/ConfigMap:" + ns + "/settings");
        cluster.kubectl("-n", ns, "create", "configmap", "unrelated", "--from-literal=GREETING=hello");
    }

    /** Samples the namespace every 100 ms and notes, once each, when an object first appeared or disappeared. */
    void observe() {
        var client = cluster.client();
        Thread t = new Thread(() -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    note(seen, "created Job backup", client.batch().v1().jobs().inNamespace(ns).withName("backup").get() != null);
                    note(seen, "gone Deployment web", client.apps().deployments().inNamespace(ns).withName("web").get() == null);
                    note(seen, "gone ConfigMap settings", client.configMaps().inNamespace(ns).withName("settings").get() == null);
                    note(seen, "created Job notify", client.batch().v1().jobs().inNamespace(ns).withName("notify").get() != null);
                    Thread.sleep(100);
                } catch (InterruptedException | RuntimeException e) {
                    return; // interrupted at the end of the test
                }
            }
        }, "observer");
        t.setDaemon(true);
        t.start();
        observers.add(t);
    }

    private void note(java.util.Set<String> seen, String event, boolean happened) {
        if (happened && seen.add(event)) {
            timeline.add(event);
        }
    }

    boolean exists(String kind, String name) {
        return !cluster.kubectl("-n", ns, "get", kind, "--ignore-not-found", "-o", "name", name).isBlank();
    }

    @Test
    void syncIgnoresPreDeleteAndPostDeleteHooks() {
        syncAndWaitHealthy();

        assertThat(exists("job", "backup")).isFalse();
        assertThat(exists("job", "notify")).isFalse();
        AppComparison after = engine.compare(app(), null, dir);
        assertThat(after.syncStatus()).as(String.valueOf(after.resources())).isEqualTo(SyncStatus.Synced);
        assertThat(after.resources()).noneMatch(r -> r.status() == SyncStatus.OutOfSync);
    }

    @Test
    void foregroundDeletionRunsPreDeleteHooksFirstAndPostDeleteHooksLast() {
        syncAndWaitHealthy();
        observe();

        DeleteOutcome outcome = engine.delete(app(), delete(DeleteRequest.Cascade.FOREGROUND), log);

        String story = outcome.message() + "\n" + log.story() + "\n" + timeline;
        assertThat(outcome.phase()).as(story).isEqualTo("Succeeded");
        assertThat(outcome.message()).as(story).contains("application " + ns + " deleted (cascade foreground)");
        assertThat(outcome.deleted()).extracting(ResourceResult::name)
                .containsExactlyInAnyOrder("settings", "web", "backup");
        assertThat(outcome.hooks()).extracting(ResourceResult::name, ResourceResult::hookType,
                ResourceResult::hookPhase).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("backup", "PreDelete", "Succeeded"),
                        org.assertj.core.groups.Tuple.tuple("notify", "PostDelete", "Succeeded"));
        // the order the API server saw: PreDelete hook created, resources deleted, PostDelete hook created
        await(() -> timeline.contains("created Job notify"), () -> story + "\nnow: " + timeline);
        int backup = timeline.indexOf("created Job backup");
        int web = timeline.indexOf("gone Deployment web");
        int settings = timeline.indexOf("gone ConfigMap settings");
        int notify = timeline.indexOf("created Job notify");
        assertThat(backup).as(story).isGreaterThanOrEqualTo(0);
        assertThat(web).as(story).isGreaterThan(backup);
        assertThat(settings).as(story).isGreaterThan(web); // reverse wave order: wave 1 before wave 0
        assertThat(notify).as(story).isGreaterThan(settings);
        // foreground: the Deployment went only after its ReplicaSet and Pod
        assertThat(cluster.kubectl("-n", ns, "get", "replicasets,pods", "-l", "app=web", "-o", "name")).isBlank();
        // not tracked by the application: untouched
        assertThat(exists("configmap", "settings-copy")).isTrue();
        assertThat(exists("configmap", "unrelated")).isTrue();
        // PostDelete hook with the default policy (BeforeHookCreation) stays, as in Argo CD
        assertThat(exists("job", "notify")).isTrue();
        assertThat(engine.lastOperation(ns)).hasValueSatisfying(op -> {
            assertThat(op.phase()).isEqualTo("Succeeded");
            assertThat(op.message()).contains("deleted");
            assertThat(op.initiatedBy()).isEqualTo("ada");
        });
    }

    @Test
    void failingPreDeleteHookStopsTheDeletionWithNothingDeleted() throws IOException {
        syncAndWaitHealthy();
        write("backup.yaml", preDeleteJob("exit 1 # fail"));

        DeleteOutcome outcome = engine.delete(app(), delete(DeleteRequest.Cascade.FOREGROUND), log);

        String story = outcome.message() + "\n" + log.story();
        assertThat(outcome.phase()).as(story).isEqualTo("Failed");
        assertThat(outcome.message()).as(story).contains("deletion of " + ns + " stopped: PreDelete hook(s)")
                .contains("backup").contains("Nothing was deleted");
        assertThat(outcome.resourcesReleased()).isFalse();
        assertThat(outcome.deleted()).isEmpty();
        assertThat(exists("deployment", "web")).isTrue();
        assertThat(exists("configmap", "settings")).isTrue();
        assertThat(exists("job", "notify")).as("PostDelete hooks do not run").isFalse();
        assertThat(engine.lastOperation(ns)).hasValueSatisfying(op -> assertThat(op.phase()).isEqualTo("Failed"));
    }

    @Test
    void backgroundDeletionLeavesDependentsToTheGarbageCollector() {
        syncAndWaitHealthy();

        DeleteOutcome outcome = engine.delete(app(), delete(DeleteRequest.Cascade.BACKGROUND), log);

        assertThat(outcome.phase()).as(outcome.message() + "\n" + log.story())
                .isEqualTo("Succeeded");
        assertThat(outcome.message()).contains("(cascade background)");
        assertThat(exists("deployment", "web")).isFalse();
        assertThat(exists("configmap", "settings")).isFalse();
        assertThat(log.lines()).anyMatch(l -> l.contains("with Background propagation"));
        await(() -> cluster.kubectl("-n", ns, "get", "replicasets,pods", "-l", "app=web", "-o", "name").isBlank(),
                () -> "ReplicaSet and Pods of web removed by the garbage collector");
        assertThat(exists("configmap", "settings-copy")).isTrue();
        assertThat(exists("configmap", "unrelated")).isTrue();
    }

    @Test
    void orphanDeletionRunsTheHooksAndLeavesEveryResource() {
        syncAndWaitHealthy();

        DeleteOutcome outcome = engine.delete(app(), delete(DeleteRequest.Cascade.ORPHAN), log);

        assertThat(outcome.phase()).as(outcome.message() + "\n" + log.story())
                .isEqualTo("Succeeded");
        assertThat(outcome.message()).contains("(cascade orphan): its resources were left in the cluster");
        assertThat(outcome.deleted()).isEmpty();
        assertThat(outcome.hooks()).extracting(ResourceResult::hookType).containsExactly("PreDelete", "PostDelete");
        assertThat(exists("deployment", "web")).isTrue();
        assertThat(exists("configmap", "settings")).isTrue();
        // as Argo CD: the tracking annotation stays on orphaned resources
        assertThat(cluster.kubectl("-n", ns, "get", "configmap", "settings", "-o",
                "jsonpath={.metadata.annotations.argocd\\.argoproj\\.io/tracking-id}")).contains(ns + ":");
    }

    @Test
    void theControllerUnregistersADeletedApplicationAndKeepsOneWhosePreDeleteHookFailed() throws Exception {
        syncAndWaitHealthy();
        try (var controller = new io.jenkins.plugins.gitops.engine.reconcile.Controller(engine,
                io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings.defaults())) {
            controller.register(app(), "job/deploy");
            write("backup.yaml", preDeleteJob("fail now"));

            DeleteOutcome failed = controller.requestDelete(ns, delete(DeleteRequest.Cascade.BACKGROUND))
                    .get(3, TimeUnit.MINUTES);

            assertThat(failed.phase()).as(failed.message()).isEqualTo("Failed");
            assertThat(controller.isDeleting(ns)).isFalse();
            assertThat(controller.status(ns)).hasValueSatisfying(st -> assertThat(st.conditions())
                    .anySatisfy(c -> assertThat(c.type()).isEqualTo("DeletionError")));

            write("backup.yaml", preDeleteJob("echo fixed"));
            DeleteOutcome deleted = controller.requestDelete(ns, delete(DeleteRequest.Cascade.BACKGROUND))
                    .get(3, TimeUnit.MINUTES);

            assertThat(deleted.phase()).as(deleted.message() + "\n" + log.story())
                    .isEqualTo("Succeeded");
            assertThat(controller.status(ns)).isEmpty();
            assertThat(controller.application(ns)).isEmpty();
            assertThat(controller.requestSync(ns, SyncRequest.manual("ada"))).isCompletedExceptionally();
            assertThat(exists("deployment", "web")).isFalse();
        }
    }

    static void await(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s: " + what.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
