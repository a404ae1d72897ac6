package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one render needs, carried through every renderer call: the request, its checked application directory,
 * the machine's settings, the build environment, and a list collecting warnings for the result. One context per render;
 * not shared between threads.
 */
public final class RenderContext {

    private final RenderRequest request;
    private final AppDirectory appDirectory;
    private final RenderSettings settings;
    private final BuildEnvironment environment;
    private final ChartRepositories chartRepositories;
    private final List<String> warnings = new ArrayList<>();

    public RenderContext(RenderRequest request, AppDirectory appDirectory, RenderSettings settings) {
        this(request, appDirectory, settings, ChartRepositories.NONE);
    }

    public RenderContext(RenderRequest request, AppDirectory appDirectory, RenderSettings settings,
            ChartRepositories chartRepositories) {
        this.request = request;
        this.appDirectory = appDirectory;
        this.settings = settings;
        this.environment = request.environment();
        this.chartRepositories = chartRepositories == null ? ChartRepositories.NONE : chartRepositories;
    }

    /** Where Helm chart dependencies that are not vendored are fetched from. */
    public ChartRepositories chartRepositories() {
        return chartRepositories;
    }

    public RenderRequest request() {
        return request;
    }

    public Application application() {
        return request.application();
    }

    public ApplicationSource source() {
        return request.source();
    }

    public AppDirectory appDirectory() {
        return appDirectory;
    }

    public RenderSettings settings() {
        return settings;
    }

    public BuildEnvironment environment() {
        return environment;
    }

    /** Records something the user should know that did not stop rendering. */
    public void warn(String message) {
        warnings.add(message);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
