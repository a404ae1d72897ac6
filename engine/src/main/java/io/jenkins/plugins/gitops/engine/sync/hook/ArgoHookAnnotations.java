package io.jenkins.plugins.gitops.engine.sync.hook;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads Argo CD's own hook annotations, {@code argocd.argoproj.io/hook} and
 * {@code argocd.argoproj.io/hook-delete-policy} (gitops-engine {@code hook.Types} and {@code hook.DeletePolicies},
 * without the Helm fallback, which callers combine with {@code hook.helm.HelmHook}).
 *
 * <p>Unlike gitops-engine, which silently drops unknown values (so {@code Presync} makes a hook that never runs), an
 * unknown value is an error naming the resource, the annotation and the accepted values.
 */
public final class ArgoHookAnnotations {

    private ArgoHookAnnotations() {}

    /** Whether the object carries {@code argocd.argoproj.io/hook} at all. */
    public static boolean hasHookAnnotation(KubeObject object) {
        return object.annotations().containsKey(AnnotationNames.HOOK);
    }

    /** Whether the object carries {@code argocd.argoproj.io/hook-delete-policy}. */
    public static boolean hasDeletePolicyAnnotation(KubeObject object) {
        return object.annotations().containsKey(AnnotationNames.HOOK_DELETE_POLICY);
    }

    /**
     * The hook types listed in {@code argocd.argoproj.io/hook}; empty when the annotation is absent.
     *
     * @throws IllegalArgumentException when the annotation is present but empty or lists an unknown type
     */
    public static List<HookType> types(KubeObject object) {
        if (!hasHookAnnotation(object)) {
            return List.of();
        }
        List<String> items = AnnotationCsv.values(object, AnnotationNames.HOOK);
        if (items.isEmpty()) {
            throw new IllegalArgumentException(AnnotationCsv.describe(object) + ": annotation " + AnnotationNames.HOOK
                    + " is empty; expected one or more of " + names(HookType.values()));
        }
        List<HookType> types = new ArrayList<>();
        for (String item : items) {
            types.add(HookType.parse(item).orElseThrow(() -> unknown(object, AnnotationNames.HOOK, item,
                    HookType.ignoringCase(item).map(Enum::name).orElse(null), names(HookType.values()))));
        }
        return List.copyOf(types);
    }

    /**
     * The delete policies listed in {@code argocd.argoproj.io/hook-delete-policy}; empty when absent.
     *
     * @throws IllegalArgumentException when a listed policy is unknown
     */
    public static List<HookDeletePolicy> deletePolicies(KubeObject object) {
        List<HookDeletePolicy> policies = new ArrayList<>();
        for (String item : AnnotationCsv.values(object, AnnotationNames.HOOK_DELETE_POLICY)) {
            policies.add(HookDeletePolicy.parse(item).orElseThrow(() -> unknown(object,
                    AnnotationNames.HOOK_DELETE_POLICY, item, null, names(HookDeletePolicy.values()))));
        }
        return List.copyOf(policies);
    }

    private static IllegalArgumentException unknown(
            KubeObject object, String annotation, String value, String suggestion, String accepted) {
        String hint = suggestion == null ? "" : " (did you mean " + suggestion + "?)";
        return new IllegalArgumentException(AnnotationCsv.describe(object) + ": annotation " + annotation
                + " has unknown value '" + value + "'" + hint + "; expected one of " + accepted);
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
