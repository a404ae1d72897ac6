package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import io.jenkins.plugins.gitops.engine.render.RenderRequest;
import io.jenkins.plugins.gitops.engine.source.GitRepositoryCache;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.source.RepositoryTree;
import io.jenkins.plugins.gitops.engine.source.RevisionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves where an application's manifests come from: Git (fetch at most once per refresh cycle, resolve the
 * targetRevision, materialise the commit's tree) or a local directory ({@code --local}: the repository root when it
 * contains the app's path, else the app directory itself).
 */
final class SourceResolver {

    private final GitRepositoryCache repos;
    private final RepoCredentialLookup credentials;
    private final ChartSources charts;

    SourceResolver(GitRepositoryCache repos, RepoCredentialLookup credentials, ChartSources charts) {
        this.repos = repos;
        this.credentials = credentials;
        this.charts = charts;
    }

    SourceTree open(Application app, String revisionOverride, Path localDir, RefreshCycle cycle) {
        if (localDir != null) {
            return openLocal(app, localDir);
        }
        Application effective = revisionOverride == null || revisionOverride.isBlank()
                ? app : app.withRevision(revisionOverride);
        List<AutoCloseable> leases = new ArrayList<>();
        try {
            Map<String, RenderRequest.RefSource> refs = new HashMap<>();
            List<String> revisions = new ArrayList<>(java.util.Collections.nCopies(effective.sources().size(), ""));
            for (int i = 0; i < effective.sources().size(); i++) {
                ApplicationSource s = effective.sources().get(i);
                if (!s.ref().isEmpty()) {
                    Located located = locate(effective, s, cycle, leases);
                    revisions.set(i, located.info().sha());
                    refs.put(s.ref(), new RenderRequest.RefSource(located.root(), located.info().sha()));
                }
            }
            List<RenderRequest> requests = new ArrayList<>();
            RevisionInfo primary = null;
            for (int i = 0; i < effective.sources().size(); i++) {
                ApplicationSource s = effective.sources().get(i);
                if (!s.rendersManifests()) {
                    continue;
                }
                Located located = locate(effective, s, cycle, leases);
                revisions.set(i, located.info().sha());
                primary = primary == null ? located.info() : primary;
                requests.add(new RenderRequest(located.root(), effective, located.source(), located.info().sha(),
                        refs));
            }
            if (primary == null) {
                throw new IllegalArgumentException(app.file() + ": spec.sources: no source has a path or chart to render");
            }
            return new SourceTree(effective, primary, requests, leases,
                    effective.multiSource() ? revisions : List.of());
        } catch (RuntimeException e) {
            new SourceTree(effective, null, List.of(), leases).close();
            throw e;
        }
    }

    /** One source's revision and tree, and the source as it renders there (a chart renders from its own root). */
    private record Located(RevisionInfo info, Path root, ApplicationSource source) {}

    /** A Git commit's tree (leased until the render is done), or a Helm chart version unpacked from its repository. */
    private Located locate(Application app, ApplicationSource s, RefreshCycle cycle, List<AutoCloseable> leases) {
        if (!s.chart().isEmpty()) {
            ChartSources.Located chart = charts.locate(app, s, cycle);
            return new Located(chart.revision(), chart.root(), s.withPath(""));
        }
        RevisionInfo info = repos.resolve(s.repoURL(), credentials.forUrl(s.repoURL()), s.revisionOrHead(), cycle);
        RepositoryTree tree = repos.materialize(s.repoURL(), info.sha());
        leases.add(tree);
        return new Located(info, tree.path(), s);
    }

    private static SourceTree openLocal(Application app, Path localDir) {
        Path dir = localDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--local " + localDir + ": not a directory");
        }
        String path = app.source().path();
        boolean repoRoot = !path.isEmpty() && Files.isDirectory(dir.resolve(path));
        return SourceTree.local(repoRoot ? app : app.withSourcePath(""), dir);
    }
}
