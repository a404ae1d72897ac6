package io.jenkins.plugins.gitops.engine.history;

import java.time.Instant;

/**
 * One successful sync, as Argo CD's {@code status.history[]}: a sequential id, the commit deployed, the source it
 * came from, when it started and finished, and who started it ({@code initiatedBy}: a user, a build such as
 * {@code job/deploy #42}, or {@code automated}).
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
        String commitMessage) {}
