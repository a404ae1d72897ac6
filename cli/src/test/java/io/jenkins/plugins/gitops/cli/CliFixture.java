package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.testing.GitOpsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's {@link GitOpsFixture} (Git over HTTP, the fabric8 CRUD mock with dry-run support, fake controllers)
 * seen from the command line: a kubeconfig file pointing at the mock, a state directory shared by every invocation,
 * and Application files written next to them. The mock has no server-side apply, so every Application written here
 * sets {@code syncOptions: [ServerSideApply=false]}.
 */
final class CliFixture implements AutoCloseable {

    /** Client-side apply: the fabric8 CRUD mock answers 415 to server-side apply. */
    static final String CSA = "syncPolicy:\n  syncOptions: [ServerSideApply=false]\n";

    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-config
              annotations: {argocd.argoproj.io/sync-wave: "-1"}
            data: {GREETING: hello}
            """;

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations: {argocd.argoproj.io/sync-wave: "1"}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            """;

    final GitOpsFixture fx;
    final Path dir;
    final Path kubeconfig;
    final Path state;

    CliFixture(Path dir) {
        this.dir = dir;
        this.fx = new GitOpsFixture(dir.resolve("fixture"));
        this.kubeconfig = write("kubeconfig", fx.kubeconfig());
        this.state = dir.resolve("state");
    }

    /** Commits the two-resource "web" app (a ConfigMap in wave -1, a Deployment in wave 1) under apps/web. */
    CliFixture webApp() {
        fx.repo.write("apps/web/config.yaml", CONFIG_MAP);
        fx.repo.write("apps/web/deployment.yaml", DEPLOYMENT);
        fx.repo.commit("web v1");
        return this;
    }

    /** Writes an Application file for {@code path} of the test repository, deploying to {@code namespace}. */
    Path application(String name, String path, String namespace, String extraSpec) {
        return write(name + ".yaml", applicationYaml(name, path, namespace, extraSpec));
    }

    String applicationYaml(String name, String path, String namespace, String extraSpec) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                spec:
                  source:
                    repoURL: %s
                    targetRevision: HEAD
                    path: %s
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: %s
                %s
                """.formatted(name, fx.repo.url(), path, namespace, extraSpec.indent(2));
    }

    /** The web app with client-side apply. */
    Path web() {
        return application("web", "apps/web", "shop", CSA);
    }

    Path write(String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code gitops ARGS --kubeconfig K --state-dir S} in-process. */
    CliRun run(String... args) {
        return CliRun.of(withEngine(args).toArray(String[]::new));
    }

    /** The arguments plus the engine options pointing at this fixture. */
    List<String> withEngine(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--state-dir", state.toString()));
        return all;
    }

    @Override
    public void close() {
        fx.close();
    }
}
