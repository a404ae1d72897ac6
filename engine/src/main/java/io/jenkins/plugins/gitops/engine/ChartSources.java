package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import io.jenkins.plugins.gitops.engine.render.ChartRepositories;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.source.RevisionInfo;
import io.jenkins.plugins.gitops.engine.source.helm.HelmCharts;
import io.jenkins.plugins.gitops.engine.source.helm.HelmRepositoryException;
import java.nio.file.Path;
import java.util.List;

/**
 * Sources with {@code chart}: a Helm chart from a chart repository or OCI registry, located as Argo CD does. The
 * revision is the chart version {@code targetRevision} resolves to (what status, history and pages show, and what a
 * rollback pins), the tree is the unpacked chart. Also the {@link ChartRepositories} renders fetch undeclared
 * dependencies from, with the same credentials.
 */
final class ChartSources {

    /** A located chart: its revision and the directory holding it. */
    record Located(RevisionInfo revision, Path root) {}

    private final HelmCharts charts;

    ChartSources(HelmCharts charts) {
        this.charts = charts;
    }

    Located locate(Application app, ApplicationSource source, RefreshCycle cycle) {
        HelmCharts.ResolvedChart chart;
        Path tree;
        try {
            chart = charts.resolve(source.repoURL(), source.chart(), source.targetRevision(), cycle);
            tree = charts.tree(chart);
        } catch (HelmRepositoryException e) {
            throw new IllegalArgumentException("application '" + app.name() + "': source " + e.getMessage(), e);
        }
        String message = "Helm chart " + chart.chart() + " " + chart.version() + " from " + source.repoURL()
                + (chart.description().isEmpty() ? "" : "\n\n" + chart.description());
        return new Located(new RevisionInfo(chart.version(), "", "", "", chart.created(), message, List.of()), tree);
    }

    /** Dependencies fetched during one refresh pass (the index of each repository read at most once). */
    ChartRepositories repositories(RefreshCycle cycle) {
        return (repository, chart, version) -> charts.archive(charts.resolve(repository, chart, version, cycle));
    }
}
