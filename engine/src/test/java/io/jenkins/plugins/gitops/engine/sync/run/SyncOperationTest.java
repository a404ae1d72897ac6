package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.testing.FakeControllers;
import io.jenkins.plugins.gitops.engine.testing.FakeTime;
import io.jenkins.plugins.gitops.engine.testing.MockApiServer;

import static io.jenkins.plugins.gitops.engine.sync.run.SyncOperationTestSupport.events;
import static io.jenkins.plugins.gitops.engine.sync.run.SyncOperationTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncPhase;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ForwardingResourceApplier;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole operations against the fabric8 CRUD mock (see {@link MockApiServer} for what it adds, {@link FakeControllers}
 * for the controllers it lacks). The mock has no server-side apply, so these tests apply client-side; the server-side
 * path runs in {@link KubeApiServerSyncTest} when a real API server is available.
 */
class SyncOperationTest {

    final MockClusterFixture world = new MockClusterFixture();

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void waveAppRunsPreSyncHookThenWavesInOrderThenPostSyncHook() {
        OperationResult result = world.sync("wave-app");

        assertThat(result.phase()).isEqualTo(OperationPhase.Succeeded);
        assertThat(result.message()).isEqualTo("successfully synced (all tasks run)");
        String migrate = "batch/Job shop/db-migrate-a1b2c3d-presync-" + FakeTime.START.getEpochSecond();
        // the planner moved the Namespace ahead of the first object in it: the PreSync hook
        assertThat(events(world.log)).containsExactly(
                "wave 0 PreSync: Namespace shop created",
                "PreSync hook " + migrate + " created",
                "wave 0 PreSync: Namespace shop ready",
                "PreSync hook " + migrate + " Succeeded",
                "PreSync hook " + migrate + " deleted (HookSucceeded)",
                "wave -1 Sync: ConfigMap shop/settings created",
                "wave -1 Sync: ConfigMap shop/settings ready",
                "wave 1 Sync: apps/Deployment shop/web created",
                "wave 1 Sync: apps/Deployment shop/web Healthy",
                "wave 2 Sync: Service shop/web created",
                "wave 2 Sync: Service shop/web Healthy",
                "PostSync hook batch/Job shop/smoke-test created",
                "PostSync hook batch/Job shop/smoke-test Succeeded");
        assertThat(result.results()).extracting(TaskResult::syncPhase, r -> r.key().name(), TaskResult::status,
                TaskResult::phase).containsExactly(
                        tuple(SyncPhase.PreSync, "shop", ResourceResultStatus.Synced,
                                OperationPhase.Succeeded),
                        tuple(SyncPhase.PreSync,
                                "db-migrate-a1b2c3d-presync-" + FakeTime.START.getEpochSecond(),
                                ResourceResultStatus.Synced, OperationPhase.Succeeded),
                        tuple(SyncPhase.Sync, "settings", ResourceResultStatus.Synced,
                                OperationPhase.Succeeded),
                        tuple(SyncPhase.Sync, "web", ResourceResultStatus.Synced,
                                OperationPhase.Succeeded),
                        tuple(SyncPhase.Sync, "web", ResourceResultStatus.Synced,
                                OperationPhase.Succeeded),
                        tuple(SyncPhase.PostSync, "smoke-test",
                                ResourceResultStatus.Synced, OperationPhase.Succeeded));
        assertThat(result.hooks()).extracting(TaskResult::hookType).containsExactly(HookType.PreSync,
                HookType.PostSync);
        assertThat(world.cluster.exists(key("apps", "Deployment", "shop", "web"))).isTrue();
        assertThat(world.cluster.get(key("", "Namespace", "", "shop")).labels()).containsEntry("team", "shop");
        assertThat(world.cluster.exists(key("batch", "Job", "shop",
                "db-migrate-a1b2c3d-presync-" + FakeTime.START.getEpochSecond()))).as("deleted: HookSucceeded")
                .isFalse();
        assertThat(world.cluster.exists(key("batch", "Job", "shop", "smoke-test"))).isTrue();
        assertThat(result.startedAt()).isEqualTo(FakeTime.START);
        assertThat(result.finishedAt()).isEqualTo(FakeTime.START.plus(world.time.elapsed()));
        assertThat(world.handle.phase()).isEqualTo(OperationPhase.Succeeded);
    }

