package io.jenkins.plugins.gitops.engine.appset;

import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.CLUSTERS;
import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.parseSet;
import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clusters generator and the combinators matrix and merge. */
class CombinedGeneratorsTest {

    @TempDir
    Path dir;

    private TestGitRepo repo;
    private ApplicationSetGenerator generator;

    @BeforeEach
    void setUp() {
        repo = AppSetFixtures.sampleRepo(dir);
        generator = new ApplicationSetGenerator(repo, CLUSTERS);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void clustersBySelectorWithNormalizedNamesLabelsAndValues() {
        List<Application> apps = generator.generate(set("clusters.yaml")).list();
        assertThat(apps).extracting(Application::name).containsExactly("guestbook-prod", "guestbook-prod-us");
        Application us = apps.get(1);
        assertThat(us.destination().name()).isEqualTo("Prod_US");
        assertThat(us.labels()).containsEntry("region", "us");
        assertThat(us.source().targetRevision()).isEqualTo("release-us");
    }

    @Test
    void clustersWithoutSelectorIncludeEveryClusterAndGoTemplatesSeeNestedMetadata() {
        List<Application> apps = generator.generate(parseSet("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: all}
                spec:
                  goTemplate: true
                  generators: [{clusters: {}}]
                  template:
                    metadata:
                      name: 'web-{{ .nameNormalized }}'
                      annotations:
                        tier: '{{ .metadata.labels.tier | default "none" }}'
                        owner: '{{ index .metadata.annotations "owner" | default "nobody" }}'
                    spec:
                      project: default
                      source: {repoURL: 'https://git.example.com/org/web.git', path: web}
                      destination: {server: '{{ .server }}', namespace: web}
                """)).list();
        assertThat(apps).extracting(Application::name)
                .containsExactly("web-in-cluster", "web-dev", "web-prod", "web-prod-us");
        assertThat(apps.get(0).annotations()).containsEntry("tier", "none").containsEntry("owner", "nobody");
        assertThat(apps.get(3).annotations()).containsEntry("tier", "production").containsEntry("owner", "team-us");
    }

    @Test
    void badSelectorNamesTheField() {
        String yaml = AppSetFixtures.text("clusters.yaml").replace("operator: In", "operator: Maybe");
        assertThatThrownBy(() -> generator.generate(parseSet(yaml)))
                .hasMessageContaining("spec.generators[0].clusters.selector.matchExpressions[0].operator: must be "
                        + "In, NotIn, Exists or DoesNotExist, not 'Maybe'");
    }

    @Test
    void matrixSecondChildReadsParametersOfTheFirst() {
        Generated generated = generator.generate(set("matrix.yaml"));
        // clusters dev, prod and Prod_US have a tier; only dev and prod have a config file in the repository
        assertThat(generated.list()).extracting(Application::name).containsExactly("dev-guestbook", "prod-guestbook");
        Application prod = generated.list().get(1);
        assertThat(prod.destination().server()).isEqualTo("https://prod.example.com");
        assertThat(prod.annotations()).containsEntry("replicas", "3").containsEntry("config", "clusters/prod");
        assertThat(generated.applications().get(1).parameters())
                .containsEntry("name", "prod").containsEntry("cluster.address", "https://prod.example.com");
    }

    @Test
    void matrixRejectsConflictingPlainParametersAndWrongChildCount() {
        String conflicting = """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: clash}
                spec:
                  generators:
                    - matrix:
                        generators:
                          - list: {elements: [{env: dev}]}
                          - list: {elements: [{env: prod}]}
                  template:
                    metadata: {name: 'x-{{env}}'}
                    spec:
                      project: default
                      source: {repoURL: 'https://git.example.com/org/web.git', path: web}
                      destination: {server: 'https://kubernetes.default.svc', namespace: web}
                """;
        assertThatThrownBy(() -> generator.generate(parseSet(conflicting)))
                .hasMessageContaining("spec.generators[0].matrix: parameter 'env' is 'dev' in the first generator "
                        + "and 'prod' in the second");
        String three = conflicting.replace("- list: {elements: [{env: prod}]}",
                "- list: {elements: [{b: x}]}\n          - list: {elements: [{c: y}]}");
        assertThatThrownBy(() -> generator.generate(parseSet(three)))
                .hasMessageContaining("spec.generators[0].matrix.generators: a matrix needs exactly two child "
                        + "generators, found 3");
    }

    @Test
    void matrixOfGoTemplatesMergesMapsFirstChildWinning() {
        List<Application> apps = generator.generate(parseSet("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: go-matrix}
                spec:
                  goTemplate: true
                  generators:
                    - matrix:
                        generators:
                          - list: {elements: [{app: web, cfg: {size: s}}, {app: api, cfg: {size: m}}]}
                          - list: {elements: [{env: dev, cfg: {size: xl, zone: a}}]}
                  template:
                    metadata:
                      name: '{{ .app }}-{{ .env }}'
                      annotations: {size: '{{ .cfg.size }}', zone: '{{ .cfg.zone }}'}
                    spec:
                      project: default
                      source: {repoURL: 'https://git.example.com/org/web.git', path: '{{ .app }}'}
                      destination: {server: 'https://kubernetes.default.svc', namespace: '{{ .env }}'}
                """)).list();
        assertThat(apps).extracting(Application::name).containsExactly("web-dev", "api-dev");
        assertThat(apps.get(1).annotations()).containsEntry("size", "m").containsEntry("zone", "a");
    }

    @Test
    void mergeOverridesBaseParameterSetsByKey() {
        List<Application> apps = generator.generate(set("merge.yaml")).list();
        // the base (all clusters) decides which applications exist; the unmatched list element is dropped
        assertThat(apps).extracting(Application::name)
                .containsExactly("in-cluster-web", "dev-web", "prod-web", "prod-us-web");
        assertThat(apps).extracting(a -> a.annotations().get("replicas")).containsExactly("1", "1", "5", "1");
    }

    @Test
    void mergeNeedsUniqueOverridesAndMergeKeys() {
        String dup = AppSetFixtures.text("merge.yaml").replace("name: not-a-cluster", "name: prod");
        assertThatThrownBy(() -> generator.generate(parseSet(dup)))
                .hasMessageContaining("spec.generators[0].merge.generators[1]: the parameter sets are not unique by "
                        + "the merge keys: {name=prod} occurs more than once");
        String noKeys = AppSetFixtures.text("merge.yaml").replace("mergeKeys: [name]", "mergeKeys: []");
        assertThatThrownBy(() -> generator.generate(parseSet(noKeys)))
                .hasMessageContaining("spec.generators[0].merge.mergeKeys: at least one merge key is required");
    }
}
