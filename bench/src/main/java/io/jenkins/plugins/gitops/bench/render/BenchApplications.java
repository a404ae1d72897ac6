package io.jenkins.plugins.gitops.bench.render;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;

/** The Argo CD Applications the benchmarks render and compare, written as users write them. */
public final class BenchApplications {

    private BenchApplications() {}

    /**
     * A directory application with {@code recurse: true}.
     *
     * @param name application name
     * @param repoURL repository URL
     * @param path application path in the repository ({@code .} for the root)
     * @param namespace destination namespace
     */
    public static Application directoryApp(String name, String repoURL, String path, String namespace) {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: %s
                    targetRevision: main
                    path: %s
                    directory:
                      recurse: true
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: %s
                """.formatted(name, repoURL, path, namespace);
        return ArgoDocuments.parseApplication(yaml, "bench/" + name + ".yaml");
    }
}
