package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.hook.ArgoHookAnnotations;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import io.jenkins.plugins.gitops.engine.sync.hook.helm.HelmHook;
import java.util.ArrayList;
import java.util.List;

/**
 * What an object's hook annotations say: whether it is a hook, the hook types and the delete policies. Argo CD's
 * annotations win; Helm's are read only when {@code argocd.argoproj.io/hook} is absent (and Helm delete policies only
 * when {@code argocd.argoproj.io/hook-delete-policy} is absent too). Mirrors gitops-engine {@code hook.IsHook},
 * {@code hook.Skip}, {@code hook.Types}, {@code hook.DeletePolicies} and {@code syncPhases}.
 *
 * <p>Invariant: a non-hook has no delete policies; a hook has at least one ({@link HookDeletePolicy#DEFAULT}).
 *
 * @param hook true for hooks: objects run in hook phases instead of being managed resources
 * @param skip true when the only hook type is {@code Skip}: the object is neither applied nor pruned
 * @param types the hook types in annotation order
 * @param deletePolicies when the hook object is deleted
 */
public record HookSpec(boolean hook, boolean skip, List<HookType> types, List<HookDeletePolicy> deletePolicies) {

    /** An ordinary managed resource. */
    public static final HookSpec NONE = new HookSpec(false, false, List.of(), List.of());

    public HookSpec {
        types = List.copyOf(types);
        deletePolicies = List.copyOf(deletePolicies);
    }

    /**
     * Reads an object's hook annotations.
     *
     * @throws IllegalArgumentException naming the resource and annotation for unknown Argo CD hook values
     */
    public static HookSpec of(KubeObject object) {
        boolean argo = ArgoHookAnnotations.hasHookAnnotation(object);
        List<HookType> types;
        boolean hook;
        if (argo) {
            types = ArgoHookAnnotations.types(object);
            hook = !skipOnly(types);
        } else if (HelmHook.isHook(object)) {
            types = HelmHook.types(object);
            hook = true;
        } else {
            return NONE;
        }
        if (!hook) {
            return new HookSpec(false, true, types, List.of());
        }
        List<HookDeletePolicy> policies = new ArrayList<>(ArgoHookAnnotations.deletePolicies(object));
        if (!argo && !ArgoHookAnnotations.hasDeletePolicyAnnotation(object)) {
            policies.addAll(HelmHook.deletePolicies(object));
        }
        if (policies.isEmpty()) {
            policies.add(HookDeletePolicy.DEFAULT);
        }
        return new HookSpec(true, false, types, policies);
    }

    /** gitops-engine {@code hook.Skip}: Skip counts only when it is the sole type. */
    private static boolean skipOnly(List<HookType> types) {
        return types.size() == 1 && types.get(0) == HookType.Skip;
    }

    /**
     * The sync phases the object takes part in: none for Skip, one per phase hook type for hooks (PreDelete, PostDelete and
     * unmapped Helm hooks give none), {@link SyncPhase#Sync} for ordinary resources.
     */
    public List<SyncPhase> phases() {
        if (skip) {
            return List.of();
        }
        if (!hook) {
            return List.of(SyncPhase.Sync);
        }
        List<SyncPhase> phases = new ArrayList<>();
        for (HookType type : types) {
            SyncPhase.of(type).filter(p -> !phases.contains(p)).ifPresent(phases::add);
        }
        phases.sort(null);
        return List.copyOf(phases);
    }
}
