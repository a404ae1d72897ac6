package io.jenkins.plugins.gitops.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications from real events: the engine's controller (automated sync, watch-backed live state) against the
 * shared harness's API server with kube-controller-manager and the fake kubelet. A PreSync hook whose command says
 * "fail" fails the sync (on-sync-failed); a Deployment that can never create pods (a ResourceQuota of zero pods)
 * passes its progress deadline and degrades (on-health-degraded); a healthy sync notifies on-deployed once per
 * revision however often the application is refreshed afterwards.
 */
class NotificationsOnHarnessTest {

    static final String CM = """
            service.webhook.ci: |
              url: %s
              headers: [{name: Content-Type, value: application/json}]
            template.app-deployed: |
              message: deployed
              webhook:
                ci:
                  method: POST
                  path: /deployed
                  body: '{"app":"{{.app.metadata.name}}","revision":"{{.app.status.operationState.syncResult.revision}}","commit":{{.app.status.commit.message | toJson}},"health":"{{.app.status.health.status}}"}'
            template.app-sync-failed: |
              message: failed
              webhook:
                ci:
                  method: POST
                  path: /failed
                  body: '{"app":"{{.app.metadata.name}}","phase":"{{.app.status.operationState.phase}}","failed":[{{range .failedResources}}"{{.kind}}/{{.name}} {{.hookType}} {{.hookPhase}}"{{end}}]}'
            template.app-health-degraded: |
              message: degraded
              webhook:
                ci:
                  method: POST
                  path: /degraded
                  body: '{"app":"{{.app.metadata.name}}","health":"{{.app.status.health.status}}","message":{{.app.status.health.message | toJson}}}'
            """;

    /** Progress on stdout (the surefire report keeps it), so a failure shows what the controller did. */
    static final EngineLog LOG = new EngineLog() {
        @Override
        public void info(String message) {
            System.out.println(java.time.Instant.now() + " " + message);
        }

        @Override
        public void warn(String message) {
            System.out.println(java.time.Instant.now() + " WARNING " + message);
        }
    };

    @TempDir
    Path dir;

    HarnessCluster cluster;
    GitHttpServer git;
    TestRepo repo;
    GitOpsEngine engine;
    Controller controller;
    Notifier notifier;
    Receiver ci;

    @BeforeEach
    void setUp() {
        cluster = HarnessCluster.get();
        git = GitHttpServer.start(dir.resolve("git"));
        repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        ci = new Receiver();
    }

