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
 * {@code <generateName><revision[0:7]>-<phase>-<startedAt epoch seconds>}, lower case, as gitops-engine names it.
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
            for (SyncPhase phase : hook.hook().phases()) {
                KubeObject target = named(hook.object(), phase, request);
                KubeObject live = SyncPlanner.claim(unclaimed, target.key());
                if (!request.selective()) {
                    tasks.add(SyncTask.hook(phase, target, live, hook.wave(), hook.hook().deletePolicies(),
                            hook.options()));
                }
            }
        }
        return tasks;
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
