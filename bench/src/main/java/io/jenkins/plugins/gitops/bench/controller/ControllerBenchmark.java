package io.jenkins.plugins.gitops.bench.controller;

import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.Stats;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.bench.report.Units;
import io.jenkins.plugins.gitops.bench.sync.EngineCluster;
import io.jenkins.plugins.gitops.engine.reconcile.SelfHealBackoff;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Issue "Controller": (a) drift latency of a started controller (watch-backed live state) with self-heal, with a
 * short and with the default self-heal backoff; (b) one refresh cycle of {@value #DEFAULT_APPS} small applications
 * with unchanged Git, cold and warm, with Git fetches per repository per cycle and the heap. Always against the
 * in-process mock (with fake controllers), also when {@code --kubeconfig} is given. Parameters:
 * {@code controller.resources}, {@code controller.changes}, {@code controller.apps}, {@code controller.repos},
 * {@code controller.cycles}.
 */
public final class ControllerBenchmark implements Benchmark {

    static final int DEFAULT_RESOURCES = 20;
    static final int DEFAULT_CHANGES = 5;
    static final int DEFAULT_APPS = 1000;
    static final int DEFAULT_REPOS = 10;
    static final int DEFAULT_CYCLES = 3;
    static final Duration GAP = Duration.ofMillis(200);
    static final SelfHealBackoff SHORT = new SelfHealBackoff(Duration.ofMillis(100), 2, Duration.ofSeconds(1));
    private static final String TOOL = "gitops engine Controller (in-process)";

    @Override
    public String id() {
        return "controller";
    }

    @Override
    public String description() {
        return "controller: drift detection and self-heal latency, and a refresh cycle of 1,000 apps with unchanged Git";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int resources = env.options().intParameter(id(), "resources", DEFAULT_RESOURCES);
        int changes = env.options().intParameter(id(), "changes", DEFAULT_CHANGES);
        int apps = env.options().intParameter(id(), "apps", DEFAULT_APPS);
        int repos = env.options().intParameter(id(), "repos", DEFAULT_REPOS);
        int cycles = env.options().intParameter(id(), "cycles", DEFAULT_CYCLES);
        Path work = env.workDir(id());
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String clusterDescription;
        try (GitHttpServer git = GitHttpServer.start(work.resolve("git-server"));
                EngineCluster cluster = EngineCluster.mock(work, "bench", env.log())) {
            clusterDescription = cluster.description();
            DriftLatency drift = new DriftLatency(env, cluster, git, work, resources);
            drift.prepareRepository();
            env.progress("  drift: " + changes + " changes with a 100 ms self-heal backoff");
            DriftLatency.Result fast = drift.measure(SHORT, changes, GAP, "short-backoff");
            env.progress("  drift: " + changes + " changes with the default 2 s self-heal backoff");
            DriftLatency.Result slow = drift.measure(SelfHealBackoff.DEFAULT, changes, GAP, "default-backoff");
            rows.add(timeRow("drift: change -> status shows it (OutOfSync or drift event)", "self-heal backoff 100 ms",
                    fast.detected(), "watch event -> refresh at once (the listener ticks the controller) -> compare -> publish"));
            rows.add(timeRow("drift: change -> live replicas reverted", "self-heal backoff 100 ms", fast.reverted(),
                    "+ self-heal decision + selective sync (dry run, apply) of the drifted Deployment"));
            rows.add(timeRow("drift: change -> status shows it (OutOfSync or drift event)", "default backoff 2 s",
                    slow.detected(), "as above"));
            rows.add(timeRow("drift: change -> live replicas reverted", "default backoff 2 s", slow.reverted(),
                    "first attempt waits until 2 s after the previous operation finished"));

            RefreshCycles.Result fleet = new RefreshCycles(env, cluster, git, work).measure(apps, repos, cycles);
            String perApp = Units.mib((fleet.heapAfter() - fleet.heapBaseline()) / Math.max(1, apps) * 1024L)
                    .replace("MiB", "KiB");
            String heap = "heap after GC +" + Units.mib(fleet.heapAfter() - fleet.heapBaseline()) + " (~" + perApp
                    + " per app; baseline " + Units.mib(fleet.heapBaseline()) + ")";
            rows.add(new Row("refresh cycle of " + apps + " apps, cold (first cycle after registering)",
                    TOOL + ", compareConcurrency " + fleet.compareConcurrency(), "1", Units.millis(fleet.cold()),
                    Units.millis(fleet.cold()), Units.millis(fleet.cold()), "—",
                    "fetches per repository: " + fetchSummary(fleet.fetchesPerCycle().get(0))));
            Stats warm = Stats.of(fleet.warm());
            rows.add(new Row("refresh cycle of " + apps + " apps, warm (nothing changed in Git)",
                    TOOL + ", compareConcurrency " + fleet.compareConcurrency(), Integer.toString(warm.count()),
                    Units.millis(warm.median()), Units.millis(warm.p90()), Units.millis(warm.min()), heap,
                    "fetches per repository per cycle: " + fleet.fetchesPerCycle().subList(1,
                            fleet.fetchesPerCycle().size()).stream().map(ControllerBenchmark::fetchSummary)
                            .collect(Collectors.joining("; "))));
            notes.add("Drift: " + changes + " changes per backoff setting, each made " + GAP.toMillis() + " ms after "
                    + "the previous revert was seen and a refresh after it compared the app Synced (which also resets the "
                    + "self-heal attempt count; without that wait the default backoff grows 2 s, 6 s, 18 s, ... "
                    + "over consecutive drifts); latencies are polled every "
                    + "2 ms (status) and by GET of the Deployment, so they include up to one poll period. The "
                    + "controller's watch listener only marks the app due; the refresh starts on the next tick of "
                    + "its one-second ticker, which dominates the detection latency (expect 0-1 s, median about "
                    + "0.5 s plus the compare).");
            notes.add("Self-heal backoff: the short setting is `new SelfHealBackoff(100 ms, x2, cap 1 s)`; the "
                    + "default is Argo CD's 2 s x3 capped at 300 s. The backoff counts from the finish of the "
                    + "previous operation (AutomationPolicy: `lastAttempt.finishedAt + delay`), so with the default "
                    + "a drift " + GAP.toMillis() + " ms after the previous self-heal waits out the rest of the 2 s "
                    + "(then up to one tick more); a drift more than 2 s after the last operation is reverted as fast "
                    + "as with the short backoff.");
            notes.add("Refresh cycle: " + apps + " applications with one ConfigMap each, paths `apps/app-NNNN` in "
                    + repos + " repositories of " + (apps / repos) + " apps, registered on a Controller that is "
                    + "not started (no watches: each comparison lists the live ConfigMaps once). The apps are not "
                    + "synced (each compares OutOfSync, its ConfigMap missing); every cycle is checked: all " + apps
                    + " refreshed in the cycle, no comparison error. A cycle = the controller's clock jumps past the "
                    + "refresh interval so all are due, one `tick()`, `awaitIdle`. Fetches are counted by the Git "
                    + "server (ref advertisements of git-upload-pack).");
            notes.add("Heap: used heap after a full GC with the controller holding all " + apps + " applications "
                    + "(statuses, comparisons, Git and render caches), minus the used heap after GC before the "
                    + "engine was built.");
        }
        if (env.options().kubeconfig().isPresent()) {
            int realApps = env.options().intParameter(id(), "real-apps", DEFAULT_APPS);
            rows.addAll(realServerCycles(env, work, realApps, repos, cycles, notes));
        }
        return new BenchmarkReport(id(), "Controller: drift latency and a refresh cycle of " + apps
                + " applications (issue \"Controller\")", List.of(
                        "API server: " + clusterDescription + " (also with `--kubeconfig`: the benchmark needs the "
                                + "fake controllers and the mock's write log). Git: `git http-backend` over smart "
                                + "HTTP on loopback.",
                        "Drift: one automated application (`automated: {prune: true, selfHeal: true}`, client-side "
                                + "apply) of " + resources + " resources (Deployments with `replicas: 0`, Services, "
                                + "ConfigMaps), a Controller with `start()` (informers on the mock server, 1 s "
                                + "ticker), default refresh interval (120 s + 60 s jitter) so only the watch "
                                + "triggers refreshes. The benchmark scales Deployment `" + DriftLatency.TARGET
                                + "` to " + DriftLatency.DRIFTED_REPLICAS + " with the Kubernetes client (with the "
                                + "managed-fields entry a real server records) and times until the published "
                                + "status shows the drift and until live replicas are back to 0."),
                rows, notes);
    }

    /**
     * The refresh cycle on the real API server with the controller's watch-backed live state: informers for the
     * kinds the apps use, one scan for tracked kinds per cluster, requests counted from the server's metrics.
     */
    private static List<Row> realServerCycles(BenchEnvironment env, Path work, int apps, int repos, int cycles,
            List<String> notes) throws Exception {
        Path dir = work.resolve("real");
        try (GitHttpServer git = GitHttpServer.start(dir.resolve("git-server"));
                EngineCluster cluster = EngineCluster.real(env.options().kubeconfig().get(), env.log())) {
            env.progress("  refresh cycles of " + apps + " apps on " + cluster.description());
            RefreshCycles.Result fleet = new RefreshCycles(env, cluster, git, dir, true,
                    new ApiRequestCounter(cluster.client())).measure(apps, repos, cycles);
            String perApp = Units.mib((fleet.heapAfter() - fleet.heapBaseline()) / Math.max(1, apps) * 1024L)
                    .replace("MiB", "KiB");
            String heap = "heap after GC +" + Units.mib(fleet.heapAfter() - fleet.heapBaseline()) + " (~" + perApp
                    + " per app; baseline " + Units.mib(fleet.heapBaseline()) + ")";
            String tool = TOOL + ", watch-backed live state, real API server";
            List<Map<String, Long>> requests = fleet.requestsPerCycle();
            Stats warm = Stats.of(fleet.warm());
            notes.add("Real API server cycles: " + apps + " applications (one ConfigMap each, one namespace per "
                    + "repository, not synced) on " + cluster.description() + ", the engine switched to the "
                    + "controller's watch-backed live state (`LiveStateSource.watching`: informers for the kinds in "
                    + "use, one metadata scan per cluster for tracked kinds, reused for 3 minutes). API requests "
                    + "per cycle are the change of the server's `apiserver_request_total` by verb, so they include "
                    + "kube-controller-manager's own traffic and one scrape of /metrics (GET).");
            return List.of(
                    new Row("refresh cycle of " + apps + " apps, cold, real API server", tool, "1",
                            Units.millis(fleet.cold()), Units.millis(fleet.cold()), Units.millis(fleet.cold()), "—",
                            "informers start, cluster scan; fetches per repository: "
                                    + fetchSummary(fleet.fetchesPerCycle().get(0)) + "; API requests: "
                                    + requests.get(0)),
                    new Row("refresh cycle of " + apps + " apps, warm, real API server", tool,
                            Integer.toString(warm.count()), Units.millis(warm.median()), Units.millis(warm.p90()),
                            Units.millis(warm.min()), heap, "fetches per repository per cycle: "
                                    + fleet.fetchesPerCycle().subList(1, fleet.fetchesPerCycle().size()).stream()
                                            .map(ControllerBenchmark::fetchSummary).collect(Collectors.joining("; "))
                                    + "; API requests per cycle: " + requests.subList(1, requests.size()).stream()
                                            .map(Object::toString).collect(Collectors.joining("; "))));
        }
    }

    private static Row timeRow(String scenario, String setting, List<Long> nanos, String notes) {
        Stats s = Stats.of(nanos);
        return new Row(scenario, TOOL + ", " + setting, Integer.toString(s.count()), Units.millis(s.median()),
                Units.millis(s.p90()), Units.millis(s.min()), "—", notes);
    }

    private static String fetchSummary(Map<String, Long> perRepo) {
        long min = perRepo.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long max = perRepo.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return min == max ? min + " each (" + perRepo.size() + " repositories)"
                : perRepo.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