    @AfterEach
    void tearDown() {
        if (controller != null) {
            controller.close();
        }
        if (notifier != null) {
            notifier.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (ci != null) {
            ci.close();
        }
        if (git != null) {
            git.close();
        }
    }

    void start(Application... apps) {
        FileStateStore store = new FileStateStore(dir.resolve("state"));
        engine = GitOpsEngine.builder().workDir(dir.resolve("engine")).stateStore(store)
                // an own client: closing the engine closes it, the harness's shared client stays open
                .connection(ClusterConnection.ofClient("in-cluster", null, new io.fabric8.kubernetes.client
                        .KubernetesClientBuilder().withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(
                                cluster.kubeconfigYaml())).build()))
                .pollInterval(Duration.ofMillis(200)).log(LOG).build();
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofSeconds(1), Duration.ZERO));
        notifier = new Notifier(store, Clock.systemUTC(), LOG,
                new DeliveryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 50), null,
                app -> "http://jenkins/gitops/" + app);
        notifier.configure(NotificationConfig.parse(NotificationConfig.readData(CM.formatted(ci.url()), "cm"),
                k -> null, "cm"));
        controller.addListener(notifier);
        for (Application a : apps) {
            controller.register(a, "test");
        }
        controller.start();
    }

    Application app(String name, String path, String namespace, String trigger) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  annotations:
                    notifications.argoproj.io/subscribe.%s.ci: ""
                spec:
                  source: {repoURL: '%s', targetRevision: HEAD, path: %s}
                  destination: {server: 'https://kubernetes.default.svc', namespace: %s}
                  syncPolicy:
                    automated: {prune: true}
                """.formatted(name, trigger, repo.url(), path, namespace), name + ".yaml");
    }

    static String deployment(String name, int replicas, String extraSpec) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                %s
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers: [{name: web, image: 'nginx:1.27'}]
                """.formatted(name, replicas, name, extraSpec.indent(2).stripTrailing(), name);
    }

    List<Receiver.Request> received(String path) {
        return ci.requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    void until(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; received " + ci.requests + "; statuses "
                + controller.statuses().stream().map(s -> s.name() + "=" + (s.comparison() == null ? "?"
                        : s.comparison().syncStatus() + "/" + s.comparison().health().status() + " "
                        + s.comparison().error()) + " op="
                        + (s.lastOperation() == null ? "-" : s.lastOperation().phase() + " "
                        + s.lastOperation().message())).toList());
    }

    @Test
    void onDeployedOncePerRevision() throws Exception {
        String ns = cluster.freshNamespace("notify-ok");
        repo.write("ok/deployment.yaml", deployment("web", 1, ""));
        String r1 = repo.commit("first web");
        start(app("ok", "ok", ns, "on-deployed"));

        until(() -> received("/deployed").size() == 1, "on-deployed for the first revision");
        assertThat(received("/deployed").get(0).body())
                .isEqualTo("{\"app\":\"ok\",\"revision\":\"" + r1 + "\",\"commit\":\"first web\",\"health\":\"Healthy\"}");

        repo.write("ok/deployment.yaml", deployment("web", 2, ""));
        String r2 = repo.commit("two replicas");
        controller.requestRefresh("ok");
        until(() -> received("/deployed").size() == 2, "on-deployed for the second revision");
        assertThat(received("/deployed").get(1).body())
                .isEqualTo("{\"app\":\"ok\",\"revision\":\"" + r2 + "\",\"commit\":\"two replicas\",\"health\":\"Healthy\"}");

        // refreshes go on (1 s interval): still exactly one notification per revision
        Thread.sleep(4000);
        assertThat(received("/deployed")).hasSize(2);
        assertThat(notifier.deliveries("ok")).extracting(DeliveryRecord::outcome).containsExactly("Sent", "Sent");
    }

    @Test
    void failingPreSyncHookNotifiesOnSyncFailed() throws Exception {
        String ns = cluster.freshNamespace("notify-hook");
        repo.write("hook/deployment.yaml", deployment("web", 1, ""));
        repo.write("hook/migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  annotations: {argocd.argoproj.io/hook: PreSync}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: busybox, command: [sh, -c, 'echo fail']}]
                """);
        repo.commit("migration that fails");
        start(app("hook", "hook", ns, "on-sync-failed"));

        until(() -> received("/failed").size() == 1, "on-sync-failed");
        assertThat(received("/failed").get(0).body())
                .isEqualTo("{\"app\":\"hook\",\"phase\":\"Failed\",\"failed\":[\"Job/migrate PreSync Failed\"]}");
        Thread.sleep(3000);
        assertThat(received("/failed")).hasSize(1);
    }

    @Test
    void deploymentThatNeverBecomesReadyNotifiesOnHealthDegraded() throws Exception {
        String ns = cluster.freshNamespace("notify-stuck");
        cluster.kubectl("-n", ns, "create", "quota", "no-pods", "--hard=pods=0");
        repo.write("stuck/deployment.yaml", deployment("web", 1, "progressDeadlineSeconds: 3"));
        repo.commit("web that cannot start");
        start(app("stuck", "stuck", ns, "on-health-degraded"));

        until(() -> received("/degraded").size() == 1, "on-health-degraded");
        assertThat(received("/degraded").get(0).body()).isEqualTo("{\"app\":\"stuck\",\"health\":\"Degraded\","
                + "\"message\":\"apps/Deployment " + ns + "/web is Degraded: Deployment \\\"web\\\" exceeded its "
                + "progress deadline\"}");
        Thread.sleep(3000);
        assertThat(received("/degraded")).hasSize(1);
    }
}
