package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Map;

/**
 * Recognises hook objects by their annotations, as gitops-engine {@code pkg/sync/hook/hook.go} and
 * {@code pkg/sync/ignore/ignore.go} do for health: an object with any {@code argocd.argoproj.io/hook} annotation
 * (a hook, or {@code Skip}), or with a {@code helm.sh/hook} annotation other than Helm's {@code crd-install}, is not
 * part of application health.
 */
public final class HookAnnotations {

    /** Finalizer Argo CD puts on running hooks; their deletion is not "Pending deletion" health. */
    static final String HOOK_FINALIZER = "argocd.argoproj.io/hook-finalizer";

    private HookAnnotations() {}

    /** Whether {@code obj} is a hook (or skipped) by its annotations; false for null. */
    public static boolean isHook(KubeObject obj) {
        if (obj == null) {
            return false;
        }
        Map<String, String> annotations = obj.annotations();
        if (annotations.containsKey(AnnotationNames.HOOK)) {
            return true;
        }
        String helmHook = annotations.get(AnnotationNames.HELM_HOOK);
        return helmHook != null && !helmHook.trim().equals("crd-install");
    }

    static boolean hasHookFinalizer(KubeObject obj) {
        for (var f : obj.metadata().path("finalizers")) {
            if (HOOK_FINALIZER.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }
}
