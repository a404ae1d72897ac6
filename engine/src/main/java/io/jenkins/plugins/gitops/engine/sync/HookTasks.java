package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates the hook tasks of a sync: one per hook and phase it runs in (gitops-engine {@code getSyncTasks}, hook part).
 * A hook with only {@code metadata.generateName} gets a name that is stable for the operation:
 * {@code <generateName><revision[0:7]>-<phase>-<startedAt epoch seconds>}, lower case, as gitops-engine names it; it
 * keeps its generateName, is created (never applied), and only then gets its tracking marks
 * ({@link SyncRequest#trackHook()}), because the tracking id names the object. The objects earlier syncs created from
 * the same hook (live hooks of this application with its kind, namespace and generateName) become the task's previous
 * runs, which {@code BeforeHookCreation} deletes (Argo CD finds none, because it looks them up by the new name).
 */
final class HookTasks {

    private HookTasks() {}

    /**
     * The hook tasks; none for a selective sync. Live objects of hooks are taken out of {@code unclaimed} in every case,
     * so that they are never pruned.
     */
    static List<SyncTask> of(SyncRequest request, List<PlannedObject> hooks, Map<ResourceKey, KubeObject> unclaimed,
            List<PlanProblem> problems) {
        List<SyncTask> tasks = new ArrayList<>();
        for (PlannedObject hook : hooks) {
            List<KubeObject> previousRuns = previousRuns(hook.object(), unclaimed);
            for (SyncPhase phase : hook.hook().phases()) {
                boolean generated = hook.object().name().isEmpty();
                KubeObject target = generated ? request.trackHook().apply(named(hook.object(), phase, request))
                        : hook.object();
                KubeObject live = SyncPlanner.claim(unclaimed, target.key());
                if (!request.selective()) {
                    SyncTask task = SyncTask.hook(phase, target, live, hook.wave(), hook.hook().deletePolicies(),
                            hook.options());
                    tasks.add(previousRuns.isEmpty() ? task : task.withPreviousRuns(previousRuns));
                    previousRuns = List.of();
                }
            }
        }
        return tasks;
    }

    /** Live hooks created from the same generateName hook by earlier syncs; taken out of {@code unclaimed}. */
    private static List<KubeObject> previousRuns(KubeObject hook, Map<ResourceKey, KubeObject> unclaimed) {
        if (!hook.name().isEmpty()) {
            return List.of();
        }
        ResourceKey key = hook.key();
        List<KubeObject> found = new ArrayList<>();
        for (KubeObject live : List.copyOf(unclaimed.values())) {
            ResourceKey k = live.key();
            if (k.group().equals(key.group()) && k.kind().equals(key.kind()) && k.namespace().equals(key.namespace())
                    && live.generateName().equals(hook.generateName()) && isHook(live)) {
                found.add(live);
                unclaimed.remove(k);
            }
        }
        return List.copyOf(found);
    }

    private static boolean isHook(KubeObject live) {
        try {
            return HookSpec.of(live).hook();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static KubeObject named(KubeObject hook, SyncPhase phase, SyncRequest request) {
        if (!hook.name().isEmpty()) {
            return hook;
        }
        String revision = request.revision();
        String shortRevision = revision.length() >= 8 ? revision.substring(0, 7) : revision;
        String suffix = (shortRevision + "-" + phase + "-" + request.startedAt().getEpochSecond())
                .toLowerCase(Locale.ROOT);
        var node = hook.mutableCopy();
        node.with("metadata").put("name", hook.generateName() + suffix);
        return new KubeObject(node, hook.source());
    }
}
