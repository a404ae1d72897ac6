package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Arrays;

/** Annotations that decide whether and how a resource counts for the application's sync status. */
final class ResourceAnnotations {

    static final String IGNORE_EXTRANEOUS = "IgnoreExtraneous";

    private ResourceAnnotations() {}

    /**
     * Hooks (Argo CD {@code argocd.argoproj.io/hook}, including {@code Skip}, or Helm {@code helm.sh/hook}) are run
     * by the sync, not compared: they never affect sync status (controller/state.go skips them the same way).
     */
    static boolean isHook(KubeObject obj) {
        return obj != null && (!annotation(obj, AnnotationNames.HOOK).isBlank()
                || !annotation(obj, AnnotationNames.HELM_HOOK).isBlank());
    }

    /** Does {@code argocd.argoproj.io/compare-options} (a comma list) contain the option? */
    static boolean hasCompareOption(KubeObject obj, String option) {
        return obj != null && Arrays.stream(annotation(obj, AnnotationNames.COMPARE_OPTIONS).split(","))
                .map(String::trim)
                .anyMatch(option::equals);
    }

    private static String annotation(KubeObject obj, String name) {
        String v = obj.annotation(name);
        return v == null ? "" : v;
    }
}
