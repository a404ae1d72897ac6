package io.jenkins.plugins.gitops.engine.render;

import java.nio.file.Path;

/**
 * Where a chart's dependencies come from when they are not vendored under {@code charts/}: the chart repositories
 * and OCI registries named by their {@code repository} field, with the credentials configured for them. Implemented
 * outside the render package (it needs the network and the chart cache); renderers only ask.
 */
public interface ChartRepositories {

    /** For renders that have no repositories configured: every request fails saying so. */
    ChartRepositories NONE = (repository, chart, version) -> {
        throw new RenderException("dependency '" + chart + "' from " + repository
                + " cannot be fetched: no chart repositories are available to this render");
    };

    /**
     * The archive ({@code .tgz}) of {@code chart} at the version {@code version} (an exact version or a semver
     * constraint) selects in {@code repository} ({@code https://...} chart repository or {@code oci://...}).
     *
     * @throws RuntimeException with a message naming the repository, chart and cause
     */
    Path fetch(String repository, String chart, String version);
}
