package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveState;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.source.RevisionInfo;
import java.util.List;
import java.util.Map;

/**
 * Everything one comparison found, kept together so a sync can plan from exactly what was compared: the effective
 * application, the revision, the stamped desired objects, the app's live objects (with whether that listing is
 * complete - pruning needs a complete one), the diff, the child application documents and the children they make (app of apps), and the page-ready {@link AppComparison}. Desired resources
 * in {@code missingNamespace} are namespaced but have no namespace: they are compared, never synced.
 */
record ComparisonState(
        Application application,
        RevisionInfo revision,
        ClusterConnection connection,
        List<KubeObject> desired,
        java.util.Set<ResourceKey> missingNamespace,
        Map<ResourceKey, KubeObject> live,
        LiveState liveState,
        boolean liveComplete,
        DiffResult diff,
        AppComparison view,
        List<KubeObject> childDocuments,
        List<io.jenkins.plugins.gitops.engine.appofapps.ChildApplication> children) {}
