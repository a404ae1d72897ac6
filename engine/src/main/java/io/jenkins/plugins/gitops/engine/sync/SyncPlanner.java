package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns desired and live state into an ordered {@link SyncPlan}, without touching a cluster (gitops-engine
 * {@code getSyncTasks} plus the controller rules around it). Rules:
 * <ul>
 *   <li>Desired objects with hook annotations are hooks, not managed resources: they run in their phases; Skip
 *       objects and PostDelete hooks do nothing. Live hook objects are never pruned.</li>
 *   <li>A selective sync keeps only the selected resources (applies and prunes) and runs no hooks.</li>
 *   <li>Live objects absent from Git become prune tasks; without prune enabled, with {@code Prune=false} or with an
 *       unconfirmed {@code Prune=confirm} they are PruneSkipped with the reason.</li>
 *   <li>{@code ApplyOutOfSyncOnly=true} drops resources whose status is Synced; {@code FailOnSharedResource=true}
 *       refuses resources another application tracks; {@code allowEmpty=false} refuses to prune everything.</li>
 *   <li>A resource that exists and compares Synced is still applied (unless {@code ApplyOutOfSyncOnly=true}), but is
 *       marked {@link SyncTask#comparedSynced()}: the operation's pre-write dry run need not ask the server again.</li>
 *   <li>{@code CreateNamespace=true} adds the destination Namespace in PreSync unless Git declares it.</li>
 *   <li>{@code RespectIgnoreDifferences=true} keeps the fields {@code ignoreDifferences} names out of what is applied
 *       to an existing object (through {@link SyncRequest#ignoredFields()}).</li>
 * </ul>
 * Invalid annotations on desired objects become {@link PlanProblem problems}, all reported together. Stateless.
 */
public final class SyncPlanner {

    /** Plans one sync. Never throws for bad input: problems are in the plan. */
    public SyncPlan plan(SyncRequest request) {
        Collected collected = new Collected();
        Map<ResourceKey, PlannedObject> resources = new LinkedHashMap<>();
        List<PlannedObject> hooks = new ArrayList<>();
        Set<ResourceKey> ignored = new HashSet<>();
        readDesired(request, collected, resources, hooks, ignored);

        Map<ResourceKey, KubeObject> unclaimed = new LinkedHashMap<>(request.live());
        List<SyncTask> tasks = new ArrayList<>();
        ignored.forEach(key -> claim(unclaimed, key));
        for (PlannedObject resource : resources.values()) {
            KubeObject live = claim(unclaimed, resource.object().key());
            if (isSelected(request, resource.object().key()) && needsApply(request, resource, live)) {
                checkShared(request, resource, collected);
                KubeObject target = live != null && resource.options().respectIgnoreDifferences()
                        ? request.ignoredFields().apply(resource.object(), live) : resource.object();
                SyncTask task = SyncTask.apply(target, live, resource.wave(), resource.options());
                tasks.add(live != null && request.syncStatus().get(resource.object().key()) == SyncStatus.Synced
                        ? task.withComparedSynced() : task);
            }
        }
        tasks.addAll(HookTasks.of(request, hooks, unclaimed, collected.problems));
        addNamespace(request, resources, hooks, unclaimed, tasks);
        List<SyncTask> prunes = PruneTasks.of(request, unclaimed, collected.warnings);
        refuseEmptySync(request, resources, prunes, collected);
        prunes.stream().filter(t -> isSelected(request, t.key())).forEach(tasks::add);
        return new SyncPlan(request.appName(), SyncTasks.of(markSkipDryRun(request, tasks)), collected.problems,
                collected.warnings, request.dryRun());
    }

    /**
     * Plans deleting an application's resources (cascading deletion): one prune task per live object, in reverse wave
     * order. Objects with {@code Delete=false} are kept, {@code Delete=confirm} ones wait for {@code confirmed}.
     * PostDelete hooks are not part of this plan.
     */
    public SyncPlan planDeletion(String appName, Map<ResourceKey, KubeObject> live, SyncOptions appOptions,
            boolean confirmed) {
        Collected collected = new Collected();
        List<SyncTask> tasks = PruneTasks.forDeletion(live, appOptions, confirmed, collected.warnings);
        return new SyncPlan(appName, SyncTasks.of(tasks), collected.problems, collected.warnings, false);
    }

    private static void readDesired(SyncRequest request, Collected collected, Map<ResourceKey, PlannedObject> resources,
            List<PlannedObject> hooks, Set<ResourceKey> ignored) {
        Map<ResourceKey, String> seen = new LinkedHashMap<>();
        for (KubeObject object : request.desired()) {
            PlannedObject planned;
            try {
                planned = PlannedObject.read(object, request.appOptions());
            } catch (IllegalArgumentException e) {
                collected.problems.add(new PlanProblem(keyOrNull(object), e.getMessage()));
                continue;
            }
            ResourceKey key = object.key();
            if (!object.name().isEmpty()) {
                String earlier = seen.putIfAbsent(key, object.source());
                if (earlier != null) {
                    collected.problems.add(new PlanProblem(key, key + " is declared twice (" + describeSource(earlier)
                            + " and " + describeSource(object.source()) + ")"));
                    continue;
                }
            }
            if (planned.hook().hook()) {
                hooks.add(planned);
            } else if (planned.hook().skip()) {
                ignored.add(key);
            } else {
                resources.put(key, planned);
            }
        }
    }

    /** Takes the live object for a desired key out of the unclaimed set (cluster-scoped live objects have no ns). */
    static KubeObject claim(Map<ResourceKey, KubeObject> unclaimed, ResourceKey key) {
        KubeObject live = unclaimed.remove(key);
        return live != null ? live : unclaimed.remove(key.withNamespace(""));
    }

    private static boolean isSelected(SyncRequest request, ResourceKey key) {
        return request.selected().map(s -> s.contains(key)).orElse(true);
    }

    /** ApplyOutOfSyncOnly drops resources that exist and compare Synced (gitops-engine filterOutOfSyncTasks). */
    private static boolean needsApply(SyncRequest request, PlannedObject resource, KubeObject live) {
        return !(resource.options().applyOutOfSyncOnly() && live != null
                && request.syncStatus().get(resource.object().key()) == SyncStatus.Synced);
    }

    private static void checkShared(SyncRequest request, PlannedObject resource, Collected collected) {
        ResourceKey key = resource.object().key();
        if (resource.options().failOnSharedResource() && request.sharedWithOtherApp().test(key)) {
            collected.problems.add(new PlanProblem(key, "shared resource found: " + key
                    + " is already tracked by another application (FailOnSharedResource=true)"));
        }
    }

    /** gitops-engine's automated-sync guard: with allowEmpty false, never wipe out every resource. */
    private static void refuseEmptySync(SyncRequest request, Map<ResourceKey, PlannedObject> resources,
            List<SyncTask> prunes, Collected collected) {
        long deleting = prunes.stream().filter(t -> t.skipReason().isEmpty()).count();
        if (!request.allowEmpty() && resources.isEmpty() && deleting > 0) {
            collected.problems.add(new PlanProblem(null, "refusing to sync: Git declares no resources, so the sync"
                    + " would prune all " + deleting + " live resource(s) and apply nothing (allowEmpty is false)"));
        }
    }

    /**
     * CreateNamespace: a PreSync task for the destination namespace, ahead of every wave (gitops-engine
     * {@code autoCreateNamespace}). A live namespace this application tracks is updated, never pruned.
     */
    private static void addNamespace(SyncRequest request, Map<ResourceKey, PlannedObject> resources,
            List<PlannedObject> hooks, Map<ResourceKey, KubeObject> unclaimed, List<SyncTask> tasks) {
        String ns = request.destinationNamespace();
        if (!request.appOptions().createNamespace() || ns.isEmpty()) {
            return;
        }
        ResourceKey key = new ResourceKey("", "Namespace", "", ns);
        boolean declared = resources.containsKey(key)
                || hooks.stream().anyMatch(h -> h.object().key().equals(key));
        if (declared) {
            return;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", ns);
        int firstWave = Math.min(SyncWave.DEFAULT, tasks.stream().filter(t -> t.phase() == SyncPhase.PreSync)
                .mapToInt(SyncTask::wave).min().orElse(SyncWave.DEFAULT));
        KubeObject namespace = new KubeObject(node, "CreateNamespace=true");
        tasks.add(SyncTask.apply(namespace, claim(unclaimed, key), firstWave, request.appOptions())
                .withPhaseAndWave(SyncPhase.PreSync, firstWave));
    }

    /** Custom resources whose CRD is part of this sync may skip the dry run while their kind is unknown. */
    private static List<SyncTask> markSkipDryRun(SyncRequest request, List<SyncTask> tasks) {
        Set<String> definedKinds = new HashSet<>();
        for (KubeObject object : request.desired()) {
            if (!object.kind().isEmpty()) {
                String gk = SyncTasks.crdDefined(object);
                if (gk != null) {
                    definedKinds.add(gk);
                }
            }
        }
        List<SyncTask> marked = new ArrayList<>(tasks);
        marked.replaceAll(t -> t.target().isPresent() && !t.skipDryRunOnMissingResource()
                        && definedKinds.contains(SyncTasks.groupKindUsed(t.target().get()))
                ? t.withSkipDryRunOnMissingResource() : t);
        return marked;
    }

    private static ResourceKey keyOrNull(KubeObject object) {
        return object.kind().isEmpty() ? null : object.key();
    }

    private static String describeSource(String source) {
        return source.isEmpty() ? "unknown file" : source;
    }

    /** Problems and warnings gathered while planning. */
    static final class Collected {
        final List<PlanProblem> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
    }
}
