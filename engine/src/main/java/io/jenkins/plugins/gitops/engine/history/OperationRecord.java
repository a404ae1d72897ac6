package io.jenkins.plugins.gitops.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The persisted form of an application's current or last operation. {@code phase} is one of Argo CD's operation
 * phases (Running, Terminating, Failed, Error, Succeeded); {@code result} holds the operation's full result as JSON
 * (Argo CD's {@code operationState.syncResult} shape) so pages and the CLI can show it after a restart.
 * {@code finishedAt} is null while the operation runs.
 */
public record OperationRecord(
        String phase,
        String message,
        String revision,
        String initiatedBy,
        Instant startedAt,
        Instant finishedAt,
        JsonNode result) {

    public static final String RUNNING = "Running";
    public static final String TERMINATING = "Terminating";
    public static final String ERROR = "Error";

    public boolean inProgress() {
        return RUNNING.equals(phase) || TERMINATING.equals(phase);
    }
}
