package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import java.time.Duration;
import java.time.Instant;

/**
 * Something a step waits for after writing: a resource to become healthy, a hook to complete, or a deleted object to
 * disappear. Hooks carry their own deadline.
 *
 * @param key the object as it exists in the cluster (hooks: the name the server gave them)
 * @param written what writing it said ({@code created}), the result's message again once it completed
 * @param hookTimeout the hook's limit, null for other kinds
 * @param hookDeadline when the hook times out, null for other kinds
 * @param applied the object the API server returned for the write (resources only, else null): the first look at a
 *        resource uses it, so a kind without health (or already healthy) costs no GET and no poll interval
 */
record Watched(OperationState.Id id, SyncTask task, ResourceKey key, Kind kind, String written, Duration hookTimeout,
        Instant hookDeadline, KubeObject applied) {

    enum Kind {
        /** Wait until Healthy (kinds without health count as healthy); Degraded fails. */
        RESOURCE("healthy state of"),
        /** Wait until the hook completed: its health Healthy (Succeeded) or Degraded (Failed). */
        HOOK("completion of hook"),
        /** Wait until the object is gone. */
        DELETED("deletion of");

        /** How the wait is described, as gitops-engine's {@code setRunningPhase} words it. */
        final String waitingFor;

        Kind(String waitingFor) {
            this.waitingFor = waitingFor;
        }
    }

    static Watched resource(SyncTask task, ResourceKey key, String written) {
        return resource(task, key, written, null);
    }

    static Watched resource(SyncTask task, ResourceKey key, String written, KubeObject applied) {
        return new Watched(OperationState.Id.of(task), task, key, Kind.RESOURCE, written, null, null, applied);
    }

    static Watched hook(SyncTask task, ResourceKey key, String written, Duration timeout, Instant now) {
        return new Watched(OperationState.Id.of(task), task, key, Kind.HOOK, written, timeout, now.plus(timeout), null);
    }

    static Watched deletion(SyncTask task, ResourceKey key) {
        return new Watched(OperationState.Id.of(task), task, key, Kind.DELETED, "", null, null, null);
    }

    @Override
    public String toString() {
        return kind.waitingFor + " " + key;
    }
}
