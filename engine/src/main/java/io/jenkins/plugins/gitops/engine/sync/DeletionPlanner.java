package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import io.jenkins.plugins.gitops.engine.sync.hook.helm.HelmHookType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the deletion of an application (Argo CD's {@code finalizeApplicationDeletion} in
 * {@code controller/appcontroller.go}) as three plans a sync runner executes one after another:
 * <ol>
 *   <li>{@link #planHooks hooks} of phase {@link SyncPhase#PreDelete}: the desired objects whose
 *       {@code argocd.argoproj.io/hook} lists {@code PreDelete} (or, without it, whose {@code helm.sh/hook} lists
 *       {@code pre-delete}), in wave order;</li>
 *   <li>{@link #planResources resources}: one prune task per live object the application tracks, in reverse wave
 *       order, deleted with the chosen propagation policy. As Argo CD's {@code shouldBeDeleted}, CustomResourceDefinitions,
 *       objects with {@code helm.sh/resource-policy: keep} and objects with {@code Delete=false} are kept
 *       (PruneSkipped, naming why); {@code Delete=confirm} waits for confirmation;</li>
 *   <li>{@link #planHooks hooks} of phase {@link SyncPhase#PostDelete}.</li>
 * </ol>
 * An invalid annotation on a hook of the planned phase is a problem (the deletion is refused before anything runs);
 * on any other object it is only a warning, since that object is merely deleted. Stateless.
 */
public final class DeletionPlanner {

    /** Helm's annotation that keeps an object when its release (here: application) is deleted. */
    static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";

    /**
     * The hooks of a deletion phase.
     *
     * @param phase     {@link SyncPhase#PreDelete} or {@link SyncPhase#PostDelete}
     * @param desired   the application's rendered, tracking-stamped objects
     * @param live      the live objects the application tracks (a hook left from an earlier attempt is among them)
     * @param revision  the rendered commit (names hooks that only have {@code metadata.generateName})
     */
    public SyncPlan planHooks(String appName, SyncPhase phase, List<KubeObject> desired,
            Map<ResourceKey, KubeObject> live, SyncOptions appOptions, String revision, Instant startedAt) {
        if (phase != SyncPhase.PreDelete && phase != SyncPhase.PostDelete) {
            throw new IllegalArgumentException("not a deletion phase: " + phase);
        }
        HookType type = phase.hookType();
        SyncRequest naming = SyncRequest.builder(appName).appOptions(appOptions)
                .revision(revision == null ? "" : revision).startedAt(startedAt).build();
        List<PlanProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<SyncTask> tasks = new ArrayList<>();
        for (KubeObject object : desired) {
            PlannedObject planned;
            try {
                planned = PlannedObject.read(object, appOptions);
            } catch (IllegalArgumentException e) {
                if (mentions(object, type)) {
                    problems.add(new PlanProblem(object.kind().isEmpty() ? null : object.key(), e.getMessage()));
                }
                continue;
            }
            if (!planned.hook().hook() || !planned.hook().types().contains(type)) {
                continue;
            }
            KubeObject target = HookTasks.named(object, phase, naming);
            KubeObject existing = live.get(target.key());
            tasks.add(SyncTask.hook(phase, target, existing, planned.wave(), planned.hook().deletePolicies(),
                    planned.options()));
        }
        return new SyncPlan(appName, SyncTasks.of(tasks), problems, warnings, false);
    }

    /**
     * Deleting the application's live objects (cascading deletion).
     *
     * @param propagation how Kubernetes treats each object's dependents (foreground: the object stays until they are
     *                    gone; background: the garbage collector removes them afterwards)
     * @param confirmed   whether a person confirmed deleting {@code Delete=confirm} objects
     */
    public SyncPlan planResources(String appName, Map<ResourceKey, KubeObject> live, SyncOptions appOptions,
            PropagationPolicy propagation, boolean confirmed) {
        SyncOptions policy = SyncOptions.parse(List.of("PrunePropagationPolicy=" + propagation.kubernetesValue()),
                "deletion");
        List<String> warnings = new ArrayList<>();
        List<SyncTask> tasks = new ArrayList<>();
        for (KubeObject object : live.values()) {
            int wave = wave(object, warnings);
            SyncOptions options;
            try {
                options = appOptions.overriddenBy(SyncOptions.fromAnnotation(object)).overriddenBy(policy);
            } catch (IllegalArgumentException e) {
                tasks.add(SyncTask.prune(object, wave, appOptions.overriddenBy(policy))
                        .withPruneSkipped("cannot read its sync options: " + e.getMessage(), false));
                continue;
            }
            tasks.add(decide(SyncTask.prune(object, wave, options), object, options, confirmed));
        }
        return new SyncPlan(appName, SyncTasks.of(tasks), List.of(), warnings, false);
    }

    private static SyncTask decide(SyncTask task, KubeObject object, SyncOptions options, boolean confirmed) {
        if (object.kind().equals("CustomResourceDefinition") && object.group().equals("apiextensions.k8s.io")) {
            return task.withPruneSkipped("CustomResourceDefinitions are not deleted with the application (as in"
                    + " Argo CD): that would delete every custom resource of its kind", false);
        }
        String resourcePolicy = object.annotation(HELM_RESOURCE_POLICY);
        if (resourcePolicy != null && Set.of(resourcePolicy.split(",")).stream().map(String::trim)
                .anyMatch("keep"::equals)) {
            return task.withPruneSkipped(HELM_RESOURCE_POLICY + ": keep", false);
        }
        return switch (options.delete()) {
            case ALLOWED -> task;
            case DISABLED -> task.withPruneSkipped("Delete=false", false);
            case CONFIRM -> confirmed ? task
                    : task.withPruneSkipped("Delete=confirm: waiting for deletion to be confirmed", true);
        };
    }

    /** Whether the object's hook annotations name {@code type}, even if they cannot be read as a whole. */
    private static boolean mentions(KubeObject object, HookType type) {
        String argo = object.annotation(AnnotationNames.HOOK);
        if (argo != null) {
            return List.of(argo.split(",")).stream().map(String::trim).anyMatch(type.name()::equals);
        }
        String helm = object.annotation(AnnotationNames.HELM_HOOK);
        return helm != null && List.of(helm.split(",")).stream().map(String::trim)
                .anyMatch(v -> HelmHookType.parse(v).flatMap(HelmHookType::argoType).filter(type::equals).isPresent());
    }

    private static int wave(KubeObject live, List<String> warnings) {
        try {
            return SyncWave.of(live);
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + "; deleting it in wave " + SyncWave.DEFAULT);
            return SyncWave.DEFAULT;
        }
    }
}
