package io.jenkins.plugins.gitops.bench.jsonnet;

import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.ProcessSamples;
import io.jenkins.plugins.gitops.bench.measure.ProcessSpec;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Scenario;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.render.ManifestGenerator;
import io.jenkins.plugins.gitops.engine.render.RenderRequest;
import io.jenkins.plugins.gitops.engine.render.RenderSettings;
import io.jenkins.plugins.gitops.engine.render.RenderedManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rendering a Jsonnet directory application of {@code jsonnet.files} (default {@value #DEFAULT_FILES}) files, each
 * importing a shared library through {@code directory.jsonnet.libs} and taking an extVar and a TLA, and producing
 * three objects. Ours: {@code ManifestGenerator} (sjsonnet in-process) without a render cache, i.e. every file
 * evaluated each time. Reference: the {@code jsonnet} CLI (Debian's C++ jsonnet) evaluating one file that imports all
 * of them, when it is installed.
 */
public final class JsonnetBenchmark implements Benchmark {

    static final int DEFAULT_FILES = 200;
    static final String NAMESPACE = "bench";

    @Override
    public String id() {
        return "jsonnet";
    }

    @Override
    public String description() {
        return "render a 200-file Jsonnet directory app with sjsonnet in-process, next to the jsonnet CLI";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int files = env.options().intParameter(id(), "files", DEFAULT_FILES);
        Path repo = env.workDir(id()).resolve("repo");
        writeCorpus(repo, files);
        Application app = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: bench-jsonnet, namespace: argocd}
                spec:
                  source:
                    repoURL: https://git.example.com/bench.git
                    targetRevision: main
                    path: app
                    directory:
                      jsonnet:
                        libs: [vendor]
                        extVars: [{name: env, value: prod}]
                        tlas: [{name: replicas, value: "2", code: true}]
                  destination: {server: https://kubernetes.default.svc, namespace: bench}
                """, "bench/jsonnet.yaml");
        ManifestGenerator generator = new ManifestGenerator(RenderSettings.defaults(), null, null);
        RenderRequest request = RenderRequest.of(repo, app, "0123456789abcdef0123456789abcdef01234567");
        int expected = files * 3;
        Samples ours = env.sampler().measure(Scenario.timed("render", () -> generator.render(request))
                .withCheck(r -> {
                    RenderedManifests m = (RenderedManifests) r;
                    if (m.size() != expected || !m.objects().get(0).namespace().equals(NAMESPACE)) {
                        throw new BenchmarkFailure("rendered " + m.size() + " objects, expected " + expected);
                    }
                }));
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("evaluate " + files + " .jsonnet files, parse " + expected + " objects",
                "gitops engine (sjsonnet 0.4.9), in-process (warm JVM)", ours,
                "no render cache: every iteration evaluates every file (a new interpreter per file, as Argo CD "
                        + "makes a VM per file)"));
        rows.add(cliRow(env, repo, files, expected));
        return new BenchmarkReport(id(), "Render a " + files + "-file Jsonnet app (issue \"Every source\")",
                List.of("Data: " + files + " files `app/svc-NNN.jsonnet`, each a function of a TLA `replicas` that "
                        + "reads an extVar `env` and imports `vendor/k.libsonnet` (library path `vendor`), returning "
                        + "an array of a Deployment, a Service and a ConfigMap: " + expected + " objects. Rendered "
                        + "from a tree on disk (Git is measured by the render benchmark)."),
                rows,
                List.of("The CLI row evaluates one generated `all.jsonnet` importing every file (one process, "
                        + "Jsonnet's own import cache); ours evaluates each file on its own, as Argo CD does, and "
                        + "also parses the output into objects and sets namespaces."));
    }

    private static Row cliRow(BenchEnvironment env, Path repo, int files, int expected) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/jsonnet"))) {
            return Row.notRun("evaluate the same files", "jsonnet CLI (reference)",
                    "jsonnet is not installed (Debian package `jsonnet`)");
        }
        StringBuilder all = new StringBuilder("std.flattenArrays([\n");
        for (int i = 0; i < files; i++) {
            all.append(String.format("  (import 'svc-%03d.jsonnet')(replicas=2),%n", i));
        }
        all.append("])\n");
        Path driver = Files.writeString(repo.resolve("app/all.jsonnet.cli"), all);
        Path out = repo.getParent().resolve("jsonnet-cli.out");
        ProcessSpec spec = new ProcessSpec("jsonnet", List.of("/usr/bin/jsonnet", "-J", "vendor", "--ext-str",
                "env=prod", driver.toString()), repo, Map.of(), out, null, null);
        ProcessSamples samples = env.processSampler().measure(spec);
        if (samples.measured()) {
            String json = Files.readString(out);
            int kinds = json.split("\"kind\":").length - 1;
            if (kinds != expected) {
                throw new BenchmarkFailure("jsonnet printed " + kinds + " objects, expected " + expected);
            }
        }
        return Row.of("evaluate the same files in one process", "jsonnet CLI v0.18 (C++, reference)", samples,
                "one all-importing file; output to a file", null);
    }

    static void writeCorpus(Path repo, int files) throws IOException {
        Files.createDirectories(repo.resolve("app"));
        Files.createDirectories(repo.resolve("vendor"));
        Files.writeString(repo.resolve("vendor/k.libsonnet"), """
                {
                  labels(name):: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'bench' },
                  deployment(name, replicas, env):: {
                    apiVersion: 'apps/v1', kind: 'Deployment',
                    metadata: { name: name, labels: $.labels(name) },
                    spec: {
                      replicas: replicas,
                      selector: { matchLabels: $.labels(name) },
                      template: {
                        metadata: { labels: $.labels(name) },
                        spec: { containers: [{ name: name, image: 'nginx:1.27', env: [{ name: 'ENV', value: env }] }] },
                      },
                    },
                  },
                  service(name):: {
                    apiVersion: 'v1', kind: 'Service',
                    metadata: { name: name, labels: $.labels(name) },
                    spec: { selector: $.labels(name), ports: [{ port: 80, targetPort: 8080 }] },
                  },
                  config(name, env):: {
                    apiVersion: 'v1', kind: 'ConfigMap',
                    metadata: { name: name + '-config', labels: $.labels(name) },
                    data: { ['KEY_' + i]: env + '-' + i for i in std.range(1, 20) },
                  },
                }
                """);
        for (int i = 0; i < files; i++) {
            String name = String.format("svc-%03d", i);
            Files.writeString(repo.resolve("app/" + name + ".jsonnet"), """
                    local k = import 'k.libsonnet';
                    function(replicas=1)
                      local env = std.extVar('env');
                      [k.deployment('%1$s', replicas, env), k.service('%1$s'), k.config('%1$s', env)]
                    """.formatted(name));
        }
    }
}
