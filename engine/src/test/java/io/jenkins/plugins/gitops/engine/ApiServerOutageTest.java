package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.testing.RecordingLog;
import io.jenkins.plugins.gitops.engine.testing.StoppableApiServer;
import io.jenkins.plugins.gitops.engine.testing.TokenKubeconfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the API server itself, on a real kube-apiserver of its own ({@link StoppableApiServer}: the harness's
 * etcd + kube-apiserver v1.32 on free ports) that the test stops in the middle of a sync and starts again with its
 * data, and an incomplete listing made real with RBAC: a service account that may not list one of the
 * application's kinds. What must hold: the interrupted operation ends with one clear message (no stack trace, no
 * library class names), a later sync completes, and nothing is ever pruned from a listing that is not complete.
 */
class ApiServerOutageTest {

    static final int CONFIG_MAPS = 300;
    /** Internal names that must never reach a person. */
    static final Pattern INTERNALS = Pattern.compile("io\\.fabric8|java\\.(net|io|lang)\\.|Exception:|\\tat ");

    static StoppableApiServer server;
    static KubernetesClient admin;

    @TempDir
    Path dir;

    final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void startServer() {
        server = StoppableApiServer.start();
        admin = server.newClient();
    }

    @AfterAll
    static void stopServer() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Application app(String name, String namespace, String extra) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: https://example.invalid/deploy.git, targetRevision: HEAD, path: .}
                  destination: {server: https://kubernetes.default.svc, namespace: %s}
                %s
                """.formatted(name, namespace, extra.indent(2)), name + ".yaml");
    }

    GitOpsEngine engine(Path kubeconfig, String state) {
        return GitOpsEngine.builder().workDir(dir.resolve(state))
                .connection(ClusterConnection.fromKubeconfig("in-cluster", kubeconfig, null))
                .pollInterval(Duration.ofMillis(200)).build();
    }

    /** 300 ConfigMaps in three sync waves, so there is a middle to stop in. */
    Path manifests(String name) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < CONFIG_MAPS; i++) {
            yaml.append("""
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: settings-%03d
                      annotations: {argocd.argoproj.io/sync-wave: "%d"}
                    data: {INDEX: "%d", PADDING: "%s"}
                    """.formatted(i, i / 100, i, "x".repeat(2000)));
        }
        Files.writeString(out.resolve("config.yaml"), yaml);
        return out;
    }

    int configMaps(String namespace) {
        return admin.configMaps().inNamespace(namespace).list().getItems().size();
    }

    @Test
    void aSyncInterruptedByTheApiServerGoingDownEndsClearlyAndALaterSyncCompletes() throws Exception {
        String ns = "outage";
        server.kubectl("create", "namespace", ns);
        Path source = manifests("outage-src");
        AtomicInteger seenWhenStopped = new AtomicInteger(-1);
        Thread stopper = new Thread(() -> {
            try (KubernetesClient watcher = server.newClient()) {
                while (!Thread.currentThread().isInterrupted()) {
                    int n = watcher.configMaps().inNamespace(ns).list().getItems().size();
                    if (n >= 60) {
                        seenWhenStopped.set(n);
                        server.stop();
                        return;
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "api-server-stopper");
        stopper.start();

        SyncOutcome interrupted;
        try (GitOpsEngine engine = engine(server.kubeconfig(), "engine-1")) {
            interrupted = engine.sync(app("outage", ns, ""), SyncRequest.manual("ada").withLocalDir(source)
                    .withTimeout(Duration.ofMinutes(2)), log);
        }
        stopper.join(Duration.ofMinutes(1).toMillis());
        String story = interrupted.phase() + ": " + interrupted.message() + "\n" + log.story();

        assertThat(seenWhenStopped.get()).as("the API server was stopped in the middle: " + story)
                .isBetween(1, CONFIG_MAPS - 1);
        assertThat(interrupted.succeeded()).as(story).isFalse();
        assertThat(interrupted.message()).as(story)
                .containsIgnoringCase("API server")
                .doesNotContainPattern(INTERNALS)
                .hasLineCount(1);

        server.restart();
        int survived = configMaps(ns);
        assertThat(survived).as("what was applied before the outage is still there").isGreaterThanOrEqualTo(
                seenWhenStopped.get());

        log.clear();
        try (GitOpsEngine engine = engine(server.kubeconfig(), "engine-1")) {
            SyncOutcome resumed = engine.sync(app("outage", ns, ""), SyncRequest.manual("ada").withLocalDir(source)
                    .withTimeout(Duration.ofMinutes(2)), log);
            assertThat(resumed.phase()).as(resumed.message() + "\n" + log.story())
                    .isEqualTo("Succeeded");
            assertThat(configMaps(ns)).isEqualTo(CONFIG_MAPS);
            AppComparison after = engine.compare(app("outage", ns, ""), null, source);
            assertThat(after.inSync()).as(after.error() + " " + after.outOfSync()).isTrue();
        }
    }

    @Test
    void aComparisonOrSyncWhileTheApiServerIsDownSaysSoInOneLine() throws Exception {
        String ns = "down";
        server.kubectl("create", "namespace", ns);
        Path source = manifests("down-src");
        try (GitOpsEngine engine = engine(server.kubeconfig(), "engine-2")) {
            server.stop();
            try {
                AppComparison c = engine.compare(app("down", ns, ""), null, source);
                assertThat(c.error()).isNotNull().containsIgnoringCase("API server")
                        .doesNotContainPattern(INTERNALS).hasLineCount(1);
                SyncOutcome s = engine.sync(app("down", ns, ""), SyncRequest.manual("ada").withLocalDir(source)
                        .withTimeout(Duration.ofSeconds(60)), log);
                assertThat(s.succeeded()).isFalse();
                assertThat(s.message()).containsIgnoringCase("API server").doesNotContainPattern(INTERNALS)
                        .hasLineCount(1);
            } finally {
                server.restart();
            }
        }
        assertThat(configMaps(ns)).isZero();
    }

    /**
     * A listing that misses one kind (the controller's account may not list Secrets) must stop prune: the Secret's
     * absence from the listing says nothing about the cluster, and the ConfigMap removed from Git must not be
     * deleted either while the picture is incomplete.
     */
    @Test
    void nothingIsPrunedFromAnIncompleteListing() throws Exception {
        String ns = "partial";
        server.kubectl("create", "namespace", ns);
        Path source = Files.createDirectories(dir.resolve("partial-src"));
        Files.writeString(source.resolve("a.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: keep}
                data: {A: "1"}
                """);
        Files.writeString(source.resolve("b.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: removed-from-git}
                data: {B: "1"}
                """);
        Files.writeString(source.resolve("s.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: token}
                stringData: {TOKEN: not-for-logs}
                """);
        try (GitOpsEngine engine = engine(server.kubeconfig(), "engine-3")) {
            SyncOutcome first = engine.sync(app("partial", ns, ""), SyncRequest.manual("ada").withLocalDir(source),
                    log);
            assertThat(first.phase()).as(first.message()).isEqualTo("Succeeded");
        }
        Files.delete(source.resolve("b.yaml"));

        // an account that may do everything with ConfigMaps but only read single Secrets, never list them
        server.kubectl("-n", ns, "create", "serviceaccount", "limited");
        server.kubectl("-n", ns, "create", "role", "limited", "--verb=get,list,watch,create,update,patch,delete",
                "--resource=configmaps");
        server.kubectl("-n", ns, "create", "role", "secrets-get", "--verb=get,patch,update", "--resource=secrets");
        server.kubectl("-n", ns, "create", "rolebinding", "limited", "--role=limited",
                "--serviceaccount=" + ns + ":limited");
        server.kubectl("-n", ns, "create", "rolebinding", "secrets-get", "--role=secrets-get",
                "--serviceaccount=" + ns + ":limited");
        server.kubectl("create", "clusterrole", "discovery-reader", "--verb=get", "--non-resource-url=/api/*",
                "--non-resource-url=/apis/*", "--non-resource-url=/api", "--non-resource-url=/apis");
        server.kubectl("create", "clusterrolebinding", "limited-discovery", "--clusterrole=discovery-reader",
                "--serviceaccount=" + ns + ":limited");
        String token = server.kubectl("-n", ns, "create", "token", "limited").trim();
        Path limited = dir.resolve("limited.kubeconfig");
        Files.writeString(limited, TokenKubeconfig.of(server.kubeconfig(), token, ns));

        log.clear();
        try (GitOpsEngine engine = engine(limited, "engine-3")) {
            SyncOutcome pruning = engine.sync(app("partial", ns, ""),
                    SyncRequest.manual("ada").withLocalDir(source).withPrune(true), log);
            String story = pruning.phase() + ": " + pruning.message() + "\n" + log.story();
            assertThat(pruning.succeeded()).as(story).isFalse();
            assertThat(pruning.message()).as(story).contains("Secret").doesNotContainPattern(INTERNALS)
                    .doesNotContain("not-for-logs");
        }
        assertThat(admin.configMaps().inNamespace(ns).withName("removed-from-git").get())
                .as("pruned from an incomplete listing").isNotNull();
        assertThat(admin.secrets().inNamespace(ns).withName("token").get()).isNotNull();
    }
}
