package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-source application as Argo CD documents it: a Helm chart from one Git repository with its value file
 * from another through {@code ref: values} and {@code $values/envs/prod.yaml}, both over HTTP on loopback, synced to
 * a real kube-apiserver. Every source's commit shows in the comparison ({@code status.sync.revisions}) and in each
 * history entry ({@code history[].revisions}); a rollback restores both sources' commits, not only the first.
 */
class MultiSourceRevisionsTest {

    static final String NS = "multi-source-revisions";

    @TempDir
    Path dir;

    KubernetesClient client;
    GitHttpServer git;
    TestRepo charts;
    TestRepo values;
    GitOpsEngine engine;
    final ApiServerComparisonTest.RecordingLog log = new ApiServerComparisonTest.RecordingLog();

    @BeforeEach
    void setUp() {
        client = RealApiServer.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .serverSideApply();
        git = GitHttpServer.start(dir.resolve("git-server"));
        charts = TestRepos.create(git, "charts", dir.resolve("charts"));
        values = TestRepos.create(git, "values", dir.resolve("values"));
        engine = GitOpsEngine.builder().workDir(dir.resolve("engine")).log(log)
                .connection(ClusterConnection.ofClient("in-cluster", null, RealApiServer.newClient()))
                .pollInterval(Duration.ofMillis(100)).build();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        git.close();
    }

    Application app() {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  sources:
                    - repoURL: %s
                      targetRevision: main
                      path: chart
                      helm:
                        valueFiles: [$values/envs/prod.yaml]
                    - repoURL: %s
                      targetRevision: main
                      ref: values
                  destination: {server: 'https://kubernetes.default.svc', namespace: %s}
                """.formatted(charts.url(), values.url(), NS), "web.yaml");
    }

    String chartVersion(String template) {
        charts.write("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")
                .write("chart/values.yaml", "greeting: chart-default\n")
                .write("chart/templates/config.yaml", template);
        return charts.commit("chart");
    }

    ConfigMap config() {
        return client.configMaps().inNamespace(NS).withName("web-config").get();
    }

    @Test
    void everySourcesRevisionIsShownRecordedAndRestoredByARollback() {
        String chart1 = chartVersion("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: {{ .Release.Name }}-config}
                data: {greeting: {{ .Values.greeting | quote }}, chart: "v1"}
                """);
        String values1 = values.write("envs/prod.yaml", "greeting: hello-prod\n").commit("prod values");

        AppComparison before = engine.compare(app(), null, null);
        assertThat(before.error()).isNull();
        assertThat(before.revisions()).containsExactly(chart1, values1);

        SyncOutcome first = engine.sync(app(), SyncRequest.manual("ada"), log);
        assertThat(first.phase()).as(first.message()).isEqualTo("Succeeded");
        assertThat(config().getData()).containsEntry("greeting", "hello-prod").containsEntry("chart", "v1");

        String chart2 = chartVersion("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: {{ .Release.Name }}-config}
                data: {greeting: {{ .Values.greeting | quote }}, chart: "v2"}
                """);
        String values2 = values.write("envs/prod.yaml", "greeting: bonjour-prod\n").commit("new prod values");
        SyncOutcome second = engine.sync(app(), SyncRequest.manual("ada"), log);
        assertThat(second.phase()).as(second.message()).isEqualTo("Succeeded");
        assertThat(second.after().revisions()).containsExactly(chart2, values2);
        assertThat(config().getData()).containsEntry("greeting", "bonjour-prod").containsEntry("chart", "v2");

        List<HistoryEntry> history = engine.history("web");
        assertThat(history).extracting(HistoryEntry::revisions)
                .containsExactly(List.of(chart1, values1), List.of(chart2, values2));

        SyncOutcome rolledBack = engine.rollback(app(), history.get(0).id(), SyncRequest.manual("ada"), log);

        assertThat(rolledBack.phase()).as(rolledBack.message()).isEqualTo("Succeeded");
        assertThat(config().getData()).as("the chart and the value file of entry 0")
                .containsEntry("greeting", "hello-prod").containsEntry("chart", "v1");
        assertThat(rolledBack.after().revisions()).containsExactly(chart1, values1);
        assertThat(engine.history("web").get(2).revisions()).containsExactly(chart1, values1);
    }
}
