/**
 * Helm charts from where Argo CD users publish them: classic chart repositories (an {@code index.yaml} and archives
 * over HTTP(S), basic authentication, a private CA) and OCI registries ({@code oci://}, Helm's OCI layout, basic or
 * token authentication).
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.source.helm.HelmCharts} is the entry point: it resolves a
 * {@code targetRevision} (a version or a semver constraint) to a chart version with
 * {@link io.jenkins.plugins.gitops.engine.source.helm.ChartVersions}, downloads the archive through
 * {@link io.jenkins.plugins.gitops.engine.source.helm.HttpChartRepository} or
 * {@link io.jenkins.plugins.gitops.engine.source.helm.OciChartRegistry}, and keeps it in
 * {@link io.jenkins.plugins.gitops.engine.source.helm.ChartStore} by digest, unpacked once.
 *
 * <p>Why not helm-java for the download: helm-java (the embedded Helm that renders charts) has no {@code pull}, and
 * its {@code registry login} and {@code dependency build} only read Helm's configuration files in the user's home
 * directory, with no per-call repository or registry configuration. Using them would write every repository's
 * password to that shared file and let concurrent renders see each other's logins. So the two documented HTTP
 * protocols (chart repository index, OCI distribution) are spoken here, and Helm itself still does all rendering.
 */
package io.jenkins.plugins.gitops.engine.source.helm;
