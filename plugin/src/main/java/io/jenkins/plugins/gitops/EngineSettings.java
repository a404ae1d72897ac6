package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.ClusterSpec;
import io.jenkins.plugins.gitops.engine.RepoCredentialSpec;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardSettings;
import java.time.Duration;
import java.util.List;

/**
 * What the global configuration resolves to once credentials are looked up: the engine's clusters and repository
 * credentials (secrets in plain text, so never logged: the engine records' toString masks them), the AppProjects
 * the engine enforces, the controller's
 * timing and concurrency, and the configuration problems found on the way (a missing credential, a wrong credential
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
        ShardSettings sharding) {

    public EngineSettings {
        clusters = List.copyOf(clusters);
        repositories = List.copyOf(repositories);
        projects = List.copyOf(projects);
        problems = List.copyOf(problems);
    }

    /** The controller settings: our interval and concurrency, the engine's defaults for everything else. */
    public ControllerSettings controllerSettings() {
        ControllerSettings d = ControllerSettings.defaults();
        return new ControllerSettings(refreshInterval, d.jitter(), Math.max(1, compareConcurrency),
                Math.max(1, operationConcurrency), d.selfHealBackoff(), d.driftEventLimit());
    }
}
