package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The phases of a sync operation, declared in execution order (gitops-engine {@code syncPhaseOrder}: PreSync -1,
 * Sync 0, PostSync 1, SyncFail 2). {@link #SyncFail} runs only when an earlier phase failed. {@link #PreDelete} and
 * {@link #PostDelete} belong to the deletion of an application only (Argo CD's {@code controller/hook.go}): no sync
 * plan contains them.
 */
public enum SyncPhase {
    PreSync,
    Sync,
    PostSync,
    SyncFail,
    PreDelete,
    PostDelete;

    /** Which phase a hook type runs in (gitops-engine {@code syncPhases}); Skip, PreDelete and PostDelete run in none. */
    private static final Map<HookType, SyncPhase> BY_HOOK_TYPE = new EnumMap<>(Map.of(
            HookType.PreSync, PreSync,
            HookType.Sync, Sync,
            HookType.PostSync, PostSync,
            HookType.SyncFail, SyncFail));

    /** The sync phase a hook of this type runs in; empty for Skip, PreDelete and PostDelete. */
    public static Optional<SyncPhase> of(HookType type) {
        return Optional.ofNullable(BY_HOOK_TYPE.get(type));
    }

    /** The hook type that runs in this phase (hook results report it). */
    public HookType hookType() {
        return HookType.valueOf(name());
    }
}
