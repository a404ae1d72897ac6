package io.jenkins.plugins.gitops.bench.controller;

import io.jenkins.plugins.gitops.bench.BenchApplications;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.HeapProbe;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One fleet size of the scale benchmark: a started controller holding {@code n} applications whose live objects
 * exist; cold and warm full cycles, heap after GC, drift latency idle and during a cycle.
 */
final class FleetRun {

    record Result(long cold, List<Long> warm, List<Map<String, Long>> fetchesPerCycle,
            List<Map<String, Long>> requestsPerCycle, long heapBaseline, long heapAfter, int compareConcurrency,
            int synced, List<Long> driftIdle, List<Long> driftBusy, List<String> driftApps) {}

    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Duration CYCLE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration DRIFT_TIMEOUT = Duration.ofMinutes(5);

    private final BenchEnvironment env;
    private final Fleet fleet;
    private final Path work;
    private final int compareConcurrency;
    private final ApiRequestCounter requests;
    /** The latest {@code lastRefreshedAt} each application published. */
    private final java.util.concurrent.ConcurrentHashMap<String, Instant> refreshed =
            new java.util.concurrent.ConcurrentHashMap<>();

    FleetRun(BenchEnvironment env, Fleet fleet, Path work, int compareConcurrency) {
        this.env = env;
        this.fleet = fleet;
        this.work = work;
        this.compareConcurrency = compareConcurrency;
        this.requests = new ApiRequestCounter(fleet.client());
    }

