package io.jenkins.plugins.gitops.bench.imageupdate;

import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Scenario;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.imageupdate.AppUpdateResult;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageReference;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdateAnnotations;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdater;
import io.jenkins.plugins.gitops.engine.imageupdate.RegistryCache;
import io.jenkins.plugins.gitops.engine.imageupdate.RegistryClient;
import io.jenkins.plugins.gitops.engine.imageupdate.TagSelection;
import io.jenkins.plugins.gitops.engine.imageupdate.TagSelector;
import io.jenkins.plugins.gitops.engine.imageupdate.TrackedImage;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.source.RepoCredentials;
import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue "Image updater": (1) choosing the newest semver tag among {@code image-update.tags} (default 10,000) tags of one
 * repository; (2) one update cycle over {@code image-update.apps} applications (default 100) tracking
 * {@code image-update.images} images (default 20) with {@code image-update.versions} tags each (default 30) in one
 * registry, for {@code semver} and {@code newest-build}, without and with the cross-cycle {@link RegistryCache}; next to
 * (3) the same registry's tag-list calls alone, the lower bound of any updater. Registry: Debian's docker-registry
 * (distribution 2.8) on loopback, anonymous. Cycles are dry runs (no Git write-back), so they measure the registry
 * and selection work every cycle pays; the Git commit is paid only when a tag actually changes.
 */
public final class ImageUpdateBenchmark implements Benchmark {

    static final int DEFAULT_TAGS = 10_000;
    static final int DEFAULT_APPS = 100;
    static final int DEFAULT_IMAGES = 20;
    static final int DEFAULT_VERSIONS = 30;
    private static final String TOOL = "gitops engine, in-process (warm JVM)";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public String id() {
        return "image-update";
    }

    @Override
    public String description() {
        return "image updater: semver selection over 10,000 tags, and an update cycle of 100 apps x 20 images against "
                + "a real registry (requests counted), next to the tag-list calls alone";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int tagCount = env.options().intParameter(id(), "tags", DEFAULT_TAGS);
        int appCount = env.options().intParameter(id(), "apps", DEFAULT_APPS);
        int imageCount = env.options().intParameter(id(), "images", DEFAULT_IMAGES);
        int versions = env.options().intParameter(id(), "versions", DEFAULT_VERSIONS);
        Path work = env.workDir(id());
        try (TestRegistry registry = TestRegistry.start(work.resolve("registry"))) {
            env.progress("  pushing " + tagCount + " tags of bench/many and " + imageCount + " x " + versions
                    + " images");
            List<String> many = new ArrayList<>();
            for (int i = 0; i < tagCount; i++) {
                many.add((i / 1000) + "." + (i / 100 % 10) + "." + (i % 100));
            }
            registry.pushTags("bench/many", many, T0);
            for (int img = 0; img < imageCount; img++) {
                for (int v = 0; v < versions; v++) {
                    // distinct builds: newest-build needs a config blob (and so a date) per tag
                    registry.push(image(img), "1.0." + v, T0.plusSeconds(3600L * v));
                }
            }
            List<Row> rows = new ArrayList<>();
            rows.addAll(selection(env, registry, tagCount));
            rows.add(tagListsOnly(env, registry, imageCount));
            for (String strategy : List.of("semver", "newest-build")) {
                List<Application> apps = apps(registry, appCount, imageCount, strategy);
                rows.add(cycle(env, registry, apps, imageCount, versions, strategy, null));
                rows.add(cycle(env, registry, apps, imageCount, versions, strategy, new RegistryCache(100_000)));
            }
            List<String> setup = List.of(
                    "Registry: Debian's `docker-registry` (CNCF distribution 2.8, filesystem storage) on loopback at "
                            + registry.url() + ", anonymous; images pushed through its HTTP API (the TestRegistry "
                            + "fixture).",
                    "Tag selection: `bench/many` holds " + tagCount + " semver tags (0.0.0 to " + many.get(many.size() - 1)
                            + ") on one manifest; constraint `<9.5` (so sorting, not the first tag, decides).",
                    "Update cycle: " + appCount + " Applications, application i tracking `bench/img-(i mod " + imageCount
                            + ")` with " + versions + " tags 1.0.0 .. 1.0." + (versions - 1) + " (each a distinct "
                            + "build one hour apart), deployed at 1.0.0; every application gets one change (dry run).");
            List<String> notes = List.of(
                    "Requests are HTTP requests to the registry counted by the RegistryClient (a distribution 2.8 tag "
                            + "list is one request: it ignores `?n=`; registries that page multiply the tag-list "
                            + "line).",
                    "Without the cache, one cycle still lists each repository once and reads each needed manifest "
                            + "and config blob once, however many applications track the image (per-cycle memo).",
                    "With the cross-cycle cache (the plugin keeps one), a steady cycle costs the tag lists plus one "
                            + "HEAD per manifest that must be re-confirmed; manifests by digest and config blobs are "
                            + "never fetched twice. Docker Hub does not count HEAD requests against its pull rate "
                            + "limit.");
            return new BenchmarkReport(id(), "Image updater: tag selection and update cycles (issue \"Image updater\")",
                    setup, rows, notes);
        }
    }

    private static String image(int i) {
        return String.format("bench/img-%02d", i);
    }

