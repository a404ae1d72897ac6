package io.jenkins.plugins.gitops.engine.history;

import java.time.Instant;

/**
 * One successful sync, as Argo CD's {@code status.history[]}: a sequential id, the commit deployed, the source it
 * came from, when it started and finished, and who started it ({@code initiatedBy}: a user, a build such as
 * {@code job/deploy #42}, or {@code automated}). A multi-source application also records every source's commit in
 * {@code revisions} (Argo CD's {@code history[].revisions}, in {@code spec.sources} order; empty otherwise), so a
 * rollback restores all of them.
 */
public record HistoryEntry(
        long id,
        String revision,
        String repoURL,
        String path,
        String targetRevision,
        Instant deployStartedAt,
        Instant deployedAt,
        String initiatedBy,
        boolean automated,
        String commitMessage,
        java.util.List<String> revisions) {

    public HistoryEntry {
        revisions = revisions == null ? java.util.List.of() : java.util.List.copyOf(revisions);
    }

    /** A single-source entry. */
    public HistoryEntry(long id, String revision, String repoURL, String path, String targetRevision,
            Instant deployStartedAt, Instant deployedAt, String initiatedBy, boolean automated, String commitMessage) {
        this(id, revision, repoURL, path, targetRevision, deployStartedAt, deployedAt, initiatedBy, automated,
                commitMessage, java.util.List.of());
    }
}