    Result measure(int n, int warmCycles, int drifts) throws Exception {
        ShiftedClock clock = new ShiftedClock();
        ControllerSettings settings = ControllerSettings.defaults().withRefreshInterval(INTERVAL, Duration.ZERO);
        if (compareConcurrency > 0) {
            settings = settings.withConcurrency(compareConcurrency, settings.operationConcurrency());
        }
        long baseline = HeapProbe.usedAfterGc();
        try (GitOpsEngine engine = GitOpsEngine.builder().workDir(work.resolve("engine"))
                .stateStore(new FileStateStore(work.resolve("state")))
                .connection(fleet.connection())
                .clock(clock).log(env.log()).build();
                Controller controller = new Controller(engine, settings)) {
            controller.addListener(s -> {
                if (s.lastRefreshedAt() != null) {
                    refreshed.merge(s.name(), s.lastRefreshedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            });
            for (int a = 0; a < n; a++) {
                controller.register(ArgoDocuments.parseApplication(application(a), Fleet.appName(a) + ".yaml"),
                        "bench");
            }
            List<Map<String, Long>> fetches = new ArrayList<>();
            List<Map<String, Long>> requestCounts = new ArrayList<>();
            // cold: start() ticks at once, every application is due since registration
            long cold = cycle(controller, clock, n, fetches, requestCounts, controller::start);
            int synced = (int) controller.statuses().stream()
                    .filter(s -> s.comparison().syncStatus() == SyncStatus.Synced).count();
            if (synced < n) {
                AppStatus first = controller.statuses().stream()
                        .filter(s -> s.comparison().syncStatus() != SyncStatus.Synced).findFirst().orElseThrow();
                env.progress("    not Synced: " + first.name() + " " + first.comparison().resources().stream()
                        .map(r -> r.kind() + "/" + r.name() + "=" + r.status()).toList());
            }
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < warmCycles; i++) {
                warm.add(cycle(controller, clock, n, fetches, requestCounts, () -> {
                    clock.advance(INTERVAL.plusMinutes(1));
                    controller.tick();
                }));
                env.progress("    warm cycle " + (i + 1) + ": " + warm.get(i) / 1_000_000 + " ms, requests "
                        + requestCounts.get(requestCounts.size() - 1));
            }
            long after = HeapProbe.usedAfterGc();
            warmUpClientEdits();
            Random random = new Random(42 + n);
            List<Long> idle = new ArrayList<>();
            List<String> apps = new ArrayList<>();
            for (int i = 0; i < drifts; i++) {
                int a = random.nextInt(n);
                apps.add(Fleet.appName(a));
                idle.add(drift(controller, a));
            }
            List<Long> busy = new ArrayList<>();
            for (int i = 0; i < Math.min(drifts, 3); i++) {
                int a = random.nextInt(n);
                Instant cycleStart = clock.instant();
                clock.advance(INTERVAL.plusMinutes(1));
                controller.tick();
                busy.add(drift(controller, a));
                awaitCycle(controller, n, cycleStart.plus(INTERVAL));
            }
            return new Result(cold, warm, fetches, requestCounts, baseline, after, settings.compareConcurrency(),
                    synced, idle, busy, apps);
        }
    }

    private long cycle(Controller controller, ShiftedClock clock, int n, List<Map<String, Long>> fetches,
            List<Map<String, Long>> requestCounts, Runnable begin) throws InterruptedException {
        Map<String, Long> requestsBefore = requests.byVerb();
        Map<String, Long> before = new TreeMap<>();
        fleet.repoNames().forEach(r -> before.put(r, fleet.git().fetchCount(r)));
        Instant cycleStart = clock.instant();
        long start = System.nanoTime();
        begin.run();
        awaitCycle(controller, n, cycleStart);
        long elapsed = System.nanoTime() - start;
        if (!controller.awaitIdle(CYCLE_TIMEOUT)) {
            throw new BenchmarkFailure("controller not idle after the cycle");
        }
        Map<String, Long> delta = new TreeMap<>();
        fleet.repoNames().forEach(r -> delta.put(r, fleet.git().fetchCount(r) - before.get(r)));
        fetches.add(delta);
        requestCounts.add(ApiRequestCounter.delta(requestsBefore, requests.byVerb()));
        for (AppStatus s : controller.statuses()) {
            if (s.comparison() == null || s.comparison().error() != null || s.comparison().resources().size() != 3) {
                throw new BenchmarkFailure(s.name() + ": unexpected comparison " + (s.comparison() == null ? "none"
                        : s.comparison().syncStatus() + " " + s.comparison().error() + " "
                                + s.comparison().resources().size() + " resources"));
            }
        }
        return elapsed;
    }

    /**
     * Waits until every application was refreshed at or after {@code since} (clock of the controller), from the
     * published snapshots (a listener, so that waiting costs the controller nothing: sorting all statuses every few
     * milliseconds took a third of the CPU of a 1,000-application cycle).
     */
    private void awaitCycle(Controller controller, int n, Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + CYCLE_TIMEOUT.toNanos();
        while (true) {
            if (refreshed.size() == n && refreshed.values().stream().noneMatch(t -> t.isBefore(since))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("full cycle of " + n + " applications not done after " + CYCLE_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /**
     * The benchmark's first typed {@code edit} of a Deployment loads fabric8's Deployment model, Jackson's
     * deserializers for it and the JSON-patch code: about 2.3 s of the first drift sample under load, before the
     * change even reaches the server. One untimed edit of a Deployment no application tracks (the controller sees
     * its events and drops them: nobody owns it) takes that out of the samples, which should time the controller.
     */
    private void warmUpClientEdits() {
        String ns = fleet.namespaceOf(0);
        Resource<Deployment> scratch = fleet.client().apps().deployments().inNamespace(ns)
                .withName("bench-client-warm-up");
        scratch.delete();
        scratch.waitUntilCondition(java.util.Objects::isNull, 60, java.util.concurrent.TimeUnit.SECONDS);
        fleet.client().apps().deployments().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.apps
                .DeploymentBuilder().withNewMetadata().withName("bench-client-warm-up").endMetadata().withNewSpec()
                .withReplicas(1).withNewSelector().addToMatchLabels("app", "bench-client-warm-up").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "bench-client-warm-up").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("example.invalid/warm-up:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        scratch.edit(d -> {
            d.getSpec().setReplicas(2);
            return d;
        });
        scratch.delete();
    }

    /** Scales application {@code a}'s Deployment, times until its status shows it OutOfSync, scales it back. */
    private long drift(Controller controller, int a) throws InterruptedException {
        String app = Fleet.appName(a);
        Resource<Deployment> target = fleet.client().apps().deployments().inNamespace(fleet.namespaceOf(a))
                .withName(app);
        awaitStatus(controller, app, s -> deploymentStatus(s) == SyncStatus.Synced, "Synced before the drift");
        long start = System.nanoTime();
        target.edit(d -> {
            d.getSpec().setReplicas(2);
            return d;
        });
        awaitStatus(controller, app, s -> deploymentStatus(s) == SyncStatus.OutOfSync, "the drift");
        long seen = System.nanoTime() - start;
        env.progress("    drift on " + app + ": " + seen / 1_000_000 + " ms (JVM uptime at the change "
                + (java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - seen / 1_000_000)
                + " ms)");
        target.edit(d -> {
            d.getSpec().setReplicas(1);
            return d;
        });
        awaitStatus(controller, app, s -> deploymentStatus(s) == SyncStatus.Synced, "Synced after the revert");
        return seen;
    }

    private static SyncStatus deploymentStatus(AppStatus s) {
        return s.comparison() == null ? null : s.comparison().resources().stream()
                .filter(r -> r.kind().equals("Deployment")).map(ResourceStatus::status).findFirst().orElse(null);
    }

    private static void awaitStatus(Controller controller, String app, Predicate<AppStatus> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRIFT_TIMEOUT.toNanos();
        while (!controller.status(app).map(condition::test).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure(app + ": timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    private String application(int a) {
        return BenchApplications.yaml(Fleet.appName(a), fleet.urlOf(a), "apps/" + Fleet.appName(a), false,
                fleet.namespaceOf(a), "");
    }
}
