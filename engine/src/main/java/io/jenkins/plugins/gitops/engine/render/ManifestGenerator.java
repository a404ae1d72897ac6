package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rendering facade: checks the application path, picks the tool ({@link ToolDetector}), renders with that tool's
 * {@link ManifestRenderer}, post-processes ({@link ManifestPostProcessor}) and caches the result ({@link RenderCache})
 * by repository, commit, path and parameters. Thread-safe.
 */
public final class ManifestGenerator {

    private final RenderSettings settings;
    /** The revision of a render from a local working directory instead of a commit. */
    static final String LOCAL_REVISION = "local";

    private final RenderCache cache;
    private final ResourceScope scope;
    private final ChartRepositories chartRepositories;
    private final Map<Tool, ManifestRenderer> renderers = new EnumMap<>(Tool.class);

    /**
     * @param settings how tools run
     * @param cache where results are kept; null for no caching
     * @param scope the discovery hook for kinds that are not built in; null for none
     */
    public ManifestGenerator(RenderSettings settings, RenderCache cache, ResourceScope scope) {
        this(settings, cache, scope, ChartRepositories.NONE);
    }

    /**
     * @param settings how tools run
     * @param cache where results are kept; null for no caching
     * @param scope the discovery hook for kinds that are not built in; null for none
     * @param chartRepositories where Helm chart dependencies that are not vendored come from
     */
    public ManifestGenerator(RenderSettings settings, RenderCache cache, ResourceScope scope,
            ChartRepositories chartRepositories) {
        this.chartRepositories = chartRepositories == null ? ChartRepositories.NONE : chartRepositories;
        this.settings = settings;
        this.cache = cache;
        this.scope = scope == null ? ResourceScope.UNKNOWN : scope;
        renderers.put(Tool.DIRECTORY, new DirectoryRenderer());
        renderers.put(Tool.KUSTOMIZE, new KustomizeRenderer());
        renderers.put(Tool.HELM, new HelmRenderer());
        renderers.put(Tool.PLUGIN, context -> {
            throw new RenderException("config management plugins are not supported (plugin '"
                    + context.source().pluginName() + "'); render with Helm, Kustomize or plain manifests");
        });
    }

    /** Default settings, a cache of 256 entries / 256 MiB, no discovery hook. */
    public static ManifestGenerator withDefaults() {
        return new ManifestGenerator(RenderSettings.defaults(), new RenderCache(256, 256L * 1024 * 1024), null);
    }

    /**
     * Renders one source of an application.
     *
     * @throws RenderException naming the application and the file, field or tool at fault
     */
    public RenderedManifests render(RenderRequest original) {
        RenderRequest request;
        try {
            request = SourceOverrideFiles.apply(original);
        } catch (RenderException e) {
            throw new RenderException("application '" + original.application().name() + "': " + e.getMessage(), e);
        }
        // a local working directory (--local) changes without a new revision: never served from the cache
        RenderCache.Key key = cache == null || LOCAL_REVISION.equals(request.revision()) ? null
                : RenderCache.keyFor(request, settings);
        if (key != null) {
            Optional<RenderedManifests> hit = cache.get(key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        RenderedManifests result;
        try {
            result = renderUncached(request);
        } catch (RenderException e) {
            throw new RenderException("application '" + request.application().name() + "': " + e.getMessage(), e);
        }
        if (key != null) {
            cache.put(key, result);
        }
        return result;
    }

    /** The tool that would render the request. */
    public Tool detectTool(RenderRequest request) {
        return ToolDetector.detect(request.source(), AppDirectory.resolve(request.repoRoot(),
                request.source().path()).dir());
    }

    private RenderedManifests renderUncached(RenderRequest request) {
        AppDirectory app = AppDirectory.resolve(request.repoRoot(), request.source().path());
        Tool tool = ToolDetector.detect(request.source(), app.dir());
        RenderContext context = new RenderContext(request, app, settings, chartRepositories);
        List<KubeObject> raw = renderers.get(tool).render(context);
        ManifestPostProcessor.Result processed = new ManifestPostProcessor(scope, settings.maxRenderedBytes())
                .process(raw, request.application().destination().namespace());
        return new RenderedManifests(processed.objects(), tool, request.revision(), app.relativePath(),
                context.warnings(), processed.approximateBytes());
    }
}
