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
 * @param syncOptions  options for this operation only, {@code Name=value} as in {@code spec.syncPolicy.syncOptions}
 *                     (like {@code argocd app sync --sync-option} and the sync dialog's checkboxes: Replace=true,
 *                     Force=true, ApplyOutOfSyncOnly=true); they override the application's, and a resource's
 *                     annotation still overrides both
 */
public record SyncRequest(boolean prune, boolean dryRun, String revision, List<ResourceKey> resources,
        Duration timeout, String initiatedBy, boolean automated, Path localDir, List<String> revisions,
        List<String> syncOptions) {

    public SyncRequest {
        resources = resources == null ? List.of() : List.copyOf(resources);
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
        syncOptions = syncOptions == null ? List.of() : List.copyOf(syncOptions);
    }

    /** A request without per-source revisions or operation-level sync options. */
    public SyncRequest(boolean prune, boolean dryRun, String revision, List<ResourceKey> resources,
            Duration timeout, String initiatedBy, boolean automated, Path localDir) {
        this(prune, dryRun, revision, resources, timeout, initiatedBy, automated, localDir, List.of(), List.of());
    }

    /** Where operation-level options are written, for error messages. */
    public static final String OPTIONS_FIELD = "the sync request's options";

    public static SyncRequest manual(String initiatedBy) {
        return new SyncRequest(false, false, null, List.of(), null, initiatedBy, false, null);
    }

    public SyncRequest withPrune(boolean p) {
        return new SyncRequest(p, dryRun, revision, resources, timeout, initiatedBy, automated, localDir, revisions,
                syncOptions);
    }

    public SyncRequest withDryRun(boolean d) {
        return new SyncRequest(prune, d, revision, resources, timeout, initiatedBy, automated, localDir, revisions,
                syncOptions);
    }

    public SyncRequest withRevision(String r) {
        return new SyncRequest(prune, dryRun, r, resources, timeout, initiatedBy, automated, localDir, revisions,
                syncOptions);
    }

    /** One revision per source of a multi-source application (history's {@code revisions}). */
    public SyncRequest withRevisions(List<String> r) {
        return new SyncRequest(prune, dryRun, revision, resources, timeout, initiatedBy, automated, localDir, r,
                syncOptions);
    }

    public SyncRequest withResources(List<ResourceKey> r) {
        return new SyncRequest(prune, dryRun, revision, r, timeout, initiatedBy, automated, localDir, revisions,
                syncOptions);
    }

    public SyncRequest withTimeout(Duration t) {
        return new SyncRequest(prune, dryRun, revision, resources, t, initiatedBy, automated, localDir, revisions,
                syncOptions);
    }

    public SyncRequest withLocalDir(Path dir) {
        return new SyncRequest(prune, dryRun, revision, resources, timeout, initiatedBy, automated, dir, revisions,
                syncOptions);
    }

    public SyncRequest withSyncOptions(List<String> options) {
        return new SyncRequest(prune, dryRun, revision, resources, timeout, initiatedBy, automated, localDir,
                revisions, options);
    }

    /**
     * The application's options overridden by this request's.
     *
     * @throws IllegalArgumentException naming the option for one this request cannot carry
     */
    public io.jenkins.plugins.gitops.engine.sync.SyncOptions effectiveOptions(List<String> applicationOptions) {
        return io.jenkins.plugins.gitops.engine.sync.SyncOptions.fromApplication(applicationOptions)
                .overriddenBy(io.jenkins.plugins.gitops.engine.sync.SyncOptions.parse(syncOptions, OPTIONS_FIELD));
    }

    public boolean selective() {
        return !resources.isEmpty();
    }
}
