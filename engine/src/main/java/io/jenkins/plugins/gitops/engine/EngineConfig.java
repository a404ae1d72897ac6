package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The settings a {@link GitOpsEngine} was built with (see {@link GitOpsEngine.Builder}). */
record EngineConfig(
        Path workDir,
        StateStore store,
        List<ClusterSpec> clusters,
        String defaultCluster,
        List<ClusterConnection> connections,
        List<RepoCredentialSpec> repoCredentials,
        List<AppProject> projects,
        EngineLog log,
        Clock clock,
        Duration toolTimeout,
        TrackingMethod trackingMethod,
        Duration pollInterval,
        boolean allowLocalRepositories,
        io.jenkins.plugins.gitops.engine.render.RenderTools renderTools) {}
