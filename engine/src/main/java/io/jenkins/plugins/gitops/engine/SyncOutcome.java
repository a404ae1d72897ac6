package io.jenkins.plugins.gitops.engine;

import java.time.Instant;
import java.util.List;

/**
 * The end of one sync operation (Argo CD's {@code operationState}): {@code phase} Succeeded, Failed or Error (or
 * Terminating/Running only in snapshots), a message a person can act on, the commit synced, timing, one result per
 * resource and hook, and the application's state after the operation ({@code after}, may be null on Error).
 */
public record SyncOutcome(String phase, String message, String revision, Instant startedAt, Instant finishedAt,
        List<ResourceResult> resources, AppComparison after) {

    public boolean succeeded() {
        return "Succeeded".equals(phase);
    }
}
