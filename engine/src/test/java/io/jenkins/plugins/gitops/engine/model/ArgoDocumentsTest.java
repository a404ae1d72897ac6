package io.jenkins.plugins.gitops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgoDocumentsTest {

    static Path fixture(String name) {
        try {
            return Path.of(ArgoDocumentsTest.class.getResource("/model/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parsesDirectoryApplicationWithPolicyAndIgnores() {
        Application app = ArgoDocuments.readApplication(fixture("guestbook.yaml"));
        assertThat(app.name()).isEqualTo("guestbook");
        assertThat(app.project()).isEqualTo("default");
        assertThat(app.source().repoURL()).isEqualTo("https://github.com/argoproj/argocd-example-apps.git");
        assertThat(app.source().path()).isEqualTo("guestbook");
        assertThat(app.source().directory()).isEqualTo(new DirectorySource(true, "{*.yaml,*.yml}", "secret-*.yaml"));
        assertThat(app.source().explicitTool()).isEqualTo(ApplicationSource.Tool.DIRECTORY);
        assertThat(app.destination()).isEqualTo(new Destination(Destination.IN_CLUSTER, "", "guestbook"));
        assertThat(app.syncPolicy().automated()).isEqualTo(new SyncPolicy.Automated(true, true, false, true));
        assertThat(app.syncPolicy().syncOptions()).containsExactly("CreateNamespace=true", "PruneLast=true");
        assertThat(app.syncPolicy().retry())
                .isEqualTo(new SyncPolicy.Retry(5, Duration.ofSeconds(10), 3, Duration.ofMinutes(5)));
        assertThat(app.ignoreDifferences()).hasSize(2);
        assertThat(app.ignoreDifferences().get(0).matches(new ResourceKey("apps", "Deployment", "ns", "x"))).isTrue();
        assertThat(app.ignoreDifferences().get(1).jqPathExpressions()).containsExactly(".data.generated");
        assertThat(app.revisionHistoryLimit()).isEqualTo(3);
        assertThat(app.manifestGeneratePaths()).containsExactly("guestbook", "shared");
    }

    @Test
    void parsesMultiSourceHelmApplication() {
        Application app = ArgoDocuments.readApplication(fixture("helm-multi.yaml"));
        assertThat(app.multiSource()).isTrue();
        assertThat(app.sources()).hasSize(2);
        HelmSource helm = app.source().helm();
        assertThat(app.source().explicitTool()).isEqualTo(ApplicationSource.Tool.HELM);
        assertThat(helm.releaseName()).isEqualTo("web-release");
        assertThat(helm.values()).contains("replicaCount: 2");
        assertThat(helm.valuesObject().at("/image/tag").asText()).isEqualTo("1.25");
        assertThat(helm.parameters()).containsExactly(new HelmSource.Parameter("service.type", "NodePort", true));
        assertThat(helm.skipCrds()).isTrue();
        assertThat(helm.ignoreMissingValueFiles()).isTrue();
        assertThat(helm.apiVersions()).containsExactly("monitoring.coreos.com/v1");
        assertThat(app.sources().get(1).ref()).isEqualTo("values");
        assertThat(app.destination().name()).isEqualTo("production");
        assertThat(app.revisionHistoryLimit()).isEqualTo(10);
        assertThat(app.syncPolicy().isAutomated()).isFalse();
    }

    @Test
    void invalidApplicationNamesEveryFieldAndTheFile() {
        assertThatThrownBy(() -> ArgoDocuments.readApplication(fixture("invalid-app.yaml")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> {
                    ValidationException v = (ValidationException) e;
                    assertThat(v.file()).endsWith("invalid-app.yaml");
                    assertThat(v.errors()).extracting(FieldError::path).containsExactlyInAnyOrder(
                            "metadata.name",
                            "spec.source.repoURL",
                            "spec.source.path",
                            "spec.destination",
                            "spec.syncPolicy.retry.limit",
                            "spec.syncPolicy.retry.backoff.duration",
                            "spec.revisionHistoryLimit");
                })
                .hasMessageContaining("invalid-app.yaml: ")
                .hasMessageContaining("spec.source.path: must not leave the repository");
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        String yaml = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: [oops\n";
        assertThatThrownBy(() -> ArgoDocuments.parse(yaml, "apps/broken.yaml"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("apps/broken.yaml: ")
                .hasMessageContaining("invalid YAML at line");
    }

    @Test
    void wrongKindAndApiVersionAreRejected() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
        assertThatThrownBy(() -> ArgoDocuments.parse(yaml, "cm.yaml"))
                .hasMessageContaining("apiVersion: must be argoproj.io/v1alpha1")
                .hasMessageContaining("kind: must be Application, AppProject or ApplicationSet");
    }

    @Test
    void readsProjectAndApplicationSetInOneStream() {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team-a}
                spec:
                  sourceRepos: ['https://git.example.com/*', '!https://git.example.com/secret/*']
                  destinations: [{server: '*', namespace: 'team-a-*'}]
                  clusterResourceWhitelist: [{group: '', kind: Namespace}]
                  namespaceResourceBlacklist: [{group: '', kind: ResourceQuota}]
                  syncWindows:
                    - {kind: deny, schedule: '0 22 * * *', duration: 1h, applications: ['*'], manualSync: true}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: guestbooks}
                spec:
                  generators:
                    - list: {elements: [{cluster: dev}, {cluster: prod}]}
                  template:
                    metadata: {name: '{{cluster}}-guestbook'}
                    spec: {project: default}
                """;
        ArgoDocuments docs = ArgoDocuments.parse(yaml, "mixed.yaml");
        AppProject p = docs.projects().get(0);
        assertThat(p.sourceRepos()).hasSize(2);
        assertThat(p.destinations()).containsExactly(new AppProject.ProjectDestination("*", "", "team-a-*"));
        assertThat(p.syncWindows().get(0).manualSync()).isTrue();
        assertThat(p.namespaceResourceBlacklist()).containsExactly(new AppProject.GroupKind("", "ResourceQuota"));
        ApplicationSet set = docs.applicationSets().get(0);
        assertThat(set.generators()).hasSize(1);
        assertThat(set.applicationsSyncPolicy()).isEqualTo("sync");
        assertThat(set.template().at("/metadata/name").asText()).isEqualTo("{{cluster}}-guestbook");
    }

    @Test
    void durationsFollowGoSyntax() {
        assertThat(DurationParser.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationParser.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationParser.parse("7")).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> DurationParser.parse("3 minutes")).hasMessageContaining("3 minutes");
    }

    @Test
    void pathSafetyIsLexical() {
        assertThat(List.of("a", "a/b/../c", "./x", "")).noneMatch(PathSafety::escapes);
        assertThat(List.of("..", "../x", "a/../../b", "/etc")).allMatch(PathSafety::escapes);
    }
}