    @Test
    void pruneDeletesATrackedObjectGoneFromGitAndKeepsOneWithPruneFalse() {
        world.given("{apiVersion: v1, kind: ConfigMap, metadata: {name: old, namespace: shop}, data: {a: b}}");
        world.given("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: kept
                  namespace: shop
                  annotations: {argocd.argoproj.io/sync-options: Prune=false}
                data: {a: b}
                """);
        var old = key("", "ConfigMap", "shop", "old");
        var kept = key("", "ConfigMap", "shop", "kept");

        OperationResult result = new SyncOperation().run(world.plan("prune", b -> b.prune(true),
                java.util.List.of(old, kept)), world.context().build());

        assertThat(result.phase()).isEqualTo(OperationPhase.Succeeded);
        assertThat(result.result(old)).get().extracting(TaskResult::status, TaskResult::message)
                .containsExactly(ResourceResultStatus.Pruned, "pruned");
        assertThat(result.result(kept)).get().extracting(TaskResult::status).isEqualTo(
                ResourceResultStatus.PruneSkipped);
        assertThat(result.result(kept).orElseThrow().message()).startsWith("ignored: ").contains("Prune=false");
        assertThat(world.cluster.exists(old)).isFalse();
        assertThat(world.cluster.exists(kept)).isTrue();
        assertThat(world.cluster.get(key("", "ConfigMap", "shop", "current")).at("/data/color").asText())
                .isEqualTo("green");
        assertThat(events(world.log)).contains("wave 0 Sync: ConfigMap shop/old pruned");
    }

    @Test
    void createNamespaceCreatesTheDestinationNamespaceInPreSyncFirst() {
        OperationResult result = world.sync("create-namespace", b -> b.destinationNamespace("fresh")
                .appOptions(io.jenkins.plugins.gitops.engine.sync.SyncOptions.fromApplication(
                        java.util.List.of("CreateNamespace=true"))));

        assertThat(result.phase()).isEqualTo(OperationPhase.Succeeded);
        assertThat(result.results()).extracting(TaskResult::syncPhase, r -> r.key().toString(), TaskResult::message)
                .containsExactly(tuple(SyncPhase.PreSync, "Namespace fresh", "created"),
                        tuple(SyncPhase.Sync, "ConfigMap fresh/settings", "created"));
        assertThat(world.cluster.exists(key("", "Namespace", "", "fresh"))).isTrue();
        assertThat(world.cluster.exists(key("", "ConfigMap", "fresh", "settings"))).isTrue();
    }

    @Test
    void failingPreSyncHookRunsSyncFailHookAndAppliesNothingOfTheSyncPhase() {
        OperationResult result = world.sync("failing-presync");

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).startsWith("one or more synchronization tasks completed unsuccessfully")
                .contains("batch/Job shop/db-migrate-fail", "Degraded", "backoff limit");
        assertThat(result.results()).extracting(r -> r.key().name(), TaskResult::hookType, TaskResult::phase)
                .containsExactly(tuple("db-migrate-fail", HookType.PreSync, OperationPhase.Failed),
                        tuple("notify-team", HookType.SyncFail, OperationPhase.Succeeded));
        assertThat(world.cluster.exists(key("", "ConfigMap", "shop", "settings"))).isFalse();
        assertThat(world.cluster.exists(key("apps", "Deployment", "shop", "web"))).isFalse();
        assertThat(world.cluster.writes()).noneMatch(w -> w.contains("configmaps") || w.contains("deployments"));
        assertThat(world.cluster.exists(key("batch", "Job", "shop", "notify-team"))).isTrue();
        assertThat(events(world.log)).containsSubsequence(
                "PreSync hook batch/Job shop/db-migrate-fail Failed: Job has reached the specified backoff limit",
                "SyncFail hook batch/Job shop/notify-team created",
                "SyncFail hook batch/Job shop/notify-team Succeeded");
    }

    @Test
    void crdAndItsCustomResourcesInOneSyncAreStagedCrdFirstWithoutDryRunOfTheCustomResources() {
        OperationResult result = world.sync("crd");

        assertThat(result.phase()).isEqualTo(OperationPhase.Succeeded);
        assertThat(world.log.containing("dry run skipped")).containsExactly(
                "shop: wave 0 Sync: example.com/Widget shop/blue dry run skipped: the cluster does not serve Widget"
                        + " yet (its CustomResourceDefinition is applied by this sync)",
                "shop: wave 0 Sync: example.com/Widget shop/green dry run skipped: the cluster does not serve Widget"
                        + " yet (its CustomResourceDefinition is applied by this sync)");
        assertThat(events(world.log)).containsSubsequence(
                "wave 0 Sync: apiextensions.k8s.io/CustomResourceDefinition widgets.example.com created",
                "wave 0 Sync: example.com/Widget shop/blue created");
        assertThat(world.cluster.get(key("example.com", "Widget", "shop", "green")).at("/spec/size").asInt())
                .isEqualTo(5);
    }

    @Test
    void dryRunFailureOfOneObjectAppliesNothing() {
        world.cluster.reject("bad", "admission webhook \"policy.example.com\" denied the request:"
                + " data.password must not be stored in a ConfigMap");

        OperationResult result = world.sync("dry-run-failure");

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).startsWith("one or more objects failed to apply (dry run), reason: ")
                .contains("ConfigMap shop/bad", "denied the request");
        assertThat(result.results()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(key("", "ConfigMap", "shop", "bad"));
            assertThat(r.status()).isEqualTo(ResourceResultStatus.SyncFailed);
            assertThat(r.message()).contains("HTTP 422", "must not be stored");
        });
        assertThat(world.cluster.writes()).isEmpty();
        assertThat(world.cluster.exists(key("", "ConfigMap", "shop", "alpha"))).isFalse();
        assertThat(world.cluster.exists(key("apps", "Deployment", "shop", "web"))).isFalse();
    }

    @Test
    void dryRunOperationOnlyChecksOnTheServerAndChangesNothing() {
        OperationResult result = world.sync("wave-app", b -> b.dryRun(true));

        assertThat(result.phase()).isEqualTo(OperationPhase.Succeeded);
        assertThat(result.message()).contains("nothing was changed");
        assertThat(result.results()).hasSize(6).allSatisfy(r -> assertThat(r.message()).endsWith("(dry run)"));
        assertThat(world.cluster.writes()).isEmpty();
        assertThat(world.cluster.exists(key("", "Namespace", "", "shop"))).isFalse();
        assertThat(world.time.sleeps()).isEmpty();
    }

    @Test
    void degradedResourceFailsTheWaveAndLaterWavesAreNotApplied() {
        OperationResult result = world.sync("degraded");

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).contains("apps/Deployment shop/payments-fail: Degraded",
                "exceeded its progress deadline");
        assertThat(result.result(key("apps", "Deployment", "shop", "payments-fail"))).get()
                .extracting(TaskResult::status, TaskResult::phase)
                .containsExactly(ResourceResultStatus.Synced, OperationPhase.Failed);
        assertThat(result.result(key("", "Service", "shop", "payments"))).isEmpty();
        assertThat(world.cluster.exists(key("", "Service", "shop", "payments"))).isFalse();
    }

    @Test
    void terminationWhileWaitingForHealthStopsTheOperationBeforeTheNextWave() {
        world.time.onSleep(3, () -> world.handle.terminate("alice"));

        OperationResult result = world.sync("slow-rollout");

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).isEqualTo("terminated by alice");
        assertThat(world.time.sleeps()).hasSize(3);
        assertThat(world.cluster.exists(key("", "Service", "shop", "web"))).isFalse();
        assertThat(world.handle.phase()).isEqualTo(OperationPhase.Failed);
    }

    @Test
    void terminationLeavesARunningHookAloneAndSaysSo() {
        world.time.onSleep(2, () -> world.handle.terminate("alice"));

        OperationResult result = world.sync("running-hook");

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).isEqualTo("terminated by alice; left running: PreSync hook batch/Job"
                + " shop/migrate-hang");
        assertThat(result.hooks()).singleElement().extracting(TaskResult::phase)
                .isEqualTo(OperationPhase.Terminating);
        assertThat(world.cluster.exists(key("batch", "Job", "shop", "migrate-hang"))).isTrue();
        assertThat(world.cluster.exists(key("", "ConfigMap", "shop", "settings"))).isFalse();
    }

    @Test
    void hookTimeoutFromAnnotationFailsTheOperationDeletesTheHookAndRunsSyncFail() {
        OperationResult result = new SyncOperation().run(world.plan("hook-timeout", b -> b, java.util.List.of()),
                world.context().pollInterval(java.time.Duration.ofSeconds(20)).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).startsWith("PreSync hook batch/Job shop/report-hang did not complete within 5m");
        assertThat(world.time.elapsed()).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(5))
                .isLessThan(java.time.Duration.ofMinutes(6));
        assertThat(world.cluster.exists(key("batch", "Job", "shop", "report-hang"))).as("HookFailed").isFalse();
        assertThat(world.cluster.exists(key("batch", "Job", "shop", "notify-team"))).isTrue();
        assertThat(world.cluster.exists(key("", "ConfigMap", "shop", "settings"))).isFalse();
    }

    @Test
    void operationTimeoutNamesWhatWasWaitedFor() {
        OperationResult result = new SyncOperation().run(world.plan("slow-rollout", b -> b, java.util.List.of()),
                world.context().operationTimeout(java.time.Duration.ofMinutes(3))
                        .pollInterval(java.time.Duration.ofSeconds(20)).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).isEqualTo(
                "operation timed out after 3m waiting for healthy state of apps/Deployment shop/web-hang");
        assertThat(world.cluster.exists(key("", "Service", "shop", "web"))).isFalse();
    }

    @Test
    void beforeHookCreationDeletesTheHookLeftByAnEarlierSyncAndCreatesItAgain() {
        var earlier = world.given("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: db-seed
                  namespace: shop
                  annotations: {argocd.argoproj.io/hook: Sync}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: seed, image: "shop/seed:2"}]
                """);

        OperationResult result = world.sync("hook-recreation");

        assertThat(result.phase()).isEqualTo(OperationPhase.Succeeded);
        var now = world.cluster.get(key("batch", "Job", "shop", "db-seed"));
        assertThat(now.uid()).isNotEqualTo(earlier.uid());
        assertThat(now.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("shop/seed:3");
        assertThat(world.log.containing("BeforeHookCreation")).hasSize(1);
        assertThat(result.hooks()).singleElement().extracting(TaskResult::message, TaskResult::phase)
                .containsExactly("created", OperationPhase.Succeeded);
    }

    @Test
    void terminationMidWaveStartsNoFurtherKindGroup() {
        // the only sleep of this sync is waiting for the CRD to be Established, between its kind group and the Widgets
        world.time.onSleep(1, () -> world.handle.terminate("carol"));

        OperationResult result = world.sync("crd");

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).isEqualTo("terminated by carol");
        assertThat(world.cluster.exists(key("apiextensions.k8s.io", "CustomResourceDefinition", "",
                "widgets.example.com"))).isTrue();
        assertThat(result.results()).extracting(r -> r.key().kind()).containsExactly("CustomResourceDefinition");
    }

