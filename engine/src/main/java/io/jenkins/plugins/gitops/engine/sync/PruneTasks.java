package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates prune tasks for live objects that Git no longer declares, and decides which of them must be left alone
 * (gitops-engine {@code pruneObject} and the {@code Prune=confirm} check of {@code runTasks}):
 * <ul>
 *   <li>prune not enabled: PruneSkipped "prune not enabled" - the resource stays and still requires pruning;</li>
 *   <li>{@code Prune=false} on the live object or the application: PruneSkipped "Prune=false";</li>
 *   <li>{@code Prune=confirm} without confirmation: PruneSkipped, {@link SyncTask#awaitingConfirmation()}.</li>
 * </ul>
 * Live hooks and Skip objects are never pruned. A live object's annotations come from an earlier Git state that can
 * no longer be fixed in Git, so an unreadable wave only warns; unreadable sync options keep the object (it might say
 * {@code Prune=false}).
 */
final class PruneTasks {

    static final String PRUNE_DISABLED = "prune not enabled";

    private PruneTasks() {}

    static List<SyncTask> of(SyncRequest request, Map<ResourceKey, KubeObject> unclaimed, List<String> warnings) {
        List<SyncTask> tasks = new ArrayList<>();
        for (KubeObject live : unclaimed.values()) {
            HookSpec hook;
            try {
                hook = HookSpec.of(live);
            } catch (IllegalArgumentException e) {
                warnings.add("not pruning " + live.key() + ": " + e.getMessage());
                continue;
            }
            if (hook.hook() || hook.skip()) {
                continue;
            }
            tasks.add(decide(request, live, wave(live, warnings)));
        }
        return tasks;
    }

    /**
     * Tasks deleting every live object of a deleted application: {@code Delete=false} keeps an object (PruneSkipped),
     * {@code Delete=confirm} waits for {@code confirmed}. Objects are deleted in reverse wave order; hooks too.
     */
    static List<SyncTask> forDeletion(Map<ResourceKey, KubeObject> live, SyncOptions appOptions, boolean confirmed,
            List<String> warnings) {
        List<SyncTask> tasks = new ArrayList<>();
        for (KubeObject object : live.values()) {
            int wave = wave(object, warnings);
            SyncOptions options;
            try {
                options = appOptions.overriddenBy(SyncOptions.fromAnnotation(object));
            } catch (IllegalArgumentException e) {
                tasks.add(SyncTask.prune(object, wave, appOptions)
                        .withPruneSkipped("cannot read its sync options: " + e.getMessage(), false));
                continue;
            }
            SyncTask task = SyncTask.prune(object, wave, options);
            tasks.add(switch (options.delete()) {
                case ALLOWED -> task;
                case DISABLED -> task.withPruneSkipped("Delete=false", false);
                case CONFIRM -> confirmed ? task
                        : task.withPruneSkipped("Delete=confirm: waiting for deletion to be confirmed", true);
            });
        }
        return tasks;
    }

    private static SyncTask decide(SyncRequest request, KubeObject live, int wave) {
        SyncOptions options;
        try {
            options = request.appOptions().overriddenBy(SyncOptions.fromAnnotation(live));
        } catch (IllegalArgumentException e) {
            return SyncTask.prune(live, wave, request.appOptions())
                    .withPruneSkipped("cannot read its sync options: " + e.getMessage(), false);
        }
        SyncTask task = SyncTask.prune(live, wave, options);
        if (!request.prune()) {
            return task.withPruneSkipped(PRUNE_DISABLED, false);
        }
        return switch (options.prune()) {
            case ALLOWED -> task;
            case DISABLED -> task.withPruneSkipped("Prune=false", false);
            case CONFIRM -> request.pruneConfirmed() ? task
                    : task.withPruneSkipped("Prune=confirm: waiting for pruning to be confirmed", true);
        };
    }

    private static int wave(KubeObject live, List<String> warnings) {
        try {
            return SyncWave.of(live);
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + "; pruning it in wave " + SyncWave.DEFAULT);
            return SyncWave.DEFAULT;
        }
    }
}
