package io.jenkins.plugins.gitops.bench.render;

import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.BenchMain;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.ProcessSamples;
import io.jenkins.plugins.gitops.bench.measure.ProcessSpec;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Scenario;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.bench.report.Units;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.render.RenderedManifests;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issue "Foundation": rendering a large directory application from Git. Parameters: {@code render.manifests}
 * (objects, default {@value #DEFAULT_MANIFESTS}) and {@code render.teams} (directories, default {@value #DEFAULT_TEAMS}).
 */
public final class RenderBenchmark implements Benchmark {

    static final String APP = "bench-render";
    static final String NAMESPACE = "bench";
    static final String APP_PATH = "app";
    static final int DEFAULT_MANIFESTS = 5000;
    static final int DEFAULT_TEAMS = 20;

    private static final String IN_PROCESS = "gitops engine, in-process (warm JVM)";
    private static final String FRESH_JVM = "gitops engine, fresh JVM";
    private static final String COLD = "cold: clone + resolve + materialise + render";

    @Override
    public String id() {
        return "render";
    }

    @Override
    public String description() {
        return "render a directory app of thousands of manifests from a Git server on loopback, next to kubectl kustomize";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int count = env.options().intParameter(id(), "manifests", DEFAULT_MANIFESTS);
        int teams = env.options().intParameter(id(), "teams", DEFAULT_TEAMS);
        Path work = env.workDir(id());
        ManifestCorpus corpus = ManifestCorpus.generate(count, teams, null);
        try (GitHttpServer server = GitHttpServer.start(work.resolve("git-server"))) {
            env.progress("  writing " + count + " manifests and committing them");
            TestRepo repo = TestRepos.create(server, "platform", work.resolve("checkout"));
            Path appDir = repo.workDir().resolve(APP_PATH);
            int files = corpus.writeTo(appDir);
            repo.write("README.md", "Benchmark repository: " + count + " manifests below " + APP_PATH + "/\n");
            String sha = repo.commit("add " + count + " manifests");
            Path kustomizeRoot = KustomizeTree.copy(appDir, work.resolve("kustomize"),
                    corpus.files().stream().map(ManifestCorpus.ManifestFile::path).toList());
            Application app = BenchApplications.directoryApp(APP, repo.url(), APP_PATH, NAMESPACE);

            List<Row> rows = new ArrayList<>();
            rows.add(Row.of(COLD, IN_PROCESS, measureCold(env, app, work.resolve("cold-cache"), count),
                    "new GitRepositoryCache and RenderCache every iteration"));
            rows.add(freshJvmRow(env, repo.url(), work, count));
            rows.addAll(measureWarm(env, app, work.resolve("warm-cache"), count));
            rows.add(kustomizeRow(env, kustomizeRoot, work, count));
            return new BenchmarkReport(id(), "Render " + count + " manifests (issue \"Foundation\")",
                    setup(corpus, files, appDir, sha, server.baseUrl()), rows, notes());
        }
    }

    private static Samples measureCold(BenchEnvironment env, Application app, Path cacheDir, int count) {
        return env.sampler().measure(Scenario.timed(COLD, () -> {
            try (RenderPipeline pipeline = new RenderPipeline(cacheDir, app, env.log())) {
                return pipeline.fetchAndRender();
            }
        }).withBefore(() -> BenchMain.deleteTree(cacheDir)).withCheck(r -> expectCount(r, count)));
    }

    private static List<Row> measureWarm(BenchEnvironment env, Application app, Path cacheDir, int count) {
        try (RenderPipeline pipeline = new RenderPipeline(cacheDir, app, env.log())) {
            expectCount(pipeline.fetchAndRender(), count); // clone and fill the render cache, untimed
            long[] seen = {pipeline.renderCache().hits(), pipeline.fetchCount()};
            Samples fetch = env.sampler().measure(Scenario.timed("warm: fetch + resolve + render (cache hit)",
                    pipeline::fetchAndRender).withCheck(r -> {
                        expectCount(r, count);
                        if (pipeline.renderCache().hits() <= seen[0] || pipeline.fetchCount() <= seen[1]) {
                            throw new BenchmarkFailure("warm iteration did not fetch and hit the render cache");
                        }
                        seen[0] = pipeline.renderCache().hits();
                        seen[1] = pipeline.fetchCount();
                    }));
            Samples parse = env.sampler().measure(Scenario.timed("warm, render cache cleared",
                    pipeline::renderResolved).withBefore(pipeline.renderCache()::clear).withCheck(r -> expectCount(r, count)));
            return List.of(
                    Row.of("warm: fetch (nothing new) + resolve + render (render cache hit)", IN_PROCESS, fetch,
                            "one real fetch per iteration (ref advertisement, no pack)"),
                    Row.of("warm, render cache cleared: materialised tree present, parse " + count + " objects",
                            IN_PROCESS, parse, "the parse cost; compare with kubectl kustomize below"));
        }
    }

    private static Row freshJvmRow(BenchEnvironment env, String url, Path work, int count) {
        Path cache = work.resolve("child-cache");
        ProcessSpec spec = env.freshJvm(COLD + ", fresh JVM", RenderOnce.NAME,
                List.of(url, APP_PATH, cache.toString(), Integer.toString(count)), work.resolve("render-child.out"))
                .withBefore(() -> BenchMain.deleteTree(cache));
        ProcessSamples samples = env.processSampler().measure(spec);
        return Row.of(COLD, FRESH_JVM, samples, "JVM start-up and JIT warm-up included, default JVM options", null);
    }

    private static Row kustomizeRow(BenchEnvironment env, Path root, Path work, int count) throws IOException {
        Path out = work.resolve("kustomize.out");
        ProcessSpec spec = new ProcessSpec("kubectl kustomize", List.of("kubectl", "kustomize", root.toString()), work,
                Map.of(), out, null, null);
        ProcessSamples samples = env.processSampler().measure(spec);
        if (samples.measured()) {
            int docs = KustomizeTree.countDocuments(out);
            if (docs != count) {
                throw new BenchmarkFailure("kubectl kustomize printed " + docs + " documents, expected " + count);
            }
        }
        return Row.of("build the same files from a working copy on disk", "kubectl kustomize (reference)", samples,
                "copy of the tree plus a kustomization.yaml listing every file; output to a file", null);
    }

    private static void expectCount(Object result, int count) {
        RenderedManifests m = (RenderedManifests) result;
        if (m.size() != count) {
            throw new BenchmarkFailure("rendered " + m.size() + " objects, expected " + count);
        }
        if (!m.objects().get(0).namespace().equals(NAMESPACE)) {
            throw new BenchmarkFailure("destination namespace was not applied: " + m.objects().get(0).key());
        }
    }

    private static List<String> setup(ManifestCorpus corpus, int files, Path appDir, String sha, String serverUrl)
            throws IOException {
        Map<String, Long> kinds = corpus.objects().stream()
                .collect(Collectors.groupingBy(KubeObject::kind, TreeMap::new, Collectors.counting()));
        long bytes;
        try (Stream<Path> walk = Files.walk(appDir)) {
            bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        String kindList = kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + "s")
                .collect(Collectors.joining(", "));
        return List.of(
                "Data: " + corpus.objectCount() + " objects (" + kindList + ") in " + files + " YAML files ("
                        + Units.mib(bytes) + ") below `" + APP_PATH + "/team-NN/`: half of the services bundle their "
                        + "Deployment, Service and ConfigMap in one three-document file, the other half have one file "
                        + "per object. One commit (`" + sha.substring(0, 12) + "`) in a bare repository served by `git "
                        + "http-backend` over smart HTTP on loopback (`" + serverUrl + "`, the engine's GitHttpServer "
                        + "test fixture).",
                "Application: directory source, `recurse: true`, destination namespace `" + NAMESPACE + "`. The "
                        + "engine path is the reconciler's: `GitRepositoryCache.resolve` (fetch, or clone into a new "
                        + "bare mirror) then `materialize` (check the commit out into a read-only tree) then "
                        + "`ManifestGenerator.render` (parse, set namespaces, check duplicates) with a `RenderCache`.");
    }

    private static List<String> notes() {
        return List.of(
                "In-process rows run in one long-lived JVM, as the Jenkins controller does; the fresh-JVM row is what "
                        + "a one-shot command-line render pays (JVM start-up, class loading and interpretation "
                        + "included).",
                "`kubectl kustomize` reads a working copy and never touches Git, so the like-for-like pairs are: the "
                        + "parse row vs kustomize for steady-state cost, and the fresh-JVM cold row vs kustomize for a "
                        + "one-shot command (ours also clones).",
                "`kubectl kustomize`'s time grows faster than linearly with the number of resources it accumulates "
                        + "(try `--set render.manifests=1000`); at this size one run exceeds the per-command time "
                        + "budget, so it is run once.",
                "Every iteration checks the object count and the destination namespace; the warm iteration also "
                        + "checks that it fetched and hit the render cache; the kustomize output is counted.");
    }
}
