package io.jenkins.plugins.gitops.engine.imageupdate;

/**
 * Where an application's new tags are recorded (annotations {@code write-back-method}, {@code write-back-target},
 * {@code git-branch}). Invariant: {@code target} and {@code file} agree: {@code file} is empty for
 * {@link Target#SOURCE_OVERRIDE} (the file is {@code .argocd-source-<app>.yaml} in the app path).
 *
 * @param method GIT (commit and push) or ARGOCD (kept in the application's own state, applied at render time)
 * @param gitCredentials the text after {@code git:} ({@code secret:ns/name}, {@code repocreds}); empty for the
 *     repository's own credentials
 * @param target which file is edited
 * @param file path of the kustomization directory or Helm values file, relative to the app path (or to the repository
 *     root when it starts with {@code /})
 * @param baseBranch the branch checked out; empty means the application's targetRevision
 * @param targetBranch the branch pushed to; empty means the base branch
 */
public record WriteBackConfig(Method method, String gitCredentials, Target target, String file, String baseBranch,
        String targetBranch) {

    public enum Method { GIT, ARGOCD }

    public enum Target { SOURCE_OVERRIDE, KUSTOMIZATION, HELM_VALUES }

    public static final WriteBackConfig ARGOCD =
            new WriteBackConfig(Method.ARGOCD, "", Target.SOURCE_OVERRIDE, "", "", "");

    /** The file below the application path that Argo CD reads parameter overrides from for this application. */
    public static String overrideFileName(String appName) {
        return ".argocd-source-" + appName + ".yaml";
    }
}
