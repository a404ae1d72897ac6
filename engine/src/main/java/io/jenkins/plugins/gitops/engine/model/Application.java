package io.jenkins.plugins.gitops.engine.model;

import java.util.List;
import java.util.Map;

/**
 * An Argo CD {@code Application} ({@code argoproj.io/v1alpha1}), exactly as users write it. Invariant: at least one
 * source; {@link #source()} is the first (the only one for single-source apps). {@code file} names where the
 * document was read from, for error messages.
 */
public record Application(
        String name,
        String namespace,
        String project,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<ApplicationSource> sources,
        boolean multiSource,
        Destination destination,
        SyncPolicy syncPolicy,
        List<IgnoreDifference> ignoreDifferences,
        int revisionHistoryLimit,
        String file) {

    public static final String KIND = "Application";
    public static final int DEFAULT_HISTORY_LIMIT = 10;

    public ApplicationSource source() {
        return sources.get(0);
    }

    /** A copy whose (first) source targets another revision, e.g. for a rollback or {@code --revision}. */
    public Application withRevision(String revision) {
        List<ApplicationSource> s = new java.util.ArrayList<>(sources);
        s.set(0, source().withTargetRevision(revision));
        return new Application(name, namespace, project, labels, annotations, List.copyOf(s), multiSource,
                destination, syncPolicy, ignoreDifferences, revisionHistoryLimit, file);
    }

    /** A copy whose sources target the given revisions, in order (a multi-source rollback); extra ones are ignored. */
    public Application withRevisions(List<String> revisions) {
        List<ApplicationSource> s = new java.util.ArrayList<>(sources);
        for (int i = 0; i < Math.min(s.size(), revisions.size()); i++) {
            if (revisions.get(i) != null && !revisions.get(i).isEmpty()) {
                s.set(i, s.get(i).withTargetRevision(revisions.get(i)));
            }
        }
        return new Application(name, namespace, project, labels, annotations, List.copyOf(s), multiSource,
                destination, syncPolicy, ignoreDifferences, revisionHistoryLimit, file);
    }

    /** A copy whose (first) source reads another path, e.g. for {@code --local} rendering of an app directory. */
    public Application withSourcePath(String path) {
        List<ApplicationSource> s = new java.util.ArrayList<>(sources);
        s.set(0, source().withPath(path));
        return new Application(name, namespace, project, labels, annotations, List.copyOf(s), multiSource,
                destination, syncPolicy, ignoreDifferences, revisionHistoryLimit, file);
    }

    /** Identity of what the app deploys from (repo, path/chart, targetRevision): a change means a new source. */
    public String sourceKey() {
        return sources.stream().map(s -> s.repoURL() + "|" + s.path() + s.chart() + "|" + s.targetRevision())
                .collect(java.util.stream.Collectors.joining(";"));
    }

    /** A copy with another sync policy (e.g. with automation turned off). */
    public Application withSyncPolicy(SyncPolicy policy) {
        return new Application(name, namespace, project, labels, annotations, sources, multiSource, destination,
                policy, ignoreDifferences, revisionHistoryLimit, file);
    }

    /** Paths in the repository whose changes affect this app (annotation manifest-generate-paths, else the path). */
    public List<String> manifestGeneratePaths() {
        String ann = annotations.get(AnnotationNames.MANIFEST_GENERATE_PATHS);
        if (ann == null || ann.isBlank()) {
            return List.of(source().path());
        }
        return java.util.Arrays.stream(ann.split(";"))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(p -> p.startsWith("/") ? p.substring(1) : joinPath(source().path(), p))
                .toList();
    }

    private static String joinPath(String base, String rel) {
        java.nio.file.Path p = java.nio.file.Path.of(base.isEmpty() ? "." : base).resolve(rel).normalize();
        String s = p.toString().replace('\\', '/');
        return s.equals(".") ? "" : s;
    }
}
