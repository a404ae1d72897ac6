package io.jenkins.plugins.gitops.engine.model;

/** Argo CD and Helm annotation and label names, exactly as users write them. */
public final class AnnotationNames {
    public static final String TRACKING_ID = "argocd.argoproj.io/tracking-id";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String HOOK = "argocd.argoproj.io/hook";
    public static final String HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
    public static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";
    public static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    public static final String COMPARE_OPTIONS = "argocd.argoproj.io/compare-options";
    public static final String IGNORE_HEALTHCHECK = "argocd.argoproj.io/ignore-healthcheck";
    public static final String MANIFEST_GENERATE_PATHS = "argocd.argoproj.io/manifest-generate-paths";
    public static final String HELM_HOOK = "helm.sh/hook";
    public static final String HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
    public static final String HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** The field manager name used for server-side apply. */
    public static final String FIELD_MANAGER = "gitops-sync";

    private AnnotationNames() {}
}
