package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import io.jenkins.plugins.gitops.engine.sync.hook.HookFinalizer;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of a sync operation: apply a target object, prune a live object, or run a hook, in one phase and wave
 * (gitops-engine {@code syncTask}).
 *
 * <p>Invariant: at least one of target and live is present. <b>No live object means create; no target means
 * prune.</b> Both present means update. Hooks always have a target. A prune task may carry a skip reason, in which case
 * the runner must not delete anything and records {@link ResourceResultStatus#PruneSkipped} with that reason.
 * Immutable; the planner derives adjusted copies (wave, phase) while ordering.
 */
public final class SyncTask {

    private final SyncPhase phase;
    private final int wave;
    private final KubeObject target;
    private final KubeObject live;
    private final HookType hookType;
    private final List<HookDeletePolicy> deletePolicies;
    private final SyncOptions options;
    private final boolean skipDryRunOnMissingResource;
    private final String skipReason;
    private final boolean awaitingConfirmation;
    private final List<KubeObject> previousRuns;
    private final boolean comparedSynced;

    private SyncTask(SyncPhase phase, int wave, KubeObject target, KubeObject live, HookType hookType,
            List<HookDeletePolicy> deletePolicies, SyncOptions options, boolean skipDryRunOnMissingResource,
            String skipReason, boolean awaitingConfirmation, List<KubeObject> previousRuns) {
        this(phase, wave, target, live, hookType, deletePolicies, options, skipDryRunOnMissingResource, skipReason,
                awaitingConfirmation, previousRuns, false);
    }

    private SyncTask(SyncPhase phase, int wave, KubeObject target, KubeObject live, HookType hookType,
            List<HookDeletePolicy> deletePolicies, SyncOptions options, boolean skipDryRunOnMissingResource,
            String skipReason, boolean awaitingConfirmation, List<KubeObject> previousRuns, boolean comparedSynced) {
        if (target == null && live == null) {
            throw new IllegalArgumentException("a sync task needs a target or a live object");
        }
        this.phase = Objects.requireNonNull(phase, "phase");
        this.wave = wave;
        this.target = target;
        this.live = live;
        this.hookType = hookType;
        this.deletePolicies = List.copyOf(deletePolicies);
        this.options = Objects.requireNonNull(options, "options");
        this.skipDryRunOnMissingResource = skipDryRunOnMissingResource;
        this.skipReason = skipReason;
        this.awaitingConfirmation = awaitingConfirmation;
        this.previousRuns = List.copyOf(previousRuns);
        this.comparedSynced = comparedSynced && target != null && live != null && hookType == null;
    }

    /** Apply {@code target} (create when {@code live} is null, else update) in the Sync phase. */
    public static SyncTask apply(KubeObject target, KubeObject live, int wave, SyncOptions options) {
        return new SyncTask(SyncPhase.Sync, wave, Objects.requireNonNull(target, "target"), live, null, List.of(),
                options, options.skipDryRunOnMissingResource(), null, false, List.of());
    }

    /** Delete {@code live}, which is no longer in Git, in the Sync phase. */
    public static SyncTask prune(KubeObject live, int wave, SyncOptions options) {
        return new SyncTask(SyncPhase.Sync, wave, null, Objects.requireNonNull(live, "live"), null, List.of(),
                options, false, null, false, List.of());
    }

    /** Run hook {@code target} in {@code phase}; {@code live} is a hook object left from an earlier sync, or null. */
    public static SyncTask hook(SyncPhase phase, KubeObject target, KubeObject live, int wave,
            List<HookDeletePolicy> deletePolicies, SyncOptions options) {
        if (deletePolicies.isEmpty()) {
            throw new IllegalArgumentException("a hook has at least one delete policy");
        }
        // written with Argo CD's hook finalizer, so nothing deletes the hook before its result was read
        return new SyncTask(phase, wave, HookFinalizer.add(Objects.requireNonNull(target, "target")), live,
                phase.hookType(), deletePolicies, options, options.skipDryRunOnMissingResource(), null, false,
                List.of());
    }

    SyncTask withWave(int newWave) {
        return new SyncTask(phase, newWave, target, live, hookType, deletePolicies, options,
                skipDryRunOnMissingResource, skipReason, awaitingConfirmation, previousRuns, comparedSynced);
    }

    SyncTask withPhaseAndWave(SyncPhase newPhase, int newWave) {
        return new SyncTask(newPhase, newWave, target, live, hookType, deletePolicies, options,
                skipDryRunOnMissingResource, skipReason, awaitingConfirmation, previousRuns, comparedSynced);
    }

    SyncTask withSkipDryRunOnMissingResource() {
        return new SyncTask(phase, wave, target, live, hookType, deletePolicies, options, true, skipReason,
                awaitingConfirmation, previousRuns, comparedSynced);
    }

    /**
     * This update task's resource compared Synced before the sync: the live object already is what Git declares (as
     * normalised for comparison). Such a task is applied again like any other, but it needs no server-side dry run
     * before the first write: the server accepted this very content when it was last applied.
     */
    SyncTask withComparedSynced() {
        return new SyncTask(phase, wave, target, live, hookType, deletePolicies, options,
                skipDryRunOnMissingResource, skipReason, awaitingConfirmation, previousRuns, true);
    }

    /** A prune task that must not delete: the runner reports PruneSkipped with {@code reason}. */
    SyncTask withPruneSkipped(String reason, boolean needsConfirmation) {
        if (!isPrune()) {
            throw new IllegalStateException("only prune tasks can be skipped: " + this);
        }
        return new SyncTask(phase, wave, target, live, hookType, deletePolicies, options,
                skipDryRunOnMissingResource, reason, needsConfirmation, previousRuns);
    }

    /**
     * A hook whose name the planner generated ({@code metadata.generateName}), with the objects earlier syncs created
     * from the same hook: live hooks of this application with the same kind, namespace and generateName. They are what
     * {@code BeforeHookCreation} deletes, since the new object gets a new name.
     */
    SyncTask withPreviousRuns(List<KubeObject> objects) {
        return new SyncTask(phase, wave, target, live, hookType, deletePolicies, options,
                skipDryRunOnMissingResource, skipReason, awaitingConfirmation, objects);
    }

    public SyncPhase phase() {
        return phase;
    }

    public int wave() {
        return wave;
    }

    /** The object from Git to apply; empty for prune tasks. */
    public Optional<KubeObject> target() {
        return Optional.ofNullable(target);
    }

    /** The object in the cluster; empty when it is to be created. */
    public Optional<KubeObject> live() {
        return Optional.ofNullable(live);
    }

    /** The target if there is one, else the live object (gitops-engine {@code syncTask.obj}). */
    public KubeObject object() {
        return target != null ? target : live;
    }

    public ResourceKey key() {
        return object().key();
    }

    public String kind() {
        return object().kind();
    }

    public String name() {
        return object().name();
    }

    public boolean isPrune() {
        return target == null;
    }

    public boolean isCreate() {
        return target != null && live == null;
    }

    public boolean isHook() {
        return hookType != null;
    }

    /** The hook type (the phase it runs in) for hooks; empty for resources. */
    public Optional<HookType> hookType() {
        return Optional.ofNullable(hookType);
    }

    /** Delete policies of a hook; empty for resources. */
    public List<HookDeletePolicy> deletePolicies() {
        return deletePolicies;
    }

    public boolean hasDeletePolicy(HookDeletePolicy policy) {
        return deletePolicies.contains(policy);
    }

    /** Whether hook objects left from earlier syncs must be deleted before this hook is created. */
    public boolean deleteBeforeCreation() {
        return !leftovers().isEmpty() && hasDeletePolicy(HookDeletePolicy.BeforeHookCreation);
    }

    /**
     * Hook objects left from earlier syncs: the live object of the same name, and for a hook with a generated name the
     * objects earlier runs created ({@link #withPreviousRuns}). Empty for resources.
     */
    public List<KubeObject> leftovers() {
        if (!isHook()) {
            return List.of();
        }
        List<KubeObject> out = new java.util.ArrayList<>();
        if (live != null) {
            out.add(live);
        }
        out.addAll(previousRuns);
        return List.copyOf(out);
    }

    /** The sync options in force for this object: the application's, overridden by the object's annotation. */
    public SyncOptions options() {
        return options;
    }

    /**
     * Whether the dry run may be skipped when the cluster does not know the object's kind yet: the option
     * {@code SkipDryRunOnMissingResource=true} is set, or the CRD defining the kind is part of this sync.
     */
    public boolean skipDryRunOnMissingResource() {
        return skipDryRunOnMissingResource;
    }

    /** Whether the resource compared Synced before this sync ({@link #withComparedSynced}); false for hooks, creates
     * and prunes. */
    public boolean comparedSynced() {
        return comparedSynced;
    }

    /** Why a prune task must not delete; empty when the task runs normally. */
    public Optional<String> skipReason() {
        return Optional.ofNullable(skipReason);
    }

    /** Whether pruning waits for a person to confirm it ({@code Prune=confirm} / {@code Delete=confirm}). */
    public boolean awaitingConfirmation() {
        return awaitingConfirmation;
    }

    /** The result already decided by planning (PruneSkipped for skipped prunes); empty when the runner decides. */
    public Optional<ResourceResultStatus> plannedResult() {
        return skipReason == null ? Optional.empty() : Optional.of(ResourceResultStatus.PruneSkipped);
    }

    private String action() {
        if (isPrune()) {
            return skipReason == null ? "prune" : "prune skipped: " + skipReason;
        }
        return isCreate() ? "create" : "update";
    }

    /** E.g. {@code PreSync/-1 hook batch/Job ns/migrate (create)}. Never contains object content. */
    @Override
    public String toString() {
        return phase + "/" + wave + " " + (isHook() ? "hook " : "") + key() + " (" + action() + ")";
    }
}
