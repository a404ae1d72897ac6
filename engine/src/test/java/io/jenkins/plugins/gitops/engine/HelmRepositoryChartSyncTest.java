package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.testing.RecordingLog;
import io.jenkins.plugins.gitops.engine.testing.ChartRepositoryServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the harness's real control plane: an Application copied from Argo CD with {@code chart} from a chart
 * repository behind basic auth ({@link ChartRepositoryServer}, charts packaged by helm-java), credentials from the
 * repository credential settings by URL prefix. The sync applies the chart's version selected by the constraint, and
 * that version is the revision of the sync, the history and the comparison; a new version in the repository makes the
 * application OutOfSync; a wrong password fails with one line and applies nothing.
 */
class HelmRepositoryChartSyncTest {

    static final String CM = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: {{ .Release.Name }}-settings}
            data: {chartVersion: {{ .Chart.Version | quote }}, greeting: {{ .Values.greeting | quote }}}
            """;

    @TempDir
    Path dir;

    HarnessCluster cluster;
    ChartRepositoryServer server;
    String ns;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() {
        cluster = HarnessCluster.get();
        ns = cluster.freshNamespace("helmrepo");
        server = ChartRepositoryServer.http(dir.resolve("charts"), "deployer", "chart-pass-1");
        server.publish(dir.resolve("work"), "guestbook", "1.0.0", Map.of("cm.yaml", CM), null);
        server.publish(dir.resolve("work"), "guestbook", "1.1.0", Map.of("cm.yaml", CM), null);
        server.publish(dir.resolve("work"), "guestbook", "2.0.0", Map.of("cm.yaml", CM), null);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    GitOpsEngine engine(String password) {
        return GitOpsEngine.builder().workDir(dir.resolve("engine-" + password))
                .connection(cluster.connection())
                .repoCredentials(List.of(RepoCredentialSpec.https("https://git.example.com/", "git", "other"),
                        RepoCredentialSpec.https(server.url(), "deployer", password)))
                .pollInterval(Duration.ofMillis(250)).build();
    }

    Application app(String name) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source:
                    repoURL: %s
                    chart: guestbook
                    targetRevision: 1.x
                    helm:
                      valuesObject: {greeting: hi}
                  destination: {server: https://kubernetes.default.svc, namespace: %s}
                """.formatted(name, server.url(), ns), "app.yaml");
    }

    @Test
    void aRepositoryChartSyncsAtTheResolvedVersionWhichIsTheRevisionEverywhere() {
        try (GitOpsEngine engine = engine("chart-pass-1")) {
            Application app = app(ns);
            SyncOutcome synced = engine.sync(app, SyncRequest.manual("ada"), log);
            assertThat(synced.phase()).as(synced.message() + "\n" + log.story())
                    .isEqualTo("Succeeded");
            assertThat(synced.revision()).isEqualTo("1.1.0");
            var cm = cluster.client().configMaps().inNamespace(ns).withName(ns + "-settings").get();
            assertThat(cm.getData()).containsEntry("chartVersion", "1.1.0").containsEntry("greeting", "hi");
            assertThat(engine.history(ns)).singleElement()
                    .satisfies(h -> assertThat(h.revision()).isEqualTo("1.1.0"));
            AppComparison compared = engine.compare(app, null, null);
            assertThat(compared.revision()).isEqualTo("1.1.0");
            assertThat(compared.syncStatus().name()).isEqualTo("Synced");

            server.publish(dir.resolve("work"), "guestbook", "1.2.0", Map.of("cm.yaml", CM), null);
            AppComparison newer = engine.compare(app, null, null);
            assertThat(newer.revision()).isEqualTo("1.2.0");
            assertThat(newer.syncStatus().name()).isEqualTo("OutOfSync");
        }
    }

    @Test
    void aWrongPasswordFailsWithOneLineAndAppliesNothing() {
        try (GitOpsEngine engine = engine("wrong-pass-9")) {
            SyncOutcome synced = engine.sync(app(ns), SyncRequest.manual("ada"), log);
            assertThat(synced.succeeded()).isFalse();
            assertThat(synced.message()).contains("application '" + ns + "': source chart 'guestbook' from "
                    + server.url() + ": 401 for index.yaml: the configured credentials (user 'deployer') were "
                    + "refused").doesNotContain("wrong-pass-9").doesNotContain("\n");
            assertThat(log.story()).doesNotContain("wrong-pass-9");
            assertThat(cluster.client().configMaps().inNamespace(ns).list().getItems())
                    .noneMatch(c -> c.getMetadata().getName().endsWith("-settings"));
        }
    }
}