    private static List<Row> selection(BenchEnvironment env, TestRegistry registry, int tagCount) {
        Application app = ArgoDocuments.parseApplication(application("sel", registry.host() + "/bench/many:<9.5",
                "semver", "repo"), "sel.yaml");
        TrackedImage image = ImageUpdateAnnotations.read(app).orElseThrow().images().get(0);
        String expected = "9.4.99";
        AtomicInteger requests = new AtomicInteger();
        Samples cold = env.sampler().measure(Scenario.timed("semver selection among " + tagCount + " tags: list + "
                + "select + manifest", () -> {
                    RegistryClient client = new RegistryClient(List.of());
                    TagSelection s = new TagSelector(client).select(image, "0.0.1");
                    requests.set(client.requestCount());
                    return s;
                }).withCheck(s -> expect(((TagSelection) s).newest(), expected)));
        RegistryClient warm = new RegistryClient(List.of());
        new TagSelector(warm).select(image, "0.0.1");
        Samples cpu = env.sampler().measure(Scenario.timed("semver selection among " + tagCount + " tags, answers "
                + "memoised", () -> new TagSelector(warm).select(image, "0.0.1"))
                .withCheck(s -> expect(((TagSelection) s).newest(), expected)));
        return List.of(
                Row.of("semver selection among " + tagCount + " tags: tag list + sort + chosen manifest", TOOL, cold,
                        requests.get() + " registry requests"),
                Row.of("semver selection among " + tagCount + " tags, registry answers memoised (parse, filter, sort)",
                        TOOL, cpu, "0 registry requests: the selection's CPU cost alone"));
    }

    private static Row tagListsOnly(BenchEnvironment env, TestRegistry registry, int imageCount) {
        AtomicInteger requests = new AtomicInteger();
        Samples s = env.sampler().measure(Scenario.timed("tag lists only", () -> {
            RegistryClient client = new RegistryClient(List.of());
            int tags = 0;
            for (int i = 0; i < imageCount; i++) {
                tags += client.tags(ImageReference.parse(registry.host() + "/" + image(i))).size();
            }
            requests.set(client.requestCount());
            return tags;
        }).withCheck(n -> {
            if ((Integer) n == 0) {
                throw new BenchmarkFailure("no tags listed");
            }
        }));
        return Row.of("lower bound: list the tags of the " + imageCount + " repositories, nothing else",
                "RegistryClient.tags only", s, requests.get() + " registry requests");
    }

    private static Row cycle(BenchEnvironment env, TestRegistry registry, List<Application> apps, int imageCount,
            int versions, String strategy, RegistryCache cache) {
        ImageUpdater base = new ImageUpdater(ImageUpdater.Settings.defaults(Path.of("unused"), List.of()),
                url -> RepoCredentials.none(), a -> List.of(registry.host() + "/" + image(Integer.parseInt(
                        a.name().substring(4)) % imageCount) + ":1.0.0"), null, Clock.systemUTC(),
                EngineLog.NONE);
        ImageUpdater updater = cache == null ? base : base.withRegistryCache(cache);
        if (cache != null) {
            runCycle(updater, apps); // fill the cache, untimed
        }
        AtomicInteger requests = new AtomicInteger();
        String newest = "1.0." + (versions - 1);
        Samples s = env.sampler().measure(Scenario.timed(strategy + " cycle", () -> {
            int[] count = {0};
            List<AppUpdateResult> results = runCycle(updater, apps, count);
            requests.set(count[0]);
            return results;
        }).withCheck(r -> {
            @SuppressWarnings("unchecked")
            List<AppUpdateResult> results = (List<AppUpdateResult>) r;
            for (AppUpdateResult x : results) {
                if (x.failed() || x.changes().size() != 1 || !x.changes().get(0).newVersion().equals(newest)) {
                    throw new BenchmarkFailure(x.app() + ": expected one change to " + newest + ", got "
                            + x.changeLines() + " " + x.error());
                }
            }
            if (results.size() != apps.size()) {
                throw new BenchmarkFailure("expected " + apps.size() + " results, got " + results.size());
            }
        }));
        return Row.of("update cycle, " + apps.size() + " apps, " + strategy + (cache == null
                ? ", no cross-cycle cache" : ", cross-cycle cache warm"), TOOL, s,
                requests.get() + " registry requests");
    }

    private static List<AppUpdateResult> runCycle(ImageUpdater updater, List<Application> apps, int... count) {
        RegistryClient client = updater.newCycle();
        List<AppUpdateResult> out = new ArrayList<>();
        for (Application a : apps) {
            out.add(updater.update(a, client, true));
        }
        if (count.length > 0) {
            count[0] = client.requestCount();
        }
        return out;
    }

    private static List<Application> apps(TestRegistry registry, int appCount, int imageCount, String strategy) {
        List<Application> out = new ArrayList<>();
        for (int i = 0; i < appCount; i++) {
            String ref = registry.host() + "/" + image(i % imageCount) + (strategy.equals("semver") ? ":1.x" : "");
            out.add(ArgoDocuments.parseApplication(application(String.format("app-%03d", i), ref, strategy, "repo"),
                    "app.yaml"));
        }
        return out;
    }

    private static String application(String name, String image, String strategy, String repo) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  annotations:
                    argocd-image-updater.argoproj.io/image-list: 'a=%s'
                    argocd-image-updater.argoproj.io/a.update-strategy: %s
                spec:
                  source: {repoURL: 'https://git.example/%s.git', path: app, targetRevision: main}
                  destination: {server: 'https://kubernetes.default.svc', namespace: bench}
                """.formatted(name, image, strategy, repo);
    }

    private static void expect(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new BenchmarkFailure("selected " + actual + ", expected " + expected);
        }
    }
}