    /**
     * kube-apiserver marks a CustomResourceDefinition Established a moment before its discovery serves the new kind;
     * a custom resource applied in between was refused as a kind the cluster does not serve (seen on the real API
     * server). The sync waits until discovery serves the kind as well.
     */
    @Test
    void customResourcesWaitUntilDiscoveryServesTheirKindNotOnlyUntilTheDefinitionIsEstablished() {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        ResourceApplier lagging = new ForwardingResourceApplier(world.cluster.applier()) {
            @Override
            public boolean serves(String apiVersion, String kind) {
                boolean served = asked.incrementAndGet() > 3 && super.serves(apiVersion, kind);
                events.add("discovery serves " + apiVersion + " " + kind + ": " + served);
                return served;
            }

            @Override
            public KubeObject apply(KubeObject desired, ApplyOptions options) {
                if (!options.dryRun()) {
                    events.add("apply " + desired.kind() + " " + desired.name());
                }
                return super.apply(desired, options);
            }
        };

        OperationResult result = new SyncOperation().run(world.plan("crd", b -> b, List.of()),
                SyncContext.builder(lagging).log(world.log)
                        .handle(world.handle).sleeper(world.time).clock(world.time).build());

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.Succeeded);
        assertThat(events).startsWith("apply CustomResourceDefinition widgets.example.com",
                "discovery serves example.com/v1 Widget: false", "discovery serves example.com/v1 Widget: false",
                "discovery serves example.com/v1 Widget: false", "discovery serves example.com/v1 Widget: true");
        assertThat(events.subList(5, events.size())).containsExactlyInAnyOrder("apply Widget blue",
                "apply Widget green");
        assertThat(world.log.containing("not Established")).isEmpty();
    }

    /** A kind discovery never serves: the sync stops waiting after a while and the apply says what is wrong. */
    @Test
    void aDefinitionWhoseKindIsNeverServedIsWaitedForBoundedlyAndTheApplyReportsIt() {
        ResourceApplier never = new ForwardingResourceApplier(world.cluster.applier()) {
            @Override
            public boolean serves(String apiVersion, String kind) {
                return false;
            }
        };

        OperationResult result = new SyncOperation().run(world.plan("crd", b -> b, List.of()),
                SyncContext.builder(never).log(world.log).handle(world.handle).sleeper(world.time).clock(world.time)
                        .build());

        assertThat(world.log.containing("CustomResourceDefinition(s) not Established and served after 30s"))
                .hasSize(1);
        assertThat(world.time.elapsed()).isGreaterThanOrEqualTo(CrdReadiness.TIMEOUT);
        // this mock does serve Widgets, so the sync goes on and succeeds: only the wait was bounded
        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.Succeeded);
    }
}
