package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.SyncPhase;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results of an operation so far, as an immutable value: each change returns a new state. Results are keyed by
 * {@link Id} (phase and planned identity, as gitops-engine's {@code resourceResultKey}), so a hook that runs in two
 * phases has two results, and they keep the order in which tasks first reported.
 */
final class OperationState {

    /** A task's identity within one operation: its phase and the object identity the planner gave it. */
    record Id(SyncPhase phase, ResourceKey key) {
        static Id of(SyncTask task) {
            return new Id(task.phase(), task.key());
        }
    }

    static final OperationState EMPTY = new OperationState(new LinkedHashMap<>());

    private final Map<Id, TaskResult> results;

    private OperationState(LinkedHashMap<Id, TaskResult> results) {
        this.results = Collections.unmodifiableMap(results);
    }

    OperationState with(Id id, TaskResult result) {
        LinkedHashMap<Id, TaskResult> copy = new LinkedHashMap<>(results);
        copy.put(id, result);
        return new OperationState(copy);
    }

    /** The state with every result of {@code changes} put in their order: one copy for a whole batch of tasks. */
    OperationState withAll(Map<Id, TaskResult> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        LinkedHashMap<Id, TaskResult> copy = new LinkedHashMap<>(results);
        copy.putAll(changes);
        return new OperationState(copy);
    }

    Optional<TaskResult> result(Id id) {
        return Optional.ofNullable(results.get(id));
    }

    List<TaskResult> results() {
        return List.copyOf(results.values());
    }

    List<TaskResult> failures() {
        return results.values().stream().filter(TaskResult::failed).toList();
    }

    OperationResult finish(OperationPhase phase, String message, Instant startedAt, Instant finishedAt) {
        return new OperationResult(phase, message, startedAt, finishedAt, results());
    }
}
