package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.LiveStateSource;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveSnapshot;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveState;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.testing.GitOpsFixture;
import io.jenkins.plugins.gitops.engine.webhook.GitProvider;
import io.jenkins.plugins.gitops.engine.webhook.PushEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller end to end against a real Git server and the fabric8 CRUD mock (client-side apply; fake
 * controllers roll Deployments out). Drift is made behind the controller's back with the Kubernetes client; the mock
 * does not maintain managedFields, so the test writes the entry a real API server would record for
 * {@code kubectl edit}.
 */
class ControllerTest {

    static final String AUTO = "syncPolicy:\n  automated: {prune: true, selfHeal: true}\n"
            + "  syncOptions: [ServerSideApply=false]\n";

    @TempDir
    Path dir;

    GitOpsFixture fx;
    GitOpsEngine engine;
    Controller controller;

    @BeforeEach
    void setUp() {
        fx = new GitOpsFixture(dir);
        fx.repo.write("apps/web/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: 'nginx:1.27'}]
                """);
        fx.repo.commit("web");
        engine = fx.engine().build();
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofHours(1), Duration.ZERO)
                .withSelfHealBackoff(new SelfHealBackoff(Duration.ofMillis(200), 2, Duration.ofSeconds(1))));
    }

    @AfterEach
    void tearDown() {
        controller.close();
        engine.close();
        fx.close();
    }

    Application app(String extra) {
        return fx.application("web", "apps/web", "shop", extra);
    }

    void settle() throws InterruptedException {
        controller.tick();
        assertThat(controller.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    void until(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            settle();
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + ": " + controller.status("web"));
    }

    /**
     * Changes the replicas behind the controller's back, as {@code kubectl edit} would (made again on a 409 Conflict:
     * {@link io.jenkins.plugins.gitops.engine.testing.MockApiServer#editDeployment}).
     */
    void driftReplicas(int replicas) {
        fx.cluster.editDeployment("shop", "web", d -> {
            d.getSpec().setReplicas(replicas);
            d.getMetadata().getManagedFields().clear();
            d.getMetadata().getManagedFields().add(new ManagedFieldsEntryBuilder().withManager("kubectl-edit")
                    .withOperation("Update").withApiVersion("apps/v1").withTime("2026-11-22T12:00:00Z")
                    .withFieldsType("FieldsV1")
                    .withFieldsV1(replicasField()).build());
            return d;
        });
    }

    static FieldsV1 replicasField() {
        FieldsV1 f = new FieldsV1();
        f.setAdditionalProperty("f:spec", Map.of("f:replicas", Map.of()));
        return f;
    }

    int liveReplicas() {
        return fx.cluster.client().apps().deployments().inNamespace("shop").withName("web").get().getSpec()
                .getReplicas();
    }

    @Test
    void automatedSyncThenSelfHealRevertsDriftAndRecordsWhoDrifted() throws Exception {
        controller.register(app(AUTO), "job/deploy");
        until(() -> controller.status("web").map(s -> s.lastOperation() != null
                && "Succeeded".equals(s.lastOperation().phase())).orElse(false), "the automated sync");
        AppStatus synced = controller.status("web").orElseThrow();
        assertThat(synced.owner()).isEqualTo("job/deploy");
        assertThat(synced.history()).singleElement().satisfies(h -> {
            assertThat(h.automated()).isTrue();
            assertThat(h.revision()).isEqualTo(fx.repo.head());
        });
        until(() -> controller.status("web").map(s -> s.comparison() != null
                && s.comparison().syncStatus() == SyncStatus.Synced).orElse(false), "Synced");

        driftReplicas(7);
        controller.requestRefresh("web");
        until(() -> liveReplicas() == 2, "self-heal to revert the drift");
        AppStatus healed = controller.status("web").orElseThrow();
        assertThat(healed.driftEvents()).isNotEmpty();
        DriftEvent e = healed.driftEvents().get(0);
        assertThat(e.resource().name()).isEqualTo("web");
        assertThat(e.fields()).anySatisfy(f -> assertThat(f).contains("spec.replicas"));
        assertThat(e.changedBy()).isEqualTo("kubectl-edit");
        assertThat(e.action()).isEqualTo("reverted");
        assertThat(healed.history()).hasSize(1); // self-heal is a selective sync: no history entry
    }

    @Test
    void whatTheSyncJustCreatedIsNeitherDriftNorSelfHealedWhileTheLiveCacheLags() throws Exception {
        LaggingLiveStates lagging = new LaggingLiveStates();
        engine.useLiveStateSource(lagging);
        controller.register(app(AUTO), "job/deploy");
        until(() -> controller.status("web").map(s -> s.lastOperation() != null
                && "Succeeded".equals(s.lastOperation().phase())).orElse(false), "the automated sync");

        // the watch has not delivered the new Deployment yet (seconds on a loaded machine): refreshes past the
        // self-heal backoff (200 ms here) must neither call it deleted nor self-heal it
        lagging.hidden = Set.of(new ResourceKey("apps", "Deployment", "shop", "web"));
        for (int i = 0; i < 6; i++) {
            controller.requestRefresh("web");
            settle();
            Thread.sleep(250);
        }
        AppStatus lagged = controller.status("web").orElseThrow();
        assertThat(lagged.driftEvents()).as("no drift while the cache lags").isEmpty();
        assertThat(lagged.lastOperation().initiatedBy()).as("no self-heal while the cache lags")
                .isEqualTo("automated");

        lagging.hidden = Set.of();
        until(() -> controller.status("web").map(s -> s.comparison() != null
                && s.comparison().syncStatus() == SyncStatus.Synced).orElse(false), "Synced once the cache caught up");
        assertThat(controller.status("web").orElseThrow().driftEvents()).isEmpty();
        assertThat(controller.status("web").orElseThrow().lastOperation().initiatedBy()).isEqualTo("automated");
    }

    /** One-shot listings that hide some objects, as a watch-backed cache does before its watch delivers them. */
    static final class LaggingLiveStates implements LiveStateSource {
        private final LiveStateSource listing = LiveStateSource.listing(EngineLog.NONE);
        volatile Set<ResourceKey> hidden = Set.of();

        @Override
        public LiveState open(ClusterConnection connection, Collection<GroupVersionKind> kinds, String app) {
            LiveState live = listing.open(connection, kinds, app);
            Set<ResourceKey> hide = hidden;
            return new LiveState() {
                @Override
                public String server() {
                    return live.server();
                }

                @Override
                public Map<ResourceKey, KubeObject> managedObjects(String appName, TrackingMethod method) {
                    return without(live.managedObjects(appName, method));
                }

                @Override
                public List<KubeObject> childrenOf(String ownerUid) {
                    return live.childrenOf(ownerUid);
                }

                @Override
                public Optional<KubeObject> get(ResourceKey key) {
                    return hide.contains(key) ? Optional.empty() : live.get(key);
                }

                @Override
                public LiveSnapshot snapshot(String appName, TrackingMethod method) {
                    LiveSnapshot s = live.snapshot(appName, method);
                    return new LiveSnapshot(s.appName(), without(s.objects()), s.complete(), s.problems());
                }

                private Map<ResourceKey, KubeObject> without(Map<ResourceKey, KubeObject> objects) {
                    Map<ResourceKey, KubeObject> out = new LinkedHashMap<>(objects);
                    out.keySet().removeAll(hide);
                    return out;
                }
            };
        }
    }

    @Test
    void aPausedSelfHealOnlyReportsDrift() throws Exception {
        controller.register(app(AUTO), "job/deploy");
        until(() -> controller.status("web").map(s -> s.comparison() != null
                && s.comparison().syncStatus() == SyncStatus.Synced).orElse(false), "Synced");
        controller.pauseSelfHeal("web", Duration.ofMinutes(30), "ada", "incident 42");
        driftReplicas(9);
        controller.requestRefresh("web");
        until(() -> controller.status("web").map(s -> !s.driftEvents().isEmpty()).orElse(false), "drift event");
        AppStatus paused = controller.status("web").orElseThrow();
        assertThat(paused.selfHealPause().by()).isEqualTo("ada");
        assertThat(paused.automation()).contains("paused by ada").contains("incident 42");
        assertThat(paused.driftEvents().get(0).action()).isEqualTo("paused");
        assertThat(liveReplicas()).isEqualTo(9);

        controller.resumeSelfHeal("web");
        until(() -> liveReplicas() == 2, "self-heal after resume");
    }

    @Test
    void aFailedAutomatedSyncIsNotRetriedForTheSameRevision() throws Exception {
        fx.cluster.reject("web", "admission webhook denied the request");
        controller.register(app(AUTO.replace("syncOptions:", "retry: {limit: 0}\n  syncOptions:")), "job/deploy");
        until(() -> controller.status("web").map(s -> s.lastOperation() != null
                && "Failed".equals(s.lastOperation().phase())).orElse(false), "the failed sync");
        controller.requestRefresh("web");
        settle();
        AppStatus s = controller.status("web").orElseThrow();
        assertThat(s.automation()).contains("failed").contains("not retried");
        assertThat(s.conditions()).extracting(AppCondition::type).contains(AppCondition.SYNC_ERROR);
        assertThat(fx.cluster.writes()).isEmpty();

        fx.cluster.stopRejecting();
        fx.repo.write("apps/web/note.txt", "a new commit is a new revision\n");
        fx.repo.commit("retry with a new revision");
        controller.requestRefresh("web");
        until(() -> controller.status("web").map(x -> "Succeeded".equals(x.lastOperation().phase())).orElse(false),
                "the sync of the new revision");
    }

    @Test
    void aRequestedRefreshOvertakesAWaitingFullCycle() throws Exception {
        Controller one = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofHours(1), Duration.ZERO).withConcurrency(1, 1));
        try {
            List<String> refreshed = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            one.addListener(s -> {
                if (s.lastRefreshedAt() != null && seen.add(s.name())) {
                    refreshed.add(s.name());
                }
            });
            int n = 40;
            for (int i = 0; i < n; i++) {
                one.register(fx.application(String.format("app-%02d", i), "apps/web", "shop",
                        "syncPolicy:\n  syncOptions: [ServerSideApply=false]\n"), "job/deploy");
            }
            one.tick(); // a full cycle of 40 on one compare thread, app-39 last in line
            one.requestRefresh("app-39"); // e.g. a watch event: it must not wait for the 38 ahead of it
            assertThat(one.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(refreshed).hasSize(n);
            assertThat(refreshed.indexOf("app-39")).as("refresh order %s", refreshed).isLessThan(5);
        } finally {
            one.close();
        }
    }

    @Test
    void aChangeInTheClusterIsComparedWithoutAskingGitAndAManualRefreshAsksGit() throws Exception {
        controller.register(app("syncPolicy:\n  syncOptions: [ServerSideApply=false]\n"), "job/deploy");
        controller.start();
        until(() -> controller.status("web").map(s -> s.comparison() != null && s.comparison().error() == null)
                .orElse(false), "the first comparison");
        controller.requestSync("web", SyncRequest.manual("ada")).get(30, TimeUnit.SECONDS);
        // Synced, judged after the settling time an operation leaves for the watch (no recheck pending)
        until(() -> controller.status("web").map(s -> s.comparison().syncStatus() == SyncStatus.Synced
                && s.lastRefreshedAt().isAfter(s.lastOperation().finishedAt()
                        .plus(Controller.SETTLE_AFTER_OPERATION))).orElse(false), "Synced and settled");
        assertThat(controller.awaitIdle(Duration.ofSeconds(30))).isTrue();
        long fetches = fx.git.fetchCount("deploy");
        java.time.Instant before = controller.status("web").orElseThrow().lastRefreshedAt();

        driftReplicas(5); // the watch sees it and asks for a refresh at once
        until(() -> controller.status("web").map(s -> s.comparison().syncStatus() == SyncStatus.OutOfSync)
                .orElse(false), "the drift seen");
        assertThat(controller.status("web").orElseThrow().lastRefreshedAt()).isAfterOrEqualTo(before);
        assertThat(fx.git.fetchCount("deploy")).as("a refresh caused by the cluster compares with the last fetch")
                .isEqualTo(fetches);

        // Git moves on: only a refresh that reads Git (here a manual one; also the interval or a webhook) sees it
        fx.repo.write("apps/web/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 5
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: 'nginx:1.27'}]
                """);
        fx.repo.commit("scale to 5");
        controller.requestRefresh("web");
        until(() -> controller.status("web").map(s -> fx.repo.head().equals(s.comparison().revision())
                && s.comparison().syncStatus() == SyncStatus.Synced).orElse(false), "the new revision compared");
        assertThat(fx.git.fetchCount("deploy")).isGreaterThan(fetches);
    }

