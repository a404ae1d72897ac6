package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncPhase;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.util.Objects;
import java.util.Optional;

/**
 * What one task of a sync operation did (gitops-engine {@code common.ResourceSyncResult}).
 *
 * <p>{@code status} says whether writing succeeded (Synced, SyncFailed, Pruned, PruneSkipped); {@code phase} says how
 * the object did afterwards: Running while a hook runs or a resource is not yet healthy, Succeeded once a hook
 * completed or a resource is healthy, Failed for a failed hook or a Degraded resource, Terminating while the operation
 * is terminated. A Synced resource can therefore still have failed the operation.
 *
 * @param key the object; for hooks the name the server gave it
 * @param version the API version part ({@code v1}), empty when unknown
 * @param message what happened, e.g. {@code configured}, {@code pruned}, a health message or the API server's error
 * @param hookType the hook type for hooks, null for ordinary resources
 * @param phase the object's progress (see above), never null
 * @param syncPhase the phase the task ran in
 * @param wave the wave the task ran in
 */
public record TaskResult(ResourceKey key, String version, ResourceResultStatus status, String message,
        HookType hookType, OperationPhase phase, SyncPhase syncPhase, int wave) {

    public TaskResult {
        Objects.requireNonNull(key, "key");
        version = version == null ? "" : version;
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(syncPhase, "syncPhase");
    }

    public boolean isHook() {
        return hookType != null;
    }

    public Optional<HookType> hook() {
        return Optional.ofNullable(hookType);
    }

    /** Whether this task makes the operation fail: writing failed, a hook failed or a resource became Degraded. */
    public boolean failed() {
        return status == ResourceResultStatus.SyncFailed || phase == OperationPhase.Failed
                || phase == OperationPhase.Error;
    }

    TaskResult withPhase(OperationPhase newPhase, String newMessage) {
        return new TaskResult(key, version, status, newMessage == null || newMessage.isEmpty() ? message : newMessage,
                hookType, newPhase, syncPhase, wave);
    }

    TaskResult withMessage(String newMessage) {
        return new TaskResult(key, version, status, newMessage, hookType, phase, syncPhase, wave);
    }

    /**
     * The facade's shape. The hook phase is reported for hooks only (the facade documents it as "the hook's
     * outcome"); enums become their names, absent values empty strings.
     */
    public ResourceResult toResourceResult() {
        return new ResourceResult(key.group(), version, key.kind(), key.namespace(), key.name(), status.name(),
                message, isHook() ? hookType.name() : "", isHook() ? phase.name() : "", syncPhase.name(), wave);
    }

    /** E.g. {@code Sync/1 apps/Deployment shop/web Synced Running: configured}. */
    @Override
    public String toString() {
        return syncPhase + "/" + wave + (isHook() ? " hook " : " ") + key + " " + status + " " + phase
                + (message.isEmpty() ? "" : ": " + message);
    }
}
