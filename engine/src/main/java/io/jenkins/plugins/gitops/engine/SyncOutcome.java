package io.jenkins.plugins.gitops.engine;

import java.time.Instant;
import java.util.List;

/**
 * The end of one sync operation (Argo CD's {@code operationState}): {@code phase} Succeeded, Failed or Error (or
 * Terminating/Running only in snapshots), a message a person can act on, the commit synced, timing, one result per
 * resource and hook, the application's state after the operation ({@code after}, may be null on Error; read from
 * the API server once the operation ended, not from a watch cache that may not have seen its writes yet), and
 * {@code appliedDiff}: the diff the operation planned from, i.e. the changes it applied (empty when none or unknown),
 * and {@code children} (app of apps): what the sync did to the child Applications the parent renders - the record of
 * registered children is updated by the sync itself, so {@code after} shows them Synced; the caller registers,
 * syncs and deletes the children accordingly. Null when the sync did not touch children (it failed, was a dry run,
 * a selective sync naming no child, or a sync from a local directory).
 */
public record SyncOutcome(String phase, String message, String revision, Instant startedAt, Instant finishedAt,
        List<ResourceResult> resources, AppComparison after, String appliedDiff,
        io.jenkins.plugins.gitops.engine.appofapps.ChildPlan children) {

    public SyncOutcome {
        appliedDiff = appliedDiff == null ? "" : appliedDiff;
    }

    /** An outcome that did not touch child applications. */
    public SyncOutcome(String phase, String message, String revision, Instant startedAt, Instant finishedAt,
            List<ResourceResult> resources, AppComparison after, String appliedDiff) {
        this(phase, message, revision, startedAt, finishedAt, resources, after, appliedDiff, null);
    }

    /** An outcome without a recorded pre-operation diff. */
    public SyncOutcome(String phase, String message, String revision, Instant startedAt, Instant finishedAt,
            List<ResourceResult> resources, AppComparison after) {
        this(phase, message, revision, startedAt, finishedAt, resources, after, "");
    }

    public boolean succeeded() {
        return "Succeeded".equals(phase);
    }
}
