package io.jenkins.plugins.gitops.bench.helmrepo;

import com.marcnuri.helm.Helm;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.BenchMain;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Scenario;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.render.ManifestGenerator;
import io.jenkins.plugins.gitops.engine.render.RenderCache;
import io.jenkins.plugins.gitops.engine.render.RenderRequest;
import io.jenkins.plugins.gitops.engine.render.RenderSettings;
import io.jenkins.plugins.gitops.engine.render.RenderedManifests;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.source.helm.HelmAuth;
import io.jenkins.plugins.gitops.engine.source.helm.HelmCharts;
import io.jenkins.plugins.gitops.engine.testing.ChartRepositoryServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart of {@code helmrepo.templates} templates (default {@value #DEFAULT_TEMPLATES}, each a Deployment, Service and
 * ConfigMap) published in a chart repository with basic auth on loopback ({@link ChartRepositoryServer}, packaged by
 * helm-java), rendered by the engine's path for {@code spec.source.chart} ({@link HelmCharts} then
 * {@link ManifestGenerator}) cold and cached, and by helm-java's {@code helm template} of the unpacked chart.
 */
public final class HelmRepoBenchmark implements Benchmark {

    static final int DEFAULT_TEMPLATES = 50;
    private static final String ENGINE = "gitops engine, in-process (warm JVM)";

    @Override
    public String id() {
        return "helmrepo";
    }

