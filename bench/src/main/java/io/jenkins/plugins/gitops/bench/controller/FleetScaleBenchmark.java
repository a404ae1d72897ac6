package io.jenkins.plugins.gitops.bench.controller;

import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.Stats;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.bench.report.Units;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Issue 14, the controller half: a started {@link io.jenkins.plugins.gitops.engine.reconcile.Controller} on a real
 * API server with a growing fleet of applications, each a ConfigMap, a Deployment and a Service that exist live as a
 * sync left them. For each fleet size (parameter {@code controller-scale.sizes}, default {@value #DEFAULT_SIZES}): a
 * cold and {@code cycles} warm full refresh cycles, Git fetches per repository and API requests by verb per cycle,
 * heap after GC per application, and drift detection latency on random applications, idle and in the middle of a
 * full cycle. Needs {@code --kubeconfig} (bench/run.sh passes the harness's).
 */
public final class FleetScaleBenchmark implements Benchmark {

    static final String DEFAULT_SIZES = "1000,3000,10000";
    private static final String TOOL = "gitops engine Controller, started (watches), real API server";

    @Override
    public String id() {
        return "controller-scale";
    }

    @Override
    public String description() {
        return "controller on a real API server: full refresh cycles, heap, drift latency and API requests of "
                + "1,000 to 10,000 applications (3 live objects each)";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        if (env.options().kubeconfig().isEmpty()) {
            return new BenchmarkReport(id(), "Controller at scale on a real API server (issue 14)", List.of(),
                    List.of(Row.notRun("full refresh cycle", TOOL, "needs a real API server: --kubeconfig FILE "
                            + "(bench/run.sh passes the harness's when it is present)")), List.of());
        }
        List<Integer> sizes = Arrays.stream(env.options().parameters().getOrDefault(id() + ".sizes", DEFAULT_SIZES)
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).sorted().toList();
        int repos = env.options().intParameter(id(), "repos", 10);
        int cycles = env.options().intParameter(id(), "cycles", 3);
        int drifts = env.options().intParameter(id(), "drifts", 5);
        int threads = env.options().intParameter(id(), "setup-threads", 24);
        int compareConcurrency = env.options().intParameter(id(), "compare-concurrency", 0);
        Path work = env.workDir(id());
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String description;
        try (GitHttpServer git = GitHttpServer.start(work.resolve("git-server"));
                Fleet fleet = Fleet.create(env, git, work, env.options().kubeconfig().get(), sizes.get(sizes.size()
                        - 1), repos, threads)) {
            description = fleet.description();
            for (int n : sizes) {
                long setup = fleet.ensureLive(n);
                env.progress("  controller-scale: " + n + " applications (" + (3 * n) + " live objects; set-up of "
                        + "the new ones " + Units.millis(setup) + ")");
                FleetRun.Result r = new FleetRun(env, fleet, work.resolve("run-" + n), compareConcurrency)
                        .measure(n, cycles, drifts);
                rows.addAll(rows(n, r));
                env.progress("  controller-scale: " + n + " apps: cold " + Units.millis(r.cold()) + ", warm "
                        + r.warm().stream().map(Units::millis).collect(Collectors.joining(", ")) + ", heap +"
                        + Units.mib(r.heapAfter() - r.heapBaseline()) + ", drift idle " + r.driftIdle().stream()
                                .map(Units::millis).collect(Collectors.joining(", ")) + ", drift in cycle "
                        + r.driftBusy().stream().map(Units::millis).collect(Collectors.joining(", "))
                        + ", requests " + r.requestsPerCycle());
            }
        }
        notes.add("Data: N applications `app-NNNNN` spread over " + repos + " Git repositories (`git http-backend` on "
                + "loopback; application i in repository i mod " + repos + ", path `apps/app-NNNNN`, destination "
                + "namespace `gs-XXX-fleet-RR` of its repository). Each application is a ConfigMap, a Deployment "
                + "(`replicas: 1`, one container) and a Service (ClusterIP) that exist in the cluster as a sync "
                + "leaves them: created by server-side apply with field manager `gitops-sync` and the "
                + "`argocd.argoproj.io/tracking-id` annotation, in parallel, before the controller starts; the "
                + "applications compare Synced. Not automated (a drift is reported, not reverted).");
        notes.add("Controller: `Controller.start()` (one-second ticker, watch-backed live state: informers for the "
                + "kinds in use, a metadata-only list and watch of every served kind for tracked kinds), default settings except a refresh "
                + "interval of 1 h without jitter, so that only the benchmark makes applications due: a cycle = the "
                + "controller's clock jumps past the interval, one `tick()`, and the cycle ends when every "
                + "application's `lastRefreshedAt` is in the cycle (checked: no comparison error, 3 resources).");
        notes.add("Drift: a random application's Deployment is scaled (replicas 1 -> 2, `edit` by the Kubernetes "
                + "client) and the benchmark polls the published status every 2 ms until it shows that Deployment "
                + "OutOfSync; then it scales back and waits for Synced. *Idle*: no cycle running (what a change "
                + "costs in steady state, where refreshes are spread by the interval's jitter); *in a cycle*: the "
                + "change is made right after a full cycle of all applications was started. Before the first sample "
                + "the benchmark edits, untimed, a Deployment no application tracks: its client's first typed edit "
                + "loads fabric8's Deployment model and JSON-patch code (about 2.3 s under load, before the change "
                + "reaches the server), which is the client's cost, not the controller's.");
        notes.add("Heap: used heap after full GC with the controller holding every application (statuses, "
                + "comparisons, Git and render caches, informer stores of all live objects) minus the used heap "
                + "after GC before the engine was built.");
        notes.add("API requests per cycle: change of the server's `apiserver_request_total` by verb over the cycle, "
                + "so they include every other client of that server and one scrape of `/metrics` (GET); requests "
                + "of the API server's own loopback clients (`system_client=\"kube-apiserver\"`: its ClusterIP repair "
                + "loop lists every Service every few minutes) are shown apart as `self:VERB`.");
        return new BenchmarkReport(id(), "Controller at scale on a real API server (issue 14)",
                List.of("API server: " + description + "."), rows, notes);
    }

    private static List<Row> rows(int n, FleetRun.Result r) {
        List<Row> rows = new ArrayList<>();
        String heap = "heap after GC +" + Units.mib(r.heapAfter() - r.heapBaseline()) + " (~"
                + Units.mib((r.heapAfter() - r.heapBaseline()) / Math.max(1, n) * 1024L).replace("MiB", "KiB")
                + " per app)";
        rows.add(new Row("full refresh cycle of " + n + " apps, cold (informers start, cluster scan)", TOOL
                + ", compareConcurrency " + r.compareConcurrency(), "1", Units.millis(r.cold()), Units.millis(r.cold()),
                Units.millis(r.cold()), "—", "Git fetches per repository: " + fetches(r.fetchesPerCycle().get(0))
                        + "; API requests: " + r.requestsPerCycle().get(0) + "; " + r.synced() + " of " + n
                        + " Synced"));
        Stats warm = Stats.of(r.warm());
        rows.add(new Row("full refresh cycle of " + n + " apps, warm (nothing changed)", TOOL + ", compareConcurrency "
                + r.compareConcurrency(), Integer.toString(warm.count()), Units.millis(warm.median()),
                Units.millis(warm.p90()), Units.millis(warm.min()), heap, "Git fetches per repository per cycle: "
                        + r.fetchesPerCycle().subList(1, r.fetchesPerCycle().size()).stream()
                                .map(FleetScaleBenchmark::fetches).collect(Collectors.joining("; "))
                        + "; API requests per cycle: " + r.requestsPerCycle().subList(1, r.requestsPerCycle().size())
                                .stream().map(Object::toString).collect(Collectors.joining("; "))));
        if (!r.driftIdle().isEmpty()) {
            Stats d = Stats.of(r.driftIdle());
            rows.add(new Row("drift on a random one of " + n + " apps: change -> status OutOfSync, idle", TOOL,
                    Integer.toString(d.count()), Units.millis(d.median()), Units.millis(d.p90()),
                    Units.millis(d.min()), "—", "max " + Units.millis(java.util.Collections.max(r.driftIdle())) + "; apps " + r.driftApps()));
        }
        if (!r.driftBusy().isEmpty()) {
            Stats d = Stats.of(r.driftBusy());
            rows.add(new Row("drift on a random one of " + n + " apps: change -> status OutOfSync, during a full "
                    + "cycle", TOOL, Integer.toString(d.count()), Units.millis(d.median()), Units.millis(d.p90()),
                    Units.millis(d.min()), "—", "max " + Units.millis(java.util.Collections.max(r.driftBusy()))));
        }
        return rows;
    }

    static String fetches(Map<String, Long> perRepo) {
        long min = perRepo.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long max = perRepo.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return min == max ? min + " each (" + perRepo.size() + " repositories)"
                : perRepo.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
