package io.jenkins.plugins.gitops.bench.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.HeapProbe;
import io.jenkins.plugins.gitops.bench.measure.ProcessSamples;
import io.jenkins.plugins.gitops.bench.measure.ProcessSpec;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Scenario;
import io.jenkins.plugins.gitops.bench.render.ManifestCorpus;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.bench.report.Units;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveSnapshot;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCache;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveStateLister;
import io.jenkins.plugins.gitops.engine.cluster.live.ResourceTracking;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue "Compare": an application of {@value #DEFAULT_RESOURCES} resources (parameter {@code compare.resources}) that
 * is in sync, compared by the engine warm (informers) and cold (one-shot listing), next to
 * {@code kubectl diff --server-side}.
 */
public final class CompareBenchmark implements Benchmark {

    static final String APP = "bench-compare";
    static final int DEFAULT_RESOURCES = 500;
    private static final int TEAMS = 5;
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);
    private static final String SCENARIO_ONE_SHOT = "one-shot command: read the files, list, diff, health";
    private static final String UNMEASURABLE = "not measurable against the mock server (no server-side apply, and no "
            + "API discovery for kubectl); run against a real API server (a kind or minikube cluster, or a "
            + "kube-apiserver started by kube-api-test) with `bench/run.sh --kubeconfig FILE`";

    @Override
    public String id() {
        return "compare";
    }

    @Override
    public String description() {
        return "compare an in-sync app of hundreds of resources with the live state, next to kubectl diff --server-side";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int count = env.options().intParameter(id(), "resources", DEFAULT_RESOURCES);
        Path work = env.workDir(id());
        try (ClusterTarget cluster = env.options().kubeconfig().isPresent()
                ? new KubeconfigCluster(env.options().kubeconfig().get(), env.log()) : new MockCluster(work)) {
            String ns = cluster.namespace();
            ResourceTracking tracking = ResourceTracking.of(TrackingMethod.Annotation);
            ManifestCorpus corpus = ManifestCorpus.generate(count, TEAMS, ns)
                    .map(o -> tracking.stamp(APP, scaledToZero(o), ns));
            Path manifests = work.resolve("manifests");
            corpus.writeTo(manifests);
            Comparison comparison = new Comparison(APP, corpus.objects(), ns);
            env.progress("  creating " + count + " objects on " + cluster.description());
            cluster.apply(comparison.desired());

            List<Row> rows = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            rows.addAll(measureWarm(env, cluster, comparison, count, notes));
            Samples cold = env.sampler().measure(Scenario.timed("cold LiveStateLister",
                    () -> comparison.against(new LiveStateLister(cluster.client(), env.log(), comparison.kinds())))
                    .withCheck(r -> Comparison.verify(r, count)));
            rows.add(Row.of("cold: list " + comparison.kinds().size() + " kinds + diff + health",
                    "gitops engine, LiveStateLister (in-process)", cold, "new lister per iteration, client reused"));
            ProcessSpec child = env.freshJvm(SCENARIO_ONE_SHOT, CompareOnce.NAME, List.of(cluster.kubeconfig().toString(),
                    manifests.toString(), APP, ns, Integer.toString(count)), work.resolve("compare-child.out"));
            rows.add(Row.of(SCENARIO_ONE_SHOT, "gitops engine, fresh JVM", env.processSampler().measure(child),
                    "render the directory, LiveStateLister, diff, health; JVM start-up included", null));
            rows.addAll(cliDiff(env, cluster, manifests, work));
            rows.add(kubectlDiff(env, cluster, manifests, work));
            notes.add("Every iteration checks a complete snapshot with all " + count + " objects live, one diff per "
                    + "object, none missing and none to prune.");
            return new BenchmarkReport(id(), "Compare " + count + " resources, nothing changed (issue \"Compare\")",
                    setup(cluster, corpus, count), rows, notes);
        }
    }

    private static List<Row> measureWarm(BenchEnvironment env, ClusterTarget cluster, Comparison comparison, int count,
            List<String> notes) throws InterruptedException {
        long before = HeapProbe.usedAfterGc();
        try (LiveStateCache cache = new LiveStateCache(cluster.client(), env.log())) {
            cache.setInterest(APP, comparison.kinds());
            if (!cache.awaitSynced(SYNC_TIMEOUT)) {
                throw new BenchmarkFailure("informers did not sync within " + SYNC_TIMEOUT + ": " + cache.problems());
            }
            long informers = HeapProbe.usedAfterGc() - before;
            Samples warm = env.sampler().measure(Scenario.timed("warm LiveStateCache", () -> comparison.against(cache))
                    .withCheck(r -> Comparison.verify(r, count)));
            Samples snapshot = env.sampler().measure(Scenario.timed("warm snapshot only",
                    () -> cache.snapshot(APP, TrackingMethod.Annotation)).withCheck(r -> {
                        LiveSnapshot s = (LiveSnapshot) r;
                        if (!s.complete() || s.objects().size() != count) {
                            throw new BenchmarkFailure("snapshot of " + s.objects().size() + " objects, complete="
                                    + s.complete() + ", expected " + count);
                        }
                    }));
            Comparison.Outcome outcome = comparison.against(cache);
            notes.add("Result of every engine comparison: " + Comparison.summary(outcome) + ".");
            notes.add("The warm cache watches " + cache.watchedKinds() + "; its informer stores hold "
                    + Units.mib(Math.max(0, informers)) + " of heap (after GC) for the " + count + " objects, not "
                    + "counted in the warm row's retained figure.");
            String tool = "gitops engine, LiveStateCache (in-process)";
            return List.of(Row.of("warm: snapshot + diff + health (informers synced)", tool, warm,
                            "what the controller does on every refresh"),
                    Row.of("warm: snapshot only (breakdown of the row above)", tool, snapshot,
                            "informer stores to KubeObjects; the rest of the warm row is AppDiff + AppHealth"));
        }
    }

    /**
     * The shipped command, {@code gitops diff -f APP --local DIR}, in a fresh JVM: as the launcher starts it
     * ({@code cli/target/gitops}: class-data-sharing archive, C1 only, serial GC) and as a plain {@code java -jar}.
     * It does what a user's diff does: discovery, the scan for tracked kinds of every served kind (metadata only),
     * the listing of the kinds found, diff and health. Skipped with a note when the CLI is not built.
     */
    private static List<Row> cliDiff(BenchEnvironment env, ClusterTarget cluster, Path manifests, Path work)
            throws java.io.IOException {
        Path launcher = Path.of("cli", "target", "gitops").toAbsolutePath();
        Path jar = launcher.resolveSibling("gitops.jar");
        String tool = "gitops diff (CLI)";
        if (!Files.isRegularFile(jar) || !Files.isExecutable(launcher)) {
            return List.of(Row.notRun(SCENARIO_ONE_SHOT, tool, "not built: run `mvn -B -q -DskipPlugin -DskipTests "
                    + "package` first"));
        }
        Path app = work.resolve("cli-app.yaml");
        Files.writeString(app, """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                spec:
                  project: default
                  source: {repoURL: https://git.invalid/bench.git, path: ., targetRevision: HEAD, directory: {recurse: true}}
                  destination: {server: https://kubernetes.default.svc, namespace: %s}
                """.formatted(APP, cluster.namespace()));
        List<String> args = List.of("diff", "-f", app.toString(), "--local", manifests.toString(), "--kubeconfig",
                cluster.kubeconfig().toString(), "--state-dir", work.resolve("cli-state").toString());
        List<String> viaLauncher = new ArrayList<>(List.of(launcher.toString()));
        viaLauncher.addAll(args);
        List<String> plainJar = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        plainJar.addAll(args);
        boolean archive = Files.isRegularFile(launcher.resolveSibling("gitops.jsa"));
        // exit 0 means in sync: a run that found a difference (exit 1) or failed (exit 2) fails the benchmark
        ProcessSpec fast = new ProcessSpec("gitops diff (launcher)", viaLauncher, work, Map.of(),
                work.resolve("cli-diff.out"), null, null);
        ProcessSpec plain = new ProcessSpec("gitops diff (java -jar)", plainJar, work, Map.of(),
                work.resolve("cli-diff-plain.out"), null, null);
        return List.of(
                Row.of(SCENARIO_ONE_SHOT, "gitops diff, launcher `cli/target/gitops` (fresh JVM)",
                        env.processSampler().measure(fast), (archive ? "class-data-sharing archive gitops.jsa"
                                : "**no gitops.jsa archive**") + ", -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1, -XX:+UseSerialGC; "
                                + "discovery, metadata-only scan of every served kind for tracked objects, list, diff, "
                                + "health; exit 0 (in sync) checked", null),
                Row.of(SCENARIO_ONE_SHOT, "gitops diff, plain `java -jar gitops.jar` (fresh JVM)",
                        env.processSampler().measure(plain), "default JVM options: what the launcher saves", null));
    }

    private static Row kubectlDiff(BenchEnvironment env, ClusterTarget cluster, Path manifests, Path work)
            throws java.io.IOException {
        Path out = work.resolve("kubectl-diff.out");
        ProcessSpec spec = new ProcessSpec("kubectl diff --server-side", List.of("kubectl", "--kubeconfig",
                cluster.kubeconfig().toString(), "diff", "--server-side", "--force-conflicts", "-R", "-f",
                manifests.toString()), work, Map.of(), out, code -> code == 0 || code == 1, null);
        ProcessSamples samples = env.processSampler().measure(spec);
        String notes = "exit 0 (no differences) and 1 (differences) both count as runs";
        if (samples.measured() && Files.size(out) > 0) {
            notes += "; kubectl reported differences (" + Files.readAllLines(out).size() + " diff lines)";
        }
        return Row.of(SCENARIO_ONE_SHOT, "kubectl diff --server-side -R -f (reference)", samples, notes,
                cluster.supportsServerSideApply() ? null : UNMEASURABLE);
    }

    /** Deployments with no replicas: on a real cluster 500 pods pulling an image that does not exist help nobody. */
    private static KubeObject scaledToZero(KubeObject o) {
        if (!o.kind().equals("Deployment")) {
            return o;
        }
        ObjectNode copy = o.mutableCopy();
        ((ObjectNode) copy.get("spec")).put("replicas", 0);
        return new KubeObject(copy, o.source());
    }

    private static List<String> setup(ClusterTarget cluster, ManifestCorpus corpus, int count) {
        String how = cluster.supportsServerSideApply()
                ? "applied with server-side apply (field manager `gitops-sync`)"
                : "created with plain POSTs (the mock has no server-side apply), stored as sent";
        return List.of(
                "Data: " + count + " objects (Deployments with `replicas: 0`, Services, ConfigMaps; the render "
                        + "benchmark's generator) in " + corpus.files().size() + " files, each stamped with its "
                        + "`argocd.argoproj.io/tracking-id` annotation for application `" + APP + "` and " + how
                        + " in namespace `" + cluster.namespace() + "`.",
                "API server: " + cluster.description() + ". A generated kubeconfig points `kubectl` and the "
                        + "fresh JVM at it.",
                "The engine comparison is the controller's: `LiveState.snapshot` (tracked objects, completeness), "
                        + "`AppDiff.compare` (desired stamped with tracking ids vs live) and `AppHealth.assess`. Desired "
                        + "objects are in memory for the in-process rows; the one-shot rows read the files.");
    }
}
