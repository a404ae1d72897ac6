package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.hook.AnnotationCsv;
import io.jenkins.plugins.gitops.engine.sync.hook.ArgoHookAnnotations;
import io.jenkins.plugins.gitops.engine.sync.hook.helm.HelmHook;

/**
 * The sync wave of an object (gitops-engine {@code syncwaves.Wave}): {@code argocd.argoproj.io/sync-wave} if present,
 * else {@code helm.sh/hook-weight} unless the object has Argo CD's own {@code argocd.argoproj.io/hook}, else 0. Waves
 * may be negative. Unlike gitops-engine, which falls back silently, a value that is not an integer is an error.
 */
public final class SyncWave {

    /** The wave of objects that declare none. */
    public static final int DEFAULT = 0;

    private SyncWave() {}

    /**
     * The object's wave.
     *
     * @throws IllegalArgumentException naming the resource and the annotation when the value is not an integer
     */
    public static int of(KubeObject object) {
        String text = object.annotation(AnnotationNames.SYNC_WAVE);
        if (text != null) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(AnnotationCsv.describe(object) + ": annotation "
                        + AnnotationNames.SYNC_WAVE + " must be an integer (may be negative), got '" + text + "'", e);
            }
        }
        if (ArgoHookAnnotations.hasHookAnnotation(object)) {
            return DEFAULT;
        }
        return HelmHook.weight(object).orElse(DEFAULT);
    }
}
