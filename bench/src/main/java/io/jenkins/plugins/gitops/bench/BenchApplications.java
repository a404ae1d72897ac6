package io.jenkins.plugins.gitops.bench;

/**
 * The Argo CD {@code Application} documents the benchmarks register: one Git source at {@code HEAD} and the
 * in-cluster destination, with the directory and sync-policy lines each benchmark needs.
 */
public final class BenchApplications {

    private BenchApplications() {}

    /**
     * An Application named {@code name} for the manifests under {@code path} of {@code repoURL}, deployed to
     * {@code namespace}. {@code recurse} adds {@code directory: {recurse: true}}; {@code syncPolicy} is the block's
     * body (lines at the left margin, e.g. {@code "syncOptions: [ServerSideApply=false]"}) or empty for none.
     */
    public static String yaml(String name, String repoURL, String path, boolean recurse, String namespace,
            String syncPolicy) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                spec:
                  project: default
                  source:
                    repoURL: %s
                    targetRevision: HEAD
                    path: %s
                %s  destination:
                    server: https://kubernetes.default.svc
                    namespace: %s
                %s""".formatted(name, repoURL, path, recurse ? "    directory: {recurse: true}\n" : "", namespace,
                syncPolicy.isEmpty() ? "" : "  syncPolicy:\n" + syncPolicy.indent(4));
    }
}