    @Override
    public String description() {
        return "render a chart from a Helm chart repository on loopback, cold and cached, next to helm template";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int templates = env.options().intParameter(id(), "templates", DEFAULT_TEMPLATES);
        int objects = templates * 3;
        Path work = env.workDir(id());
        try (ChartRepositoryServer server = ChartRepositoryServer.http(work.resolve("server"), "bench", "bench-pw")) {
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 0; i < templates; i++) {
                files.put("svc-" + i + ".yaml", template(i));
            }
            server.publish(work.resolve("src"), "bench-app", "1.4.2", files, null);
            server.publish(work.resolve("src"), "bench-app", "1.3.0", files, null);
            Application app = ArgoDocuments.parseApplication("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata: {name: bench-helm}
                    spec:
                      source: {repoURL: %s, chart: bench-app, targetRevision: 1.x, helm: {valuesObject: {replicas: 2}}}
                      destination: {server: https://kubernetes.default.svc, namespace: bench}
                    """.formatted(server.url()), "bench.yaml");

            List<Row> rows = new ArrayList<>();
            Path coldCache = work.resolve("cold-cache");
            Samples cold = env.sampler().measure(Scenario.timed("cold", () -> render(
                    charts(coldCache, server), app, RefreshCycle.begin(), null, objects))
                    .withBefore(() -> BenchMain.deleteTree(coldCache)).withCheck(r -> expect(r, objects)));
            rows.add(Row.of("cold: index.yaml + download + verify digest + unpack + helm template", ENGINE, cold,
                    "new chart cache directory every iteration"));

            HelmCharts warm = charts(work.resolve("warm-cache"), server);
            render(warm, app, RefreshCycle.begin(), null, objects);
            Samples chartCached = env.sampler().measure(Scenario.timed("chart cached", () -> render(warm, app,
                    RefreshCycle.begin(), null, objects)).withCheck(r -> expect(r, objects)));
            rows.add(Row.of("new refresh cycle: index.yaml re-read, archive from the cache, helm template", ENGINE,
                    chartCached, "what every refresh of a constraint (1.x) pays when nothing was published"));

            RenderCache cache = new RenderCache(16, 64L * 1024 * 1024);
            RefreshCycle cycle = RefreshCycle.begin();
            render(warm, app, cycle, cache, objects);
            long downloads = warm.downloads();
            Samples allCached = env.sampler().measure(Scenario.timed("all cached", () -> render(warm, app, cycle,
                    cache, objects)).withCheck(r -> {
                        expect(r, objects);
                        if (warm.downloads() != downloads) {
                            throw new BenchmarkFailure("the cached iteration downloaded the chart");
                        }
                    }));
            rows.add(Row.of("same cycle: index cached, render cache hit", ENGINE, allCached,
                    "a second application or a sync right after the comparison"));

            Path unpacked = warm.tree(warm.resolve(server.url(), "bench-app", "1.4.2", null));
            Samples helm = env.sampler().measure(Scenario.timed("helm template", () -> new Helm(unpacked).template()
                    .withName("bench-helm").withNamespace("bench").set("replicas", "2").call())
                    .withCheck(out -> {
                        long docs = ((String) out).lines().filter(l -> l.startsWith("kind:")).count();
                        if (docs != objects) {
                            throw new BenchmarkFailure("helm template printed " + docs + " objects, expected " + objects);
                        }
                    }));
            rows.add(Row.of("template the unpacked chart (no repository, no parsing)", "helm-java helm template "
                    + "(reference)", helm, "the embedded Helm alone: the floor of the uncached rows"));
            return new BenchmarkReport(id(), "Render a chart from a Helm repository (issue 11)", List.of(
                    "Data: chart `bench-app` 1.4.2 (and 1.3.0) with " + templates + " templates, each a Deployment, a "
                            + "Service and a ConfigMap (" + objects + " objects), packaged by helm-java and served "
                            + "with `index.yaml` by a JDK HTTP server on loopback behind basic auth (the engine's "
                            + "ChartRepositoryServer test fixture).",
                    "Application: `chart: bench-app`, `targetRevision: 1.x` (resolves to 1.4.2), a `valuesObject`, "
                            + "destination namespace `bench`. Engine path: `HelmCharts.resolve` + `tree` then "
                            + "`ManifestGenerator.render` (copy the chart, helm-java template, parse, namespaces)."),
                    rows, List.of("Every iteration checks the object count and, where cached, that nothing was "
                            + "downloaded again."));
        }
    }

    private static HelmCharts charts(Path dir, ChartRepositoryServer server) {
        return new HelmCharts(dir, url -> new HelmAuth("bench", "bench-pw", ""), Duration.ofSeconds(30));
    }

    private static RenderedManifests render(HelmCharts charts, Application app, RefreshCycle cycle, RenderCache cache,
            int objects) {
        HelmCharts.ResolvedChart chart = charts.resolve(app.source().repoURL(), app.source().chart(),
                app.source().targetRevision(), cycle);
        ManifestGenerator generator = new ManifestGenerator(RenderSettings.defaults(), cache, null,
                (r, c, v) -> charts.archive(charts.resolve(r, c, v, cycle)));
        return generator.render(new RenderRequest(charts.tree(chart), app, app.source().withPath(""), chart.version(),
                Map.of()));
    }

    private static void expect(Object result, int objects) {
        RenderedManifests m = (RenderedManifests) result;
        if (m.size() != objects || !m.revision().equals("1.4.2")) {
            throw new BenchmarkFailure("rendered " + m.size() + " objects at " + m.revision() + ", expected "
                    + objects + " at 1.4.2");
        }
    }

    private static String template(int i) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: svc-%1$d, labels: {app: svc-%1$d, release: {{ .Release.Name }}}}
                spec:
                  replicas: {{ .Values.replicas | default 1 }}
                  selector: {matchLabels: {app: svc-%1$d}}
                  template:
                    metadata: {labels: {app: svc-%1$d}}
                    spec:
                      containers:
                      - name: app
                        image: "registry.example.com/svc-%1$d:{{ .Chart.Version }}"
                        ports: [{containerPort: 8080}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: svc-%1$d}
                spec: {selector: {app: svc-%1$d}, ports: [{port: 80, targetPort: 8080}]}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: svc-%1$d-config}
                data: {greeting: {{ .Values.greeting | quote }}, index: "%1$d"}
                """.formatted(i);
    }
}
