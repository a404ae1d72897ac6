package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of one sync operation (gitops-engine {@code syncContext.GetState}): Succeeded, Failed (a task failed, a
 * dry run failed, a timeout, termination) or Error (something unexpected, such as a bug or an interrupted thread),
 * a message a person can act on, timing, and one result per task in the order the tasks first reported.
 */
public record OperationResult(OperationPhase phase, String message, Instant startedAt, Instant finishedAt,
        List<TaskResult> results) {

    public OperationResult {
        Objects.requireNonNull(phase, "phase");
        message = message == null ? "" : message;
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        results = List.copyOf(results);
    }

    public boolean succeeded() {
        return phase == OperationPhase.Succeeded;
    }

    /** The first result for this object (an object run as a hook in two phases has two results). */
    public Optional<TaskResult> result(ResourceKey key) {
        return results.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    public List<TaskResult> hooks() {
        return results.stream().filter(TaskResult::isHook).toList();
    }

    OperationResult withMessage(String newMessage) {
        return new OperationResult(phase, newMessage, startedAt, finishedAt, results);
    }

    /**
     * The facade's shape, with {@code after} null (the facade compares the application again and fills it in).
     *
     * @param revision the commit that was synced
     */
    public SyncOutcome toSyncOutcome(String revision) {
        return new SyncOutcome(phase.name(), message, revision, startedAt, finishedAt,
                results.stream().map(TaskResult::toResourceResult).toList(), null);
    }
}
