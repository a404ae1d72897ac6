package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.ClusterSpec;
import io.jenkins.plugins.gitops.engine.RepoCredentialSpec;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.render.RenderTools;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardSettings;
import java.time.Duration;
import java.util.List;

/**
 * What the global configuration resolves to once credentials are looked up: the engine's clusters and repository
 * credentials (secrets in plain text, so never logged: the engine records' toString masks them), the AppProjects
 * the engine enforces, the controller's
 * timing and concurrency, the rendering tools (Kustomize installation, helm-java's native library source), and the configuration problems found on the way (a missing credential, a wrong credential
 * type), each naming the cluster or repository at fault. A problem leaves that one entry out; the rest still works.
 * {@code sharding} is null unless this Jenkins shares the applications with other controllers through Leases.
 */
public record EngineSettings(
        List<ClusterSpec> clusters,
        String defaultCluster,
        List<RepoCredentialSpec> repositories,
        List<AppProject> projects,
        Duration refreshInterval,
        int compareConcurrency,
        int operationConcurrency,
        List<String> problems,
        java.util.Map<String, List<String>> clusterAllowedJobs,
        RenderTools renderTools,
        ShardSettings sharding) {

    public EngineSettings {
        clusterAllowedJobs = clusterAllowedJobs == null ? java.util.Map.of() : java.util.Map.copyOf(clusterAllowedJobs);
        renderTools = renderTools == null ? RenderTools.NONE : renderTools;
        clusters = List.copyOf(clusters);
        repositories = List.copyOf(repositories);
        projects = List.copyOf(projects);
        problems = List.copyOf(problems);
    }

    /** Settings without per-cluster job rules. */
    public EngineSettings(List<ClusterSpec> clusters, String defaultCluster, List<RepoCredentialSpec> repositories,
            List<AppProject> projects, Duration refreshInterval, int compareConcurrency, int operationConcurrency,
            List<String> problems) {
        this(clusters, defaultCluster, repositories, projects, refreshInterval, compareConcurrency,
                operationConcurrency, problems, java.util.Map.of(), RenderTools.NONE, null);
    }

    /**
     * Which jobs may deploy where, from the AppProjects' annotations and the clusters' settings. A malformed rule
     * closes the fence (every job refused, saying which rule is broken) rather than opening it.
     */
    public io.jenkins.plugins.gitops.engine.project.JobFence fence() {
        try {
            return io.jenkins.plugins.gitops.engine.project.JobFence.of(projects, clusterAllowedJobs);
        } catch (IllegalArgumentException e) {
            return io.jenkins.plugins.gitops.engine.project.JobFence.closed(e.getMessage());
        }
    }

    /** The controller settings: our interval and concurrency, the engine's defaults for everything else. */
    public ControllerSettings controllerSettings() {
        ControllerSettings d = ControllerSettings.defaults();
        return new ControllerSettings(refreshInterval, d.jitter(), Math.max(1, compareConcurrency),
                Math.max(1, operationConcurrency), d.selfHealBackoff(), d.driftEventLimit());
    }
}
