package io.jenkins.plugins.gitops.engine.model;

/**
 * One {@code spec.source} (or an element of {@code spec.sources}): a Git repository path or a Helm chart, at a
 * target revision, with the tool settings that apply. An explicit tool section (helm, kustomize, directory) wins
 * over detection; {@link #explicitTool()} says which, if any.
 */
public record ApplicationSource(
        String repoURL,
        String targetRevision,
        String path,
        String chart,
        String ref,
        DirectorySource directory,
        HelmSource helm,
        KustomizeSource kustomize,
        String pluginName) {

    /** Tools a source can name explicitly. */
    public enum Tool { DIRECTORY, KUSTOMIZE, HELM, PLUGIN }

    /** The revision to resolve: empty means HEAD, as Argo CD. */
    public String revisionOrHead() {
        return targetRevision == null || targetRevision.isEmpty() ? "HEAD" : targetRevision;
    }

    public ApplicationSource withTargetRevision(String revision) {
        return new ApplicationSource(repoURL, revision, path, chart, ref, directory, helm, kustomize, pluginName);
    }

    public ApplicationSource withPath(String newPath) {
        return new ApplicationSource(repoURL, targetRevision, newPath, chart, ref, directory, helm, kustomize, pluginName);
    }

    /** Whether this source produces manifests (a path or a chart), rather than only lending files via {@code ref}. */
    public boolean rendersManifests() {
        return !path.isEmpty() || !chart.isEmpty() || ref.isEmpty();
    }

    /** The tool named by the source itself (null when it must be detected from the files). */
    public Tool explicitTool() {
        if (!pluginName.isEmpty()) {
            return Tool.PLUGIN;
        }
        if (!chart.isEmpty() || helm != HelmSource.DEFAULT) {
            return Tool.HELM;
        }
        if (kustomize != KustomizeSource.DEFAULT) {
            return Tool.KUSTOMIZE;
        }
        if (directory != DirectorySource.DEFAULT) {
            return Tool.DIRECTORY;
        }
        return null;
    }

    static ApplicationSource read(FieldReader r) {
        String repo = r.requiredString("repoURL");
        String path = r.string("path", "");
        String chart = r.string("chart", "");
        String ref = r.string("ref", "");
        if (path.startsWith("/")) {
            r.error(r.childPath("path"), "must be relative to the repository root");
        }
        if (PathSafety.escapes(path)) {
            r.error(r.childPath("path"), "must not leave the repository ('..' escapes it)");
        }
        FieldReader plugin = r.child("plugin");
        return new ApplicationSource(
                repo,
                r.string("targetRevision", ""),
                path,
                chart,
                ref,
                DirectorySource.read(r.child("directory")),
                HelmSource.read(r.child("helm")),
                KustomizeSource.read(r.child("kustomize")),
                plugin.present() ? plugin.string("name", "plugin") : "");
    }
}
