package io.jenkins.plugins.gitops.engine.project;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Jenkins jobs may deploy where (Jenkins-only; Argo CD's equivalent is its RBAC on projects). Each AppProject
 * may list the jobs allowed to use it ({@link AppProject#ALLOWED_JOBS_ANNOTATION}), and each configured cluster
 * likewise; the patterns are globs on the full job name where {@code *} stays within one folder and {@code **}
 * crosses folders ({@code team-a/**}). Both fences apply: a job must be allowed by the application's project and by
 * its destination cluster, where they list any jobs. A project or cluster without a list admits every job.
 *
 * <p>The controller asks before every operation it runs for an application (manual, automated, rollback, deletion),
 * with the job that owns the application; the Pipeline steps ask before a job registers one. A denial names the
 * job, the project or cluster, and the rule it failed.
 */
public final class JobFence {

    /** No rules: every job may deploy everywhere (the CLI, and Jenkins until an administrator sets rules). */
    public static final JobFence NONE = new JobFence(Map.of(), Map.of());

    private final Map<String, List<Glob>> byProject;
    private final Map<String, List<Glob>> byCluster;
    private final String closedBecause;

    private JobFence(Map<String, List<Glob>> byProject, Map<String, List<Glob>> byCluster) {
        this(byProject, byCluster, null);
    }

    private JobFence(Map<String, List<Glob>> byProject, Map<String, List<Glob>> byCluster, String closedBecause) {
        this.byProject = byProject;
        this.byCluster = byCluster;
        this.closedBecause = closedBecause;
    }

    /** A fence that refuses every job, saying why (a rule could not be read: fail closed, never open). */
    public static JobFence closed(String why) {
        return new JobFence(Map.of(), Map.of(), why);
    }

    /**
     * @param projects the AppProjects (their allowed-jobs annotations)
     * @param clusterRules allowed job patterns by cluster name or server URL (the plugin's cluster settings)
     * @throws IllegalArgumentException naming the project or cluster whose pattern is malformed
     */
    public static JobFence of(Collection<AppProject> projects, Map<String, List<String>> clusterRules) {
        Map<String, List<Glob>> p = new LinkedHashMap<>();
        for (AppProject project : projects) {
            if (!project.allowedJobs().isEmpty()) {
                p.put(project.name(), compile(project.allowedJobs(), "AppProject " + project.name()));
            }
        }
        Map<String, List<Glob>> c = new LinkedHashMap<>();
        clusterRules.forEach((cluster, patterns) -> {
            if (patterns != null && !patterns.isEmpty()) {
                c.put(cluster, compile(patterns, "cluster " + cluster));
            }
        });
        return p.isEmpty() && c.isEmpty() ? NONE : new JobFence(Map.copyOf(p), Map.copyOf(c));
    }

    private static List<Glob> compile(List<String> patterns, String where) {
        List<Glob> globs = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                globs.add(Glob.compile(pattern, "/"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": allowed job pattern '" + pattern + "' is malformed: "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(globs);
    }

    /** Whether any rule exists at all. */
    public boolean isEmpty() {
        return closedBecause == null && byProject.isEmpty() && byCluster.isEmpty();
    }

    /**
     * Why {@code job} may not deploy {@code app}, or empty when it may.
     *
     * @param job the full name of the job that owns or registers the application
     */
    public Optional<String> denial(String job, Application app) {
        if (closedBecause != null) {
            return Optional.of("job '" + job + "' may not deploy: the job rules cannot be read (" + closedBecause
                    + ")");
        }
        String project = app.project() == null || app.project().isBlank() ? "default" : app.project();
        Optional<String> byProjectRule = check(job, byProject.get(project), "project '" + project + "'",
                "its AppProject's " + AppProject.ALLOWED_JOBS_ANNOTATION + " annotation");
        if (byProjectRule.isPresent()) {
            return byProjectRule;
        }
        for (String cluster : List.of(app.destination().name(), app.destination().server())) {
            if (cluster != null && !cluster.isBlank() && byCluster.containsKey(cluster)) {
                Optional<String> byClusterRule = check(job, byCluster.get(cluster), "cluster '" + cluster + "'",
                        "the cluster's allowed jobs in the GitOps configuration");
                if (byClusterRule.isPresent()) {
                    return byClusterRule;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(String job, List<Glob> allowed, String target, String rule) {
        if (allowed == null || allowed.stream().anyMatch(g -> g.matches(job))) {
            return Optional.empty();
        }
        return Optional.of("job '" + job + "' may not deploy to " + target + ": " + rule + " allows only "
                + String.join(", ", allowed.stream().map(Glob::pattern).toList()));
    }
}
