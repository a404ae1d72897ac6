package io.jenkins.plugins.gitops.bench.render;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.render.ManifestGenerator;
import io.jenkins.plugins.gitops.engine.render.RenderCache;
import io.jenkins.plugins.gitops.engine.render.RenderRequest;
import io.jenkins.plugins.gitops.engine.render.RenderSettings;
import io.jenkins.plugins.gitops.engine.render.RenderedManifests;
import io.jenkins.plugins.gitops.engine.source.GitRepositoryCache;
import io.jenkins.plugins.gitops.engine.source.RepoCredentials;
import io.jenkins.plugins.gitops.engine.source.RepositoryTree;
import io.jenkins.plugins.gitops.engine.source.RevisionInfo;
import java.nio.file.Path;

/**
 * The engine's path from a Git repository to rendered manifests, as the reconciler runs it: a
 * {@link GitRepositoryCache} (bare mirror, materialised trees) in one directory and a {@link ManifestGenerator} with
 * its own {@link RenderCache}. A new instance on an empty directory is a cold start.
 */
final class RenderPipeline implements AutoCloseable {

    private static final long RENDER_CACHE_BYTES = 512L * 1024 * 1024;

    private final GitRepositoryCache git;
    private final RenderCache renderCache = new RenderCache(64, RENDER_CACHE_BYTES);
    private final ManifestGenerator generator = new ManifestGenerator(RenderSettings.defaults(), renderCache, null);
    private final String url;
    private final Application app;
    private String lastSha;

    RenderPipeline(Path cacheDir, Application app, EngineLog log) {
        this.git = new GitRepositoryCache(cacheDir, GitRepositoryCache.DEFAULT_MAX_TREES, GitRepositoryCache.DEFAULT_TIMEOUT,
                log);
        this.app = app;
        this.url = app.source().repoURL();
    }

    /** Fetches (clones when the mirror is new), resolves the target revision, materialises it and renders it. */
    RenderedManifests fetchAndRender() {
        RevisionInfo rev = git.resolve(url, RepoCredentials.none(), app.source().targetRevision());
        lastSha = rev.sha();
        return render(rev.sha());
    }

    /** Renders the commit last resolved, without fetching (its tree is materialised already). */
    RenderedManifests renderResolved() {
        if (lastSha == null) {
            throw new IllegalStateException("nothing resolved yet");
        }
        return render(lastSha);
    }

    RenderCache renderCache() {
        return renderCache;
    }

    int fetchCount() {
        return git.fetchCount(url);
    }

    private RenderedManifests render(String sha) {
        try (RepositoryTree tree = git.materialize(url, sha)) {
            return generator.render(RenderRequest.of(tree.path(), app, sha));
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
