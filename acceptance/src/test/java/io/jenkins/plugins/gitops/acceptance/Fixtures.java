package io.jenkins.plugins.gitops.acceptance;

/** The Git repository's manifests, the Application and ApplicationSet documents, and the Pipelines of the suite. */
final class Fixtures {

    private Fixtures() {}

    static String deployment(String name, int replicas, boolean paused) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: NAME
                  labels: {app: NAME}
                spec:
                  replicas: REPLICAS
                  PAUSED
                  selector:
                    matchLabels: {app: NAME}
                  template:
                    metadata:
                      labels: {app: NAME}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          ports:
                            - containerPort: 80
                """.replace("NAME", name).replace("REPLICAS", Integer.toString(replicas))
                .replace("PAUSED", paused ? "paused: true" : "minReadySeconds: 0");
    }

    static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: NAME
                spec:
                  selector: {app: NAME}
                  ports:
                    - port: 80
                      targetPort: 80
                """.replace("NAME", name);
    }

    static String configMap(String name, String key, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: NAME
                data:
                  KEY: VALUE
                """.replace("NAME", name).replace("KEY", key).replace("VALUE", value);
    }

    /** An Argo CD Application for the harness cluster; {@code automated} adds prune + selfHeal. */
    static String application(String name, String repoUrl, String path, String namespace, boolean automated) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: NAME
                spec:
                  project: default
                  source:
                    repoURL: REPO
                    targetRevision: main
                    path: PATH
                  destination:
                    name: CLUSTER
                    namespace: NS
                  syncPolicy:
                AUTOMATED    syncOptions: [CreateNamespace=true]
                """.replace("NAME", name).replace("REPO", repoUrl).replace("PATH", path).replace("NS", namespace)
                .replace("CLUSTER", RealJenkins.CLUSTER)
                .replace("AUTOMATED", automated ? "    automated: {prune: true, selfHeal: true}\n" : "");
    }

    /** A list-generator ApplicationSet generating acc-set-a and acc-set-b from the local-app directory. */
    static String applicationSet(String repoUrl) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: acc-set
                spec:
                  generators:
                    - list:
                        elements:
                          - env: a
                          - env: b
                  template:
                    metadata:
                      name: 'acc-set-{{env}}'
                    spec:
                      project: default
                      source:
                        repoURL: REPO
                        targetRevision: main
                        path: local-app
                      destination:
                        name: CLUSTER
                        namespace: 'acc-set-{{env}}'
                      syncPolicy:
                        syncOptions: [CreateNamespace=true]
                """.replace("REPO", repoUrl).replace("CLUSTER", RealJenkins.CLUSTER);
    }

    /** A Groovy ''' string literal holding {@code text} (no interpolation; backslashes and quotes escaped). */
    static String groovy(String text) {
        return "'''" + text.replace("\\", "\\\\").replace("'''", "\\'\\'\\'") + "'''";
    }
}
