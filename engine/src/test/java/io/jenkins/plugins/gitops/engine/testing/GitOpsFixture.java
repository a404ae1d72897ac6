package io.jenkins.plugins.gitops.engine.testing;

import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything an end-to-end test of the engine needs, all real except the Kubernetes API: a Git server over smart
 * HTTP on loopback with one repository ({@link #repo}), the fabric8 CRUD mock API server with dry-run support
 * ({@link MockApiServer}) and, because the mock runs no controllers, {@link FakeControllers} reconciling in the
 * background every 50 ms so Jobs complete and Deployments roll out. Close it after the test.
 */
public final class GitOpsFixture implements AutoCloseable {

    public final GitHttpServer git;
    public final TestRepo repo;
    public final MockApiServer cluster;
    public final FakeControllers controllers;
    private final ScheduledExecutorService background;
    private final Path dir;

    public GitOpsFixture(Path dir) {
        this.dir = dir;
        this.git = GitHttpServer.start(dir.resolve("git-server"));
        this.repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        this.cluster = new MockApiServer();
        this.controllers = new FakeControllers(cluster.client());
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-controllers");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(() -> {
            try {
                controllers.reconcile();
            } catch (RuntimeException ignored) {
                // the mock may be closing
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** An engine on this Git server and mock cluster (the default destination), with state under the test dir. */
    public GitOpsEngine.Builder engine() {
        return GitOpsEngine.builder()
                .workDir(dir.resolve("engine"))
                .stateStore(new FileStateStore(dir.resolve("state")))
                .connection(ClusterConnection.ofClient("in-cluster", null, cluster.client()))
                .pollInterval(Duration.ofMillis(100));
    }

    /** An Application for {@code path} of the test repository (client-side apply: the mock has no server-side apply). */
    public Application application(String name, String path, String namespace, String extraSpec) {
        return ArgoDocuments.parseApplication("""
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
                """.formatted(name, repo.url(), path, namespace, extraSpec.indent(2)), name + ".yaml");
    }

    /** The mock API server's URL, for kubeconfig files. */
    public String clusterUrl() {
        return cluster.client().getMasterUrl().toString();
    }

    /** A kubeconfig for the mock server (TLS verification off: the mock uses a self-signed certificate). */
    public String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: '%s', insecure-skip-tls-verify: true}
                users:
                - name: tester
                  user: {token: test-token}
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: default}
                current-context: mock
                """.formatted(clusterUrl());
    }

    @Override
    public void close() {
        background.shutdownNow();
        cluster.close();
        git.close();
    }
}
