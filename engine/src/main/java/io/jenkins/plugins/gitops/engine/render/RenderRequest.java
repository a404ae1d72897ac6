package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to render: one source of an application, read from a repository tree checked out at a commit.
 *
 * <p>Invariant: {@code repoRoot} is a read-only directory holding the repository at {@code revision}; renderers never
 * write into it (edits happen in private temporary copies). {@code refSources} maps the {@code ref} name of other
 * sources of a multi-source application to their checked-out trees, so Helm value files such as
 * {@code $values/env/prod.yaml} can be resolved.
 *
 * @param repoRoot the repository tree at the commit
 * @param application the application being rendered (name, namespace and destination matter)
 * @param source the source to render, usually {@code application.source()}
 * @param revision the resolved commit SHA ({@code ARGOCD_APP_REVISION})
 * @param refSources other sources of the application, by {@code ref} name
 */
public record RenderRequest(
        Path repoRoot, Application application, ApplicationSource source, String revision,
        Map<String, RefSource> refSources) {

    /** A referenced source ({@code spec.sources[].ref}): its tree and the commit it was checked out at. */
    public record RefSource(Path root, String revision) {
        public RefSource {
            Objects.requireNonNull(root, "root");
            revision = revision == null ? "" : revision;
        }
    }

    public RenderRequest {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(source, "source");
        revision = revision == null ? "" : revision;
        refSources = refSources == null ? Map.of() : Map.copyOf(refSources);
    }

    /** The common case: the application's first source, no referenced sources. */
    public static RenderRequest of(Path repoRoot, Application application, String revision) {
        return new RenderRequest(repoRoot, application, application.source(), revision, Map.of());
    }

    /** The variables Argo CD exposes to its tools for this request. */
    public BuildEnvironment environment() {
        return BuildEnvironment.of(this);
    }
}
