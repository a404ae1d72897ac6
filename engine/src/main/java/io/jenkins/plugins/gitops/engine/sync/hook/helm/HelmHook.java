package io.jenkins.plugins.gitops.engine.sync.hook.helm;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.hook.AnnotationCsv;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads Helm's hook annotations ({@code helm.sh/hook}, {@code helm.sh/hook-weight},
 * {@code helm.sh/hook-delete-policy}) as Argo CD understands them (gitops-engine {@code hook/helm}). This class only
 * translates; the rule that Argo CD's own annotations win is applied by the caller.
 */
public final class HelmHook {

    private HelmHook() {}

    /**
     * Whether Helm declares the object a hook: it has {@code helm.sh/hook} with a value other than
     * {@code crd-install} (Helm uses the same annotation for CRDs, which are not hooks).
     */
    public static boolean isHook(KubeObject object) {
        String value = object.annotation(AnnotationNames.HELM_HOOK);
        return value != null && !value.trim().equals(HelmHookType.CRD_INSTALL.value());
    }

    /**
     * The Argo CD hook types the Helm hook types map to; Helm hooks without a counterpart are left out.
     *
     * @throws IllegalArgumentException naming the resource for a value Helm does not define (a typo would otherwise
     *                                  make an object that is silently never deployed)
     */
    public static List<HookType> types(KubeObject object) {
        List<HookType> types = new ArrayList<>();
        for (String item : AnnotationCsv.values(object, AnnotationNames.HELM_HOOK)) {
            if (HelmHookType.parse(item).isEmpty()) {
                throw new IllegalArgumentException(AnnotationCsv.describe(object) + ": annotation "
                        + AnnotationNames.HELM_HOOK + " has unknown value '" + item + "'; expected one of "
                        + java.util.Arrays.stream(HelmHookType.values()).map(HelmHookType::value)
                                .collect(java.util.stream.Collectors.joining(", ")));
            }
            HelmHookType.parse(item).flatMap(HelmHookType::argoType).filter(t -> !types.contains(t))
                    .ifPresent(types::add);
        }
        return List.copyOf(types);
    }

    /** The Argo CD delete policies the Helm delete policies map to; unknown values are ignored as Helm does. */
    public static List<HookDeletePolicy> deletePolicies(KubeObject object) {
        List<HookDeletePolicy> policies = new ArrayList<>();
        for (String item : AnnotationCsv.values(object, AnnotationNames.HELM_HOOK_DELETE_POLICY)) {
            HelmHookDeletePolicy.parse(item).map(HelmHookDeletePolicy::argoPolicy)
                    .filter(p -> !policies.contains(p)).ifPresent(policies::add);
        }
        return List.copyOf(policies);
    }

    /**
     * The {@code helm.sh/hook-weight}, which Argo CD uses as the sync wave; empty when absent.
     *
     * @throws IllegalArgumentException when the weight is not an integer
     */
    public static OptionalInt weight(KubeObject object) {
        String text = object.annotation(AnnotationNames.HELM_HOOK_WEIGHT);
        if (text == null) {
            return OptionalInt.empty();
        }
        return parseInteger(text).orElseThrow(() -> new IllegalArgumentException(AnnotationCsv.describe(object)
                + ": annotation " + AnnotationNames.HELM_HOOK_WEIGHT + " must be an integer, got '" + text + "'"));
    }

    private static Optional<OptionalInt> parseInteger(String text) {
        try {
            return Optional.of(OptionalInt.of(Integer.parseInt(text.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
