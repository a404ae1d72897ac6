package io.jenkins.plugins.gitops.bench.controller;

import io.jenkins.plugins.gitops.bench.BenchApplications;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.HeapProbe;
import io.jenkins.plugins.gitops.bench.sync.EngineCluster;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.LiveStateSource;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Part (b) of the controller benchmark: many small applications (one ConfigMap each) spread over a few repositories,
 * registered on a {@link Controller} that is not started. A cycle makes every application due (the controller's
 * clock jumps past the refresh interval), ticks once and waits until idle; between cycles nothing changes in Git.
 */
final class RefreshCycles {

    /** Timings (nanoseconds) of the cold cycle and the warm ones, fetches per repository per cycle, heap. */
    record Result(long cold, List<Long> warm, List<Map<String, Long>> fetchesPerCycle, long heapBaseline,
            long heapAfter, int compareConcurrency, List<Map<String, Long>> requestsPerCycle) {}

    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final BenchEnvironment env;
    private final EngineCluster cluster;
    private final GitHttpServer git;
    private final Path work;

    private final boolean watching;
    private final ApiRequestCounter requests;

    RefreshCycles(BenchEnvironment env, EngineCluster cluster, GitHttpServer git, Path work) {
        this(env, cluster, git, work, false, null);
    }

    /**
     * @param watching compare from the controller's watch-backed live state (informers for the kinds used, one scan
     *        for tracked kinds per cluster) instead of a listing per comparison
     * @param requests counts the API server's requests per cycle by verb (null: not counted)
     */
    RefreshCycles(BenchEnvironment env, EngineCluster cluster, GitHttpServer git, Path work, boolean watching,
            ApiRequestCounter requests) {
        this.env = env;
        this.cluster = cluster;
        this.git = git;
        this.work = work;
        this.watching = watching;
        this.requests = requests;
    }

    Result measure(int apps, int repositories, int warmCycles) throws Exception {
        List<String> repoNames = new ArrayList<>();
        Map<String, String> urls = new TreeMap<>();
        for (int r = 0; r < repositories; r++) {
            String name = String.format(Locale.ROOT, "fleet-%02d", r);
            TestRepo repo = TestRepos.create(git, name, work.resolve("fleet-checkout").resolve(name));
            for (int a = r; a < apps; a += repositories) {
                repo.write("apps/" + appName(a) + "/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: %s}
                        data: {owner: team-%d, index: "%d"}
                        """.formatted(appName(a), a % 20, a));
            }
            repo.commit("apps of " + name);
            repoNames.add(name);
            urls.put(name, repo.url());
        }
        env.progress("  " + apps + " applications in " + repositories + " repositories");
        ShiftedClock clock = new ShiftedClock();
        ControllerSettings settings = ControllerSettings.defaults().withRefreshInterval(INTERVAL, Duration.ZERO);
        long baseline = HeapProbe.usedAfterGc();
        try (GitOpsEngine engine = GitOpsEngine.builder().workDir(work.resolve("fleet-engine"))
                .stateStore(new FileStateStore(work.resolve("fleet-state")))
                .connection(cluster.connection())
                .clock(clock).log(env.log()).build();
                Controller controller = new Controller(engine, settings)) {
            if (watching) {
                engine.useLiveStateSource(LiveStateSource.watching(env.log()));
            }
            for (int a = 0; a < apps; a++) {
                controller.register(ArgoDocuments.parseApplication(application(appName(a),
                        urls.get(repoNames.get(a % repositories)), namespaceOf(a % repositories)), appName(a)
                        + ".yaml"), "bench");
            }
            List<Map<String, Long>> fetches = new ArrayList<>();
            List<Map<String, Long>> requestCounts = new ArrayList<>();
            long cold = cycle(controller, clock, repoNames, apps, fetches, requestCounts, false);
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < warmCycles; i++) {
                warm.add(cycle(controller, clock, repoNames, apps, fetches, requestCounts, true));
            }
            long after = HeapProbe.usedAfterGc();
            return new Result(cold, warm, fetches, baseline, after, settings.compareConcurrency(), requestCounts);
        }
    }

    private long cycle(Controller controller, ShiftedClock clock, List<String> repoNames, int apps,
            List<Map<String, Long>> fetches, List<Map<String, Long>> requestCounts, boolean advance)
            throws InterruptedException {
        Map<String, Long> requestsBefore = requests == null ? Map.of() : requests.byVerb();
        if (advance) {
            clock.advance(INTERVAL.plusMinutes(1));
        }
        Map<String, Long> before = new TreeMap<>();
        repoNames.forEach(n -> before.put(n, git.fetchCount(n)));
        Instant cycleStart = clock.instant();
        long start = System.nanoTime();
        controller.tick();
        if (!controller.awaitIdle(IDLE_TIMEOUT)) {
            throw new BenchmarkFailure("refresh cycle of " + apps + " applications not idle after " + IDLE_TIMEOUT);
        }
        long elapsed = System.nanoTime() - start;
        Map<String, Long> delta = new TreeMap<>();
        repoNames.forEach(n -> delta.put(n, git.fetchCount(n) - before.get(n)));
        fetches.add(delta);
        if (requests != null) {
            requestCounts.add(ApiRequestCounter.delta(requestsBefore, requests.byVerb()));
        }
        verify(controller, apps, cycleStart);
        return elapsed;
    }

    /** Every application refreshed in this cycle, compared without error, its one ConfigMap OutOfSync (missing). */
    private static void verify(Controller controller, int apps, Instant cycleStart) {
        List<AppStatus> all = controller.statuses();
        if (all.size() != apps) {
            throw new BenchmarkFailure(all.size() + " statuses, expected " + apps);
        }
        for (AppStatus s : all) {
            if (s.lastRefreshedAt() == null || s.lastRefreshedAt().isBefore(cycleStart) || s.comparison() == null
                    || s.comparison().error() != null || s.comparison().syncStatus() != SyncStatus.OutOfSync
                    || s.comparison().resources().size() != 1) {
                throw new BenchmarkFailure(s.name() + " not refreshed as expected in this cycle: refreshed at "
                        + s.lastRefreshedAt() + ", comparison " + (s.comparison() == null ? "none"
                        : s.comparison().syncStatus() + " " + s.comparison().error()));
            }
        }
    }

    /** One namespace per repository (not created: the apps compare OutOfSync, their ConfigMap missing). */
    private String namespaceOf(int repository) {
        return watching ? String.format(Locale.ROOT, "%s-fleet-%02d", cluster.namespace(), repository)
                : cluster.namespace();
    }

    static String appName(int index) {
        return String.format(Locale.ROOT, "app-%04d", index);
    }

    private static String application(String name, String repoURL, String namespace) {
        return BenchApplications.yaml(name, repoURL, "apps/" + name, false, namespace,
                "syncOptions: [ServerSideApply=false]");
    }
}
