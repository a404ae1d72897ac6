package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a person (step, CLI, dashboard button) or the controller asks of one sync operation.
 *
 * @param prune        delete tracked resources that are no longer in Git (the app's automated.prune counts too for
 *                     automated syncs)
 * @param dryRun       plan and dry-run everything on the server, change nothing
 * @param revision     override of the source's targetRevision (null: the Application's)
 * @param resources    selective sync: only these resources, no hooks, no history (empty: all)
 * @param timeout      the whole operation's limit (null: engine default)
 * @param initiatedBy  who asked: a user id, {@code job/name #12}, or {@code automated}
 * @param automated    started by automation (auto-sync or self-heal) rather than a person
 * @param localDir     render this directory instead of Git (like {@code argocd app sync --local}); null for Git
 * @param revisions    multi-source applications: one targetRevision override per {@code spec.sources} entry, in
 *                     order (a rollback restores every source's revision); empty: none
 */
public record SyncRequest(boolean prune, boolean dryRun, String revision, List<ResourceKey> resources,
        Duration timeout, String initiatedBy, boolean automated, Path localDir, List<String> revisions) {

    public SyncRequest {
        resources = resources == null ? List.of() : List.copyOf(resources);
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
    }

    /** A request without per-source revisions. */
    public SyncRequest(boolean prune, boolean dryRun, String revision, List<ResourceKey> resources,
            Duration timeout, String initiatedBy, boolean automated, Path localDir) {
        this(prune, dryRun, revision, resources, timeout, initiatedBy, automated, localDir, List.of());
    }

    /** One revision per source of a multi-source application (history's {@code revisions}). */
    public SyncRequest withRevisions(List<String> r) {
        return new SyncRequest(prune, dryRun, revision, resources, timeout, initiatedBy, automated, localDir, r);
    }

    public static SyncRequest manual(String initiatedBy) {
        return new SyncRequest(false, false, null, List.of(), null, initiatedBy, false, null);
    }

    public SyncRequest withPrune(boolean p) {
        return new SyncRequest(p, dryRun, revision, resources, timeout, initiatedBy, automated, localDir, revisions);
    }

    public SyncRequest withDryRun(boolean d) {
        return new SyncRequest(prune, d, revision, resources, timeout, initiatedBy, automated, localDir, revisions);
    }

    public SyncRequest withRevision(String r) {
        return new SyncRequest(prune, dryRun, r, resources, timeout, initiatedBy, automated, localDir, revisions);
    }

    public SyncRequest withResources(List<ResourceKey> r) {
        return new SyncRequest(prune, dryRun, revision, r, timeout, initiatedBy, automated, localDir, revisions);
    }

    public SyncRequest withTimeout(Duration t) {
        return new SyncRequest(prune, dryRun, revision, resources, t, initiatedBy, automated, localDir, revisions);
    }

    public SyncRequest withLocalDir(Path dir) {
        return new SyncRequest(prune, dryRun, revision, resources, timeout, initiatedBy, automated, dir, revisions);
    }

    public boolean selective() {
        return !resources.isEmpty();
    }
}
