package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.DeleteOutcome;
import io.jenkins.plugins.gitops.engine.DeleteRequest;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.appofapps.ChildApplication;
import io.jenkins.plugins.gitops.engine.appofapps.ChildPlan;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncPolicy;

/**
 * App of apps in a one-shot {@code gitops sync}: after the parent synced, each child in Git whose own syncPolicy is
 * automated is synced (and so on below it); a manual child is only reported; children that left Git are deleted
 * when the parent's sync pruned - with their resources only when they carry the resources finalizer. The controller
 * does the same with registered children (see {@code Controller}).
 */
final class ChildSyncs {

    private final GitOpsEngine engine;
    private final EngineLog progress;
    private final String initiatedBy;

    ChildSyncs(GitOpsEngine engine, EngineLog progress, String initiatedBy) {
        this.engine = engine;
        this.progress = progress;
        this.initiatedBy = initiatedBy;
    }

    /**
     * Acts on what the parent's sync did to its children ({@link SyncOutcome#children()}, already recorded by the
     * engine). Returns false when a child's sync or deletion did not succeed.
     */
    boolean afterParentSync(Application parent, SyncOutcome parentOutcome) {
        ChildPlan plan = parentOutcome.children();
        if (plan == null) {
            return true;
        }
        boolean ok = true;
        for (ChildApplication child : plan.inGit()) {
            SyncPolicy.Automated auto = child.application().syncPolicy().automated();
            if (auto == null || !auto.enabled()) {
                progress.info("child application " + child.name() + ": manual sync policy, not synced (run gitops "
                        + "sync for it)");
                continue;
            }
            progress.info("child application " + child.name() + ": automated sync policy, syncing");
            SyncOutcome o = engine.sync(child.application(), SyncRequest.manual(initiatedBy + " (parent "
                    + parent.name() + ")").withPrune(auto.prune()), progress);
            progress.info("child application " + child.name() + ": " + o.phase() + ": " + o.message());
            ok &= o.succeeded() && afterParentSync(child.application(), o);
        }
        for (ChildPlan.Removal r : plan.removals()) {
            if (!r.deletesResources()) {
                progress.info("child application " + r.name() + " left Git: pruned, its resources are left in the "
                        + "cluster (no " + ChildApplication.RESOURCES_FINALIZER + " finalizer)");
                continue;
            }
            Application gone = ArgoDocuments.parseApplication(r.document(), "recorded child " + r.name());
            DeleteOutcome d = engine.delete(gone, DeleteRequest.manual(initiatedBy).withCascade(r.cascade())
                    .withConfirmed(true), progress);
            progress.info("child application " + r.name() + " left Git: deleted with its resources: " + d.phase()
                    + (d.message().isEmpty() ? "" : " (" + d.message() + ")"));
            ok &= d.succeeded();
        }
        plan.requirePruning().forEach(c -> progress.info("child application " + c
                + " left Git and requires pruning (sync with --prune to delete it)"));
        return ok;
    }
}
