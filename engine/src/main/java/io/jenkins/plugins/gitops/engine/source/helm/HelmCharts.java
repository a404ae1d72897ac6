package io.jenkins.plugins.gitops.engine.source.helm;

import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.source.SecretRedactor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Helm charts from chart repositories ({@code https://...} with an {@code index.yaml}) and OCI registries
 * ({@code oci://...}), as Argo CD's repo server gets them for a source with {@code chart}: the {@code targetRevision}
 * resolved to a version ({@link ChartVersions}), the archive downloaded once and kept by digest ({@link ChartStore}),
 * unpacked once. The index or tag list is read at most once per {@link RefreshCycle}; a pinned version already
 * downloaded is served without asking the repository. Thread-safe.
 *
 * <p>Errors are {@link HelmRepositoryException}s naming the chart, the repository (without credentials) and the cause.
 */
public final class HelmCharts {

    /**
     * A chart version resolved from a repository.
     *
     * @param repoURL the repository or registry URL
     * @param chart the chart name
     * @param version the version {@code targetRevision} selected: the revision shown in status and history
     * @param digest SHA-256 (hex) of the chart archive
     * @param created when the version was published, if the index says (null otherwise)
     * @param description the chart's description from the index ("" when unknown)
     */
    public record ResolvedChart(String repoURL, String chart, String version, String digest, Instant created,
            String description) {}

    private record Cached<T>(long cycle, T value) {}

    private final ChartStore store;
    private final Function<String, HelmAuth> credentials;
    private final HelmHttp http;
    private final Map<String, Cached<ChartIndex>> indexes = new ConcurrentHashMap<>();
    private final Map<String, Cached<List<String>>> tags = new ConcurrentHashMap<>();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong listings = new AtomicLong();

    /**
     * @param root directory for the chart cache
     * @param credentials repository URL to the credentials and CA to use (longest prefix, as for Git)
     * @param timeout per HTTP request
     */
    public HelmCharts(Path root, Function<String, HelmAuth> credentials, Duration timeout) {
        this.store = new ChartStore(root);
        this.credentials = credentials;
        this.http = new HelmHttp(timeout);
    }

    /** Whether {@code repoURL} names an OCI registry rather than a chart repository. */
    public static boolean isOci(String repoURL) {
        return repoURL.startsWith("oci://");
    }

    /**
     * The version of {@code chart} that {@code targetRevision} selects in {@code repoURL}, downloaded into the cache.
     *
     * @param cycle the refresh pass: the repository's index or tag list is read once per cycle; null reads it now
     * @throws HelmRepositoryException naming the chart, repository and cause
     */
    public ResolvedChart resolve(String repoURL, String chart, String targetRevision, RefreshCycle cycle) {
        String shown = SecretRedactor.urlsOnly().redact(repoURL);
        String what = "chart '" + chart + "' from " + shown;
        if (chart.isBlank()) {
            throw new HelmRepositoryException(shown + ": no chart name given");
        }
        String target = targetRevision == null ? "" : targetRevision.trim();
        if (ChartVersions.isPin(target)) {
            var pinned = store.pinned(repoURL, chart, target);
            if (pinned.isPresent()) {
                return new ResolvedChart(repoURL, chart, target, pinned.get(), null, "");
            }
        }
        HelmAuth auth = credentials.apply(repoURL);
        try {
            return isOci(repoURL) ? resolveOci(repoURL, chart, target, auth, cycle, what)
                    : resolveHttp(repoURL, chart, target, auth, cycle, what);
        } catch (HelmRepositoryException e) {
            String message = e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage();
            throw new HelmRepositoryException(SecretRedactor.of(auth.secrets()).redact(message));
        }
    }

    /** The unpacked chart directory of a resolved chart (shared, read-only by convention). */
    public Path tree(ResolvedChart chart) {
        return store.tree(chart.digest(), "chart '" + chart.chart() + "' " + chart.version());
    }

    /** The cached archive ({@code .tgz}) of a resolved chart. */
    public Path archive(ResolvedChart chart) {
        return store.archive(chart.digest()).orElseThrow(() -> new HelmRepositoryException("chart '" + chart.chart()
                + "' " + chart.version() + ": the archive is no longer in the cache"));
    }

    /** Chart archives downloaded so far (cache misses). */
    public long downloads() {
        return downloads.get();
    }

    /** Index and tag-list requests so far. */
    public long listings() {
        return listings.get();
    }

    private ResolvedChart resolveHttp(String repoURL, String chart, String target, HelmAuth auth, RefreshCycle cycle,
            String what) {
        HttpChartRepository repo = new HttpChartRepository(repoURL, auth, http);
        ChartIndex index = cached(indexes, repoURL, cycle, repo::index);
        if (!index.contains(chart)) {
            throw new HelmRepositoryException(what + ": the repository's index.yaml has no chart '" + chart + "'");
        }
        List<ChartIndex.Entry> entries = index.versions(chart);
        String version = ChartVersions.select(target, entries.stream().map(ChartIndex.Entry::version).toList(), what);
        ChartIndex.Entry entry = entries.stream().filter(e -> e.version().equals(version)).findFirst().orElseThrow();
        String digest = entry.digest().toLowerCase(java.util.Locale.ROOT);
        if (digest.isEmpty() || store.archive(digest).isEmpty()) {
            byte[] bytes = repo.download(entry);
            downloads.incrementAndGet();
            digest = store.put(bytes, digest, "version " + version);
        }
        store.pin(repoURL, chart, version, digest);
        return new ResolvedChart(repoURL, chart, version, digest, entry.created(), entry.description());
    }

    private ResolvedChart resolveOci(String repoURL, String chart, String target, HelmAuth auth, RefreshCycle cycle,
            String what) {
        OciChartRegistry registry = new OciChartRegistry(repoURL, auth, http);
        String version = target;
        if (!ChartVersions.isPin(target)) {
            List<String> versions = cached(tags, repoURL + "|" + chart, cycle, () -> registry.versions(chart));
            version = ChartVersions.select(target, versions, what);
            var pinned = store.pinned(repoURL, chart, version);
            if (pinned.isPresent()) {
                return new ResolvedChart(repoURL, chart, version, pinned.get(), null, "");
            }
        }
        OciChartRegistry.Pulled pulled = registry.pull(chart, version);
        downloads.incrementAndGet();
        String digest = store.put(pulled.archive(), pulled.digest(), "version " + version);
        store.pin(repoURL, chart, version, digest);
        return new ResolvedChart(repoURL, chart, version, digest, null, "");
    }

    private <T> T cached(Map<String, Cached<T>> map, String key, RefreshCycle cycle,
            java.util.function.Supplier<T> load) {
        Cached<T> hit = map.get(key);
        if (cycle != null && hit != null && (hit.cycle() == cycle.id() || cycle == RefreshCycle.recent())) {
            return hit.value();
        }
        listings.incrementAndGet();
        T value = load.get();
        if (cycle != null) {
            map.put(key, new Cached<>(cycle.id(), value));
        }
        return value;
    }
}
