package io.jenkins.plugins.gitops.bench.controller;

import io.jenkins.plugins.gitops.bench.BenchApplications;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.render.ManifestCorpus;
import io.jenkins.plugins.gitops.bench.sync.EngineCluster;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.reconcile.SelfHealBackoff;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Part (a) of the controller benchmark: one automated self-heal application, a started {@link Controller}
 * (watch-backed live state), and a tracked Deployment's replicas changed behind its back again and again. Each change
 * yields two latencies: until the published status shows the Deployment OutOfSync (or a new drift event), and until
 * the live replicas are back to Git's value.
 */
final class DriftLatency {

    /** Both latencies of every change, in nanoseconds. */
    record Result(List<Long> detected, List<Long> reverted) {}

    static final String APP = "bench-drift";
    static final String TARGET = "svc-00000";
    static final int DRIFTED_REPLICAS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final BenchEnvironment env;
    private final EngineCluster cluster;
    private final GitHttpServer git;
    private final Path work;
    private final int resources;

    private TestRepo repo;
    private List<KubeObject> objects = List.of();

    DriftLatency(BenchEnvironment env, EngineCluster cluster, GitHttpServer git, Path work, int resources) {
        this.env = env;
        this.cluster = cluster;
        this.git = git;
        this.work = work;
        this.resources = resources;
    }

    /** Commits the application's manifests (once). */
    void prepareRepository() throws Exception {
        repo = TestRepos.create(git, "drift", work.resolve("drift-checkout"));
        ManifestCorpus corpus = ManifestCorpus.generate(resources, 1, cluster.namespace())
                .map(DriftLatency::scaledToZero);
        corpus.writeTo(repo.workDir().resolve("app"));
        objects = corpus.objects();
        repo.commit("drift app");
    }

    /**
     * Starts a controller with this self-heal backoff, waits for the automated sync, then makes {@code changes}
     * changes, each {@code gap} after the previous revert was seen and the app compared Synced again.
     */
    Result measure(SelfHealBackoff backoff, int changes, Duration gap, String label) throws Exception {
        Path dir = work.resolve("drift-" + label);
        cluster.deleteAll(objects); // every run starts with an automated sync to an empty namespace
        try (GitOpsEngine engine = GitOpsEngine.builder().workDir(dir.resolve("engine"))
                .stateStore(new FileStateStore(dir.resolve("state")))
                .connection(cluster.connection())
                .pollInterval(Duration.ofMillis(100)).log(env.log()).build();
                Controller controller = new Controller(engine, ControllerSettings.defaults()
                        .withSelfHealBackoff(backoff))) {
            controller.register(application(), "bench");
            controller.start();
            await(() -> synced(controller), "the automated sync of " + APP + " (" + label + ")", controller);
            List<Long> detected = new ArrayList<>();
            List<Long> reverted = new ArrayList<>();
            Resource<Deployment> target = cluster.client().apps().deployments().inNamespace(cluster.namespace())
                    .withName(TARGET);
            java.time.Instant[] lastRevert = {java.time.Instant.EPOCH};
            for (int i = 0; i < changes; i++) {
                // a refresh after the revert saw Synced (it also resets the self-heal attempt count)
                await(() -> synced(controller) && target.get().getSpec().getReplicas() == 0
                        && controller.status(APP).map(s -> s.lastRefreshedAt() != null
                                && s.lastRefreshedAt().isAfter(lastRevert[0])).orElse(false),
                        "Synced before change " + (i + 1), controller);
                Thread.sleep(gap.toMillis());
                int eventsBefore = controller.status(APP).orElseThrow().driftEvents().size();
                long start = System.nanoTime();
                drift(target);
                long seen = 0;
                long back = 0;
                long deadline = start + TIMEOUT.toNanos();
                while (back == 0 || seen == 0) {
                    long now = System.nanoTime();
                    if (now > deadline) {
                        throw new BenchmarkFailure("change " + (i + 1) + " (" + label + "): detected=" + (seen > 0)
                                + ", reverted=" + (back > 0) + " after " + TIMEOUT.toSeconds() + " s; status "
                                + controller.status(APP).map(AppStatus::automation).orElse("?"));
                    }
                    if (seen == 0 && driftVisible(controller.status(APP).orElseThrow(), eventsBefore)) {
                        seen = now;
                    }
                    if (back == 0 && target.get().getSpec().getReplicas() == 0) {
                        back = now;
                    }
                    Thread.sleep(2);
                }
                lastRevert[0] = java.time.Instant.now();
                detected.add(seen - start);
                reverted.add(back - start);
            }
            return new Result(detected, reverted);
        }
    }

    private static boolean synced(Controller controller) {
        return controller.status(APP).map(s -> s.lastOperation() != null && "Succeeded".equals(s.lastOperation().phase())
                && !s.operationQueued() && s.comparison() != null
                && s.comparison().syncStatus() == SyncStatus.Synced).orElse(false);
    }

    private static boolean driftVisible(AppStatus s, int eventsBefore) {
        if (s.driftEvents().size() > eventsBefore) {
            return true;
        }
        return s.comparison() != null && s.comparison().resources().stream()
                .anyMatch(r -> r.name().equals(TARGET) && r.kind().equals("Deployment")
                        && r.status() == SyncStatus.OutOfSync);
    }

    /** As {@code kubectl scale} would: replicas changed, the managed-fields entry a real API server records. */
    private static void drift(Resource<Deployment> target) {
        target.edit(d -> {
            d.getSpec().setReplicas(DRIFTED_REPLICAS);
            FieldsV1 fields = new FieldsV1();
            fields.setAdditionalProperty("f:spec", Map.of("f:replicas", Map.of()));
            d.getMetadata().setManagedFields(new ArrayList<>(List.of(new ManagedFieldsEntryBuilder()
                    .withManager("kubectl-scale").withOperation("Update").withApiVersion("apps/v1")
                    .withTime("2026-01-01T12:00:00Z").withFieldsType("FieldsV1").withFieldsV1(fields).build())));
            return d;
        });
    }

    private void await(BooleanSupplier condition, String what, Controller controller) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("timed out waiting for " + what + ": " + controller.status(APP)
                        .map(s -> s.automation() + " " + s.conditions() + " " + (s.lastOperation() == null ? ""
                                : s.lastOperation().phase() + " " + s.lastOperation().message())).orElse("?"));
            }
            Thread.sleep(20);
        }
    }

    private Application application() {
        return ArgoDocuments.parseApplication(BenchApplications.yaml(APP, repo.url(), "app", true, cluster.namespace(),
                "automated: {prune: true, selfHeal: true}\nsyncOptions: [ServerSideApply=false]"), "bench/" + APP + ".yaml");
    }

    private static KubeObject scaledToZero(KubeObject o) {
        if (!o.kind().equals("Deployment")) {
            return o;
        }
        ObjectNode copy = o.mutableCopy();
        ((ObjectNode) copy.get("spec")).put("replicas", 0);
        return new KubeObject(copy, o.source());
    }
}
