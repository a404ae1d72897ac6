package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.time.Duration;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where manifests come from, synced to a real kube-apiserver (issue 20, "Sources"): Helm value files given as glob
 * patterns, and several sources producing the same resource. The chart writes each value it received into a
 * ConfigMap, so the live object shows which value file won.
 */
class ApiServerSourcesTest {

    static final String NS = "a20-sources";

    @TempDir
    Path dir;

    KubernetesClient client;
    GitHttpServer git;
    TestRepo repo;
    GitOpsEngine engine;
    final ApiServerComparisonTest.RecordingLog log = new ApiServerComparisonTest.RecordingLog();

    @BeforeEach
    void setUp() {
        client = RealApiServer.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .serverSideApply();
        git = GitHttpServer.start(dir.resolve("git-server"));
        repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        repo.write("chart/Chart.yaml", "apiVersion: v2\nname: layers\nversion: 1.0.0\n");
        repo.write("chart/values.yaml", "layer: chart\nfromA: none\n");
        repo.write("chart/templates/layers.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: {{ .Release.Name }}-layers}
                data:
                  layer: {{ .Values.layer | quote }}
                  fromA: {{ .Values.fromA | quote }}
                """);
        repo.write("chart/envs/a.yaml", "layer: a\nfromA: a\n");
        repo.write("chart/envs/b.yaml", "layer: b\n");
        repo.write("chart/envs/sub/c.yaml", "layer: c\n");
        repo.write("chart/envs/sub/deep/d.yaml", "layer: d\n");
        repo.write("chart/envs/notes.txt", "layer: text\n");
        repo.write("one/shared.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\ndata: {from: one}\n");
        repo.write("two/shared.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\ndata: {from: two}\n");
        repo.commit("chart and two sources");
        engine = GitOpsEngine.builder().workDir(dir.resolve("engine")).log(log)
                .connection(ClusterConnection.ofClient("in-cluster", null, RealApiServer.newClient()))
                .pollInterval(Duration.ofMillis(100)).build();
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        if (git != null) {
            git.close();
        }
    }

    Application helmApp(String name, String helm) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source:
                    repoURL: %s
                    targetRevision: HEAD
                    path: chart
                    helm:
                %s
                  destination: {server: 'https://kubernetes.default.svc', namespace: %s}
                """.formatted(name, repo.url(), helm.indent(6), NS), name + ".yaml");
    }

    ConfigMap layers(String release) {
        return client.configMaps().inNamespace(NS).withName(release + "-layers").get();
    }

    @Test
    void aValueFilePatternStandsForItsMatchesInLexicalOrderTheLastWinning() {
        Application a = helmApp("glob-one", "valueFiles: ['envs/*.yaml']");

        SyncOutcome sync = engine.sync(a, SyncRequest.manual("test"), log);

        assertThat(sync.phase()).as(sync.message()).isEqualTo("Succeeded");
        assertThat(layers("glob-one").getData()).containsEntry("layer", "b").containsEntry("fromA", "a");
        assertThat(engine.compare(a, null, null).syncStatus()).isEqualTo(SyncStatus.Synced);
    }

    @Test
    void aDoubleStarMatchesAnyDepthIncludingNone() {
        Application a = helmApp("glob-deep", "valueFiles: ['envs/**/*.yaml', envs/sub/c.yaml]");

        SyncOutcome sync = engine.sync(a, SyncRequest.manual("test"), log);

        assertThat(sync.phase()).as(sync.message()).isEqualTo("Succeeded");
        assertThat(layers("glob-deep").getData()).as("a, b, sub/c, sub/deep/d, then c again")
                .containsEntry("layer", "c").containsEntry("fromA", "a");
    }

    @Test
    void aPatternMatchingNothingIsAnErrorUnlessMissingFilesAreIgnored() {
        AppComparison refused = engine.compare(helmApp("glob-none", "valueFiles: ['missing/*.yaml']"), null, null);
        assertThat(refused.error()).contains("helm value file pattern 'missing/*.yaml' matches no file")
                .contains("ignoreMissingValueFiles");

        Application ignoring = helmApp("glob-ignored", """
                valueFiles: ['missing/*.yaml', 'envs/a.yaml']
                ignoreMissingValueFiles: true""");
        SyncOutcome sync = engine.sync(ignoring, SyncRequest.manual("test"), log);
        assertThat(sync.phase()).as(sync.message()).isEqualTo("Succeeded");
        assertThat(layers("glob-ignored").getData()).containsEntry("layer", "a");
    }

    @Test
    void aPatternCannotLeaveTheRepository() {
        AppComparison c = engine.compare(helmApp("glob-escape", "valueFiles: ['../../*.yaml']"), null, null);

        assertThat(c.error()).contains("'../../*.yaml' leaves the repository");
    }

    @Test
    void theLastSourceWinsARepeatedResourceWithAVisibleWarning() {
        Application a = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: twice}
                spec:
                  sources:
                  - {repoURL: '%1$s', targetRevision: HEAD, path: one}
                  - {repoURL: '%1$s', targetRevision: HEAD, path: two}
                  destination: {server: 'https://kubernetes.default.svc', namespace: %2$s}
                """.formatted(repo.url(), NS), "twice.yaml");

        AppComparison before = engine.compare(a, null, null);
        assertThat(before.error()).isNull();
        assertThat(before.conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ComparisonCondition.REPEATED_RESOURCE_WARNING);
            assertThat(c.message()).contains("ConfigMap " + NS + "/shared appeared 2 times").contains("two/shared.yaml");
        });

        SyncOutcome sync = engine.sync(a, SyncRequest.manual("test"), log);

        assertThat(sync.phase()).as(sync.message()).isEqualTo("Succeeded");
        assertThat(client.configMaps().inNamespace(NS).withName("shared").get().getData()).containsEntry("from", "two");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains("appeared 2 times"));
        assertThat(sync.after().conditions()).extracting(ComparisonCondition::type)
                .containsExactly(ComparisonCondition.REPEATED_RESOURCE_WARNING);
    }
}