    @Test
    void aRequestedRefreshRunsWhileEveryComparisonThreadIsBusy() throws Exception {
        BlockingLiveStates blocking = new BlockingLiveStates("a-slow");
        engine.useLiveStateSource(blocking);
        Controller one = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofHours(1), Duration.ZERO).withConcurrency(1, 1));
        try {
            String plain = "syncPolicy:\n  syncOptions: [ServerSideApply=false]\n";
            one.register(fx.application("a-slow", "apps/web", "shop", plain), "job/deploy");
            one.register(fx.application("b-fast", "apps/web", "shop", plain), "job/deploy");
            one.tick(); // periodic: the one comparison thread takes "a-slow" (queued first) and is stuck in it
            assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue();
            one.requestRefresh("b-fast");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (one.status("b-fast").map(s -> s.lastRefreshedAt() == null).orElse(true)
                    && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(one.status("b-fast").orElseThrow().lastRefreshedAt())
                    .as("compared while the only comparison thread was busy").isNotNull();
            assertThat(one.status("a-slow").orElseThrow().lastRefreshedAt()).isNull();
            blocking.release.countDown();
            assertThat(one.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(one.status("a-slow").orElseThrow().lastRefreshedAt()).isNotNull();
        } finally {
            blocking.release.countDown();
            one.close();
        }
    }

    /** Live state that holds the comparison of one application until released (a slow cluster, a long diff). */
    static final class BlockingLiveStates implements LiveStateSource {
        private final LiveStateSource listing = LiveStateSource.listing(EngineLog.NONE);
        private final String app;
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        BlockingLiveStates(String app) {
            this.app = app;
        }

        @Override
        public LiveState open(ClusterConnection connection, Collection<GroupVersionKind> kinds, String appName) {
            if (app.equals(appName)) {
                entered.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return listing.open(connection, kinds, appName);
        }
    }

    @Test
    void webhookPushRefreshesTheMatchingApplication() throws Exception {
        Application manual = app("syncPolicy:\n  syncOptions: [ServerSideApply=false]\n");
        controller.register(manual, "job/deploy");
        settle();
        PushEvent push = new PushEvent(GitProvider.GITHUB, List.of(fx.repo.url()), List.of("master"), false, "",
                "abc", Set.of("apps/web/deployment.yaml"), true);
        assertThat(controller.onPush(push)).containsExactly("web");
        PushEvent elsewhere = new PushEvent(GitProvider.GITHUB, List.of(fx.repo.url()), List.of("master"), false, "",
                "abc", Set.of("docs/readme.md"), true);
        assertThat(controller.onPush(elsewhere)).isEmpty();

        settle(); // the refresh the first push asked for has fetched
        long fetches = fx.git.fetchCount("deploy");
        PushEvent unknown = new PushEvent(GitProvider.GITHUB, List.of("https://git.example.com/unknown.git"),
                List.of("master"), false, "", "abc", Set.of("apps/web/deployment.yaml"), true);
        assertThat(controller.onPush(unknown)).isEmpty();
        settle();
        assertThat(fx.git.fetchCount("deploy")).as("a delivery for an unknown repository costs no Git fetch")
                .isEqualTo(fetches);
    }

    @Test
    void manualSyncsGoThroughTheQueue() throws Exception {
        controller.register(app("syncPolicy:\n  syncOptions: [ServerSideApply=false]\n"), "job/deploy");
        settle();
        assertThat(controller.status("web").orElseThrow().comparison().syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        var first = controller.requestSync("web", SyncRequest.manual("ada"));
        var second = controller.requestSync("web", SyncRequest.manual("bob"));
        SyncOutcome a = first.get(30, TimeUnit.SECONDS);
        SyncOutcome b = second.get(30, TimeUnit.SECONDS);
        assertThat(a.phase()).isEqualTo("Succeeded");
        assertThat(b.phase()).isEqualTo("Succeeded");
        assertThat(liveReplicas()).isEqualTo(2);
    }
}
