package io.jenkins.plugins.gitops.engine.model;

import java.util.List;

/**
 * An Argo CD {@code AppProject}: which repositories, destinations and kinds its applications may use, and when they
 * may sync. The project named {@code default} with no document allows everything ({@link #permissiveDefault()}).
 */
public record AppProject(
        String name,
        List<String> sourceRepos,
        List<ProjectDestination> destinations,
        List<GroupKind> clusterResourceWhitelist,
        List<GroupKind> clusterResourceBlacklist,
        List<GroupKind> namespaceResourceWhitelist,
        List<GroupKind> namespaceResourceBlacklist,
        List<SyncWindow> syncWindows,
        String file,
        List<String> allowedJobs) {

    public static final String KIND = "AppProject";

    /**
     * Jenkins-only: the annotation listing, as globs on full job names separated by commas or new lines, the jobs
     * allowed to deploy with this project ({@code team-a/**}, {@code release/deploy-*}). Absent: every job may.
     */
    public static final String ALLOWED_JOBS_ANNOTATION = "gitops-sync.jenkins.io/allowed-jobs";

    public AppProject {
        allowedJobs = allowedJobs == null ? List.of() : List.copyOf(allowedJobs);
    }

    /** A project without job rules (every job may use it). */
    public AppProject(String name, List<String> sourceRepos, List<ProjectDestination> destinations,
            List<GroupKind> clusterResourceWhitelist, List<GroupKind> clusterResourceBlacklist,
            List<GroupKind> namespaceResourceWhitelist, List<GroupKind> namespaceResourceBlacklist,
            List<SyncWindow> syncWindows, String file) {
        this(name, sourceRepos, destinations, clusterResourceWhitelist, clusterResourceBlacklist,
                namespaceResourceWhitelist, namespaceResourceBlacklist, syncWindows, file, List.of());
    }

    /** Splits an allowed-jobs list (commas or new lines, blanks ignored). */
    public static List<String> jobPatterns(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split("[,\\n]")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** A destination pattern: server or name glob, namespace glob. */
    public record ProjectDestination(String server, String name, String namespace) {}

    /** A group/kind pattern of a resource allow or deny list ("*" matches any). */
    public record GroupKind(String group, String kind) {}

    /** {@code spec.syncWindows[]}. */
    public record SyncWindow(String kind, String schedule, String duration, List<String> applications,
            List<String> namespaces, List<String> clusters, boolean manualSync, String timeZone) {}

    /** Argo CD's built-in default project: any repo, any destination, any kind. */
    public static AppProject permissiveDefault() {
        return new AppProject("default", List.of("*"), List.of(new ProjectDestination("*", "*", "*")),
                List.of(new GroupKind("*", "*")), List.of(), List.of(), List.of(), List.of(), "");
    }

    static AppProject read(FieldReader root, String name, String file) {
        FieldReader spec = root.child("spec");
        return new AppProject(
                name,
                spec.strings("sourceRepos"),
                spec.list("destinations", d -> new ProjectDestination(d.string("server", ""), d.string("name", ""),
                        d.string("namespace", ""))),
                spec.list("clusterResourceWhitelist", AppProject::groupKind),
                spec.list("clusterResourceBlacklist", AppProject::groupKind),
                spec.list("namespaceResourceWhitelist", AppProject::groupKind),
                spec.list("namespaceResourceBlacklist", AppProject::groupKind),
                spec.list("syncWindows", w -> {
                    String kind = w.requiredString("kind");
                    if (!kind.isEmpty() && !kind.equals("allow") && !kind.equals("deny")) {
                        w.error(w.childPath("kind"), "must be allow or deny, not " + kind);
                    }
                    return new SyncWindow(kind, w.requiredString("schedule"), w.requiredString("duration"),
                            w.strings("applications"), w.strings("namespaces"), w.strings("clusters"),
                            w.bool("manualSync", false), w.string("timeZone", "UTC"));
                }),
                file,
                jobPatterns(root.child("metadata").stringMap("annotations").get(ALLOWED_JOBS_ANNOTATION)));
    }

    private static GroupKind groupKind(FieldReader r) {
        return new GroupKind(r.string("group", ""), r.requiredString("kind"));
    }
}
