package io.jenkins.plugins.gitops.bench.sync;

import io.jenkins.plugins.gitops.bench.BenchApplications;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.ProcessSpec;
import io.jenkins.plugins.gitops.bench.measure.Sampler;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Scenario;
import io.jenkins.plugins.gitops.bench.render.ManifestCorpus;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue "Sync engine": a full sync of an application of {@value #DEFAULT_RESOURCES} resources (parameter
 * {@code sync-500.resources}) from a Git server on loopback to an empty cluster, and re-syncs with nothing changed
 * (everything re-applied, and with {@code ApplyOutOfSyncOnly=true}), next to {@code kubectl apply --server-side}.
 * Each sync takes seconds, so this benchmark samples {@value #DEFAULT_ITERATIONS} iterations
 * ({@code sync-500.iterations}) after {@value #DEFAULT_WARMUP} warm-up syncs ({@code sync-500.warmup}; none with
 * {@code --warmup 0}), as a Jenkins controller that has synced before. A few warm-up syncs are not a warm JVM: after
 * one, the C2 compiler still compiled ~200 methods during the next sync (-XX:+PrintCompilation), after three ~170-300
 * per sync and its threads were about a third of the benchmark JVM's CPU (async-profiler), CPU the API server on the
 * same two cores was waiting for; from the eighth sync on ~50-100 a sync. The control plane warms up too: on a fresh
 * harness the first eight or so syncs are 1-2 s slower whatever the client does.
 */
public final class SyncBenchmark implements Benchmark {

    static final String APP = "bench-sync";
    static final String NAMESPACE = "bench";
    static final int DEFAULT_RESOURCES = 500;
    static final int DEFAULT_ITERATIONS = 5;
    static final int DEFAULT_WARMUP = 8;
    private static final int TEAMS = 5;
    /** Waves: ConfigMaps first, then Deployments (a health gate: every Deployment rolled out), then Services. */
    private static final Map<String, String> WAVES = Map.of("ConfigMap", "-1", "Deployment", "0", "Service", "1");
    private static final String FULL = "full sync to an empty namespace";
    private static final String RESYNC = "re-sync, nothing changed (everything re-applied)";
    private static final String RESYNC_OOS = "re-sync, nothing changed, ApplyOutOfSyncOnly=true";
    private static final String UNMEASURABLE = "not measurable against the mock server (it implements no server-side "
            + "apply); run against a real API server with `bench/run.sh --kubeconfig FILE`";

    @Override
    public String id() {
        return "sync-500";
    }

    @Override
    public String description() {
        return "sync an app of 500 resources from Git to an empty cluster and re-sync it, next to kubectl apply --server-side";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int count = env.options().intParameter(id(), "resources", DEFAULT_RESOURCES);
        int iterations = env.options().intParameter(id(), "iterations", DEFAULT_ITERATIONS);
        int warmup = env.options().warmup() == 0 ? 0 : env.options().intParameter(id(), "warmup", DEFAULT_WARMUP);
        Sampler sampler = new Sampler(warmup, Duration.ZERO, iterations, env::progress);
        Path work = env.workDir(id());
        try (GitHttpServer git = GitHttpServer.start(work.resolve("git-server"));
                EngineCluster cluster = env.options().kubeconfig().isPresent()
                        ? EngineCluster.real(env.options().kubeconfig().get(), env.log())
                        : EngineCluster.mock(work, NAMESPACE, env.log())) {
            String ns = cluster.namespace();
            ManifestCorpus corpus = ManifestCorpus.generate(count, TEAMS, ns).map(SyncBenchmark::prepared);
            TestRepo repo = TestRepos.create(git, "platform", work.resolve("checkout"));
            int files = corpus.writeTo(repo.workDir().resolve("app"));
            repo.commit("add " + count + " manifests");
            Path manifests = work.resolve("manifests");
            corpus.writeTo(manifests);
            List<KubeObject> objects = corpus.objects();
            String ssa = cluster.supportsServerSideApply() ? "" : "ServerSideApply=false";
            Application plain = application(repo.url(), ns, "[" + ssa + "]");
            Application outOfSyncOnly = application(repo.url(), ns,
                    "[" + (ssa.isEmpty() ? "" : ssa + ", ") + "ApplyOutOfSyncOnly=true]");
            List<Row> rows = new ArrayList<>();
            String tool = "gitops engine, in-process (warm JVM)";
            try (GitOpsEngine engine = GitOpsEngine.builder().workDir(work.resolve("engine"))
                    .stateStore(new FileStateStore(work.resolve("state")))
                    .connection(cluster.connection())
                    .log(env.log()).build()) {
                env.progress("  " + count + " objects in " + files + " files; syncing to " + cluster.description());
                Samples full = sampler.measure(Scenario.timed(FULL, () -> engine.sync(plain,
                        SyncRequest.manual("bench"), env.log())).withBefore(() -> cluster.deleteAll(objects))
                        .withCheck(r -> verify((SyncOutcome) r, count, FULL)));
                rows.add(Row.of(FULL, tool, full, "Git fetch (nothing new) + render + compare + dry run of all "
                        + count + " + 3 waves with health gates; objects deleted (untimed) before each iteration"));
                Samples resync = sampler.measure(Scenario.timed(RESYNC, () -> engine.sync(plain,
                        SyncRequest.manual("bench"), env.log())).withCheck(r -> verify((SyncOutcome) r, count, RESYNC)));
                rows.add(Row.of(RESYNC, tool, resync, "all " + count + " applied again (client or server side, as set up)"));
                int[] writesBefore = new int[1];
                Samples oos = sampler.measure(Scenario.timed(RESYNC_OOS, () -> engine.sync(outOfSyncOnly,
                        SyncRequest.manual("bench"), env.log()))
                        .withBefore(() -> writesBefore[0] = cluster.writes().orElse(0))
                        .withCheck(r -> verifyNothingApplied((SyncOutcome) r, cluster, writesBefore[0])));
                rows.add(Row.of(RESYNC_OOS, tool, oos, "compare finds all Synced: nothing applied"
                        + (cluster.writes().isPresent() ? " (checked: the mock saw no write)" : "")));
                rows.addAll(kubectl(env, cluster, manifests, work, objects));
            }
            return new BenchmarkReport(id(), "Sync " + count + " resources (issue \"Sync engine\")",
                    setup(cluster, count, files, warmup, iterations), rows, notes(cluster, count));
        }
    }

    private static List<Row> kubectl(BenchEnvironment env, EngineCluster cluster, Path manifests, Path work,
            List<KubeObject> objects) {
        String tool = "kubectl apply --server-side -R -f (reference)";
        List<String> command = List.of("kubectl", "--kubeconfig", cluster.kubeconfig().toString(), "apply",
                "--server-side", "--force-conflicts", "-R", "-f", manifests.toString());
        Path out = work.resolve("kubectl-apply.out");
        ProcessSpec full = new ProcessSpec("kubectl apply --server-side (empty namespace)", command, work, Map.of(),
                out, null, () -> cluster.deleteAll(objects));
        ProcessSpec again = new ProcessSpec("kubectl apply --server-side (nothing changed)", command, work, Map.of(),
                out, null, null);
        String unmeasured = cluster.supportsServerSideApply() ? null : UNMEASURABLE;
        return List.of(
                Row.of(FULL, tool, env.processSampler().measure(full), "no dry-run pass, no waves, no health "
                        + "gates; objects deleted (untimed) before each run", unmeasured),
                Row.of(RESYNC, tool, env.processSampler().measure(again), "the server compares and skips "
                        + "no-op patches", unmeasured));
    }

    /** Deployments without replicas (nothing to schedule on a real cluster) and a sync wave per kind. */
    private static KubeObject prepared(KubeObject o) {
        ObjectNode copy = o.mutableCopy();
        if (o.kind().equals("Deployment")) {
            ((ObjectNode) copy.get("spec")).put("replicas", 0);
        }
        ((ObjectNode) copy.get("metadata")).with("annotations").put("argocd.argoproj.io/sync-wave", WAVES.get(o.kind()));
        return new KubeObject(copy, o.source());
    }

    private static Application application(String repoURL, String namespace, String syncOptions) {
        return ArgoDocuments.parseApplication(BenchApplications.yaml(APP, repoURL, "app", true, namespace,
                "syncOptions: " + syncOptions), "bench/" + APP + ".yaml");
    }

    private static void verify(SyncOutcome outcome, int count, String scenario) {
        long synced = outcome.resources().stream().filter(r -> "Synced".equals(r.status())).count();
        if (!outcome.succeeded() || synced != count) {
            throw new BenchmarkFailure(scenario + ": phase " + outcome.phase() + " (" + outcome.message() + "), "
                    + synced + " of " + count + " resources Synced");
        }
    }

    private static void verifyNothingApplied(SyncOutcome outcome, EngineCluster cluster, int writesBefore) {
        if (!outcome.succeeded() || !outcome.resources().isEmpty()) {
            throw new BenchmarkFailure(RESYNC_OOS + ": phase " + outcome.phase() + " (" + outcome.message() + "), "
                    + outcome.resources().size() + " resources touched, expected none");
        }
        int writes = cluster.writes().orElse(writesBefore) - writesBefore;
        if (writes != 0) {
            throw new BenchmarkFailure(RESYNC_OOS + ": the mock saw " + writes + " writes, expected none");
        }
    }

    private static List<String> setup(EngineCluster cluster, int count, int files, int warmup, int iterations) {
        String apply = cluster.supportsServerSideApply() ? "server-side apply (field manager `gitops-sync`)"
                : "client-side apply (`ServerSideApply=false`: the mock answers 415 to server-side apply)";
        return List.of(
                "Data: " + count + " objects (Deployments with `replicas: 0`, Services, ConfigMaps; the render "
                        + "benchmark's generator) in " + files + " files of a directory application in a bare "
                        + "repository served by `git http-backend` over smart HTTP on loopback. Sync waves: "
                        + "ConfigMaps -1, Deployments 0, Services 1, so the sync waits for all Deployments to be "
                        + "healthy before it applies the Services.",
                "API server: " + cluster.description() + ". "
                        + (cluster.supportsServerSideApply() ? "" : "**The fake controllers run in the background "
                        + "during every scenario**: they write each new Deployment's rolled-out status, which is "
                        + "what lets the health gate between waves pass; their polling (every "
                        + EngineCluster.FAKE_CONTROLLER_MILLIS + " ms, listing all Deployments) competes for the "
                        + "CPUs and adds up to one period to the gate. "),
                "Our side: `GitOpsEngine.sync` with " + apply + ", the product's default poll interval (2 s; a "
                        + "wave of 8 or more objects of a kind is watched, so its gate opens on the change itself); "
                        + warmup + " warm-up iteration(s) (`--set sync-500.warmup=N`: with one or three the JIT still "
                        + "compiles hundreds of methods a sync) and " + iterations + " measured ones per scenario "
                        + "(`--set sync-500.iterations=N`): "
                        + "a sync takes seconds, the harness defaults would take minutes. A full sync is one fetch "
                        + "(nothing new), render, compare, a dry run of every object, then the waves.");
    }

    private static List<String> notes(EngineCluster cluster, int count) {
        List<String> notes = new ArrayList<>();
        notes.add("Every engine iteration is checked: phase Succeeded and all " + count + " resources Synced "
                + "(full and re-sync), or nothing applied (ApplyOutOfSyncOnly).");
        notes.add("kubectl applies everything in one pass without a dry run, waves or health checks, so its rows "
                + "are the floor of the API-server work, not the same operation.");
        if (!cluster.supportsServerSideApply()) {
            notes.add("Against the mock every request is in-process on loopback with no admission, defaulting or "
                    + "etcd: the engine rows measure the engine's own overhead plus HTTP round trips.");
        }
        return notes;
    }
}
