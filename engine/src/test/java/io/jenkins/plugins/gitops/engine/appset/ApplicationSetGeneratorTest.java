package io.jenkins.plugins.gitops.engine.appset;

import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.CLUSTERS;
import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.parseSet;
import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Template merging, list elements and the errors of a whole ApplicationSet evaluation (no Git needed). */
class ApplicationSetGeneratorTest {

    private final ApplicationSetGenerator generator = new ApplicationSetGenerator(null, CLUSTERS);

    private static String listSet(String elements, String name) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: list}
                spec:
                  generators:
                    - list:
                        elements: %s
                  template:
                    metadata: {name: '%s'}
                    spec:
                      project: default
                      source: {repoURL: 'https://git.example.com/org/web.git', path: web}
                      destination: {server: 'https://kubernetes.default.svc', namespace: web}
                """.formatted(elements, name);
    }

    @Test
    void generatorTemplateIsMergedOverTheSetTemplate() {
        List<Application> apps = generator.generate(set("template-override.yaml")).list();
        assertThat(apps).extracting(Application::name).containsExactly("web-dev", "web-prod");
        Application dev = apps.get(0);
        assertThat(dev.project()).isEqualTo("dev-project");
        assertThat(dev.source().path()).isEqualTo("overlays/dev");
        assertThat(dev.source().targetRevision()).isEqualTo("develop");
        // empty values in the generator's template keep the set's value
        assertThat(dev.source().repoURL()).isEqualTo("https://git.example.com/org/web.git");
        assertThat(dev.destination().namespace()).isEqualTo("web-dev");
        assertThat(dev.syncPolicy().automated().prune()).isTrue();
        assertThat(dev.namespace()).isEqualTo("apps");
        Application prod = apps.get(1);
        assertThat(prod.project()).isEqualTo("default");
        assertThat(prod.source().path()).isEqualTo("base");
    }

    @Test
    void plainListElementsAreTextAndValuesAreFlattened() {
        Generated g = generator.generate(parseSet(listSet("[{app: web, replicas: 3, values: {tier: front}}]",
                "{{app}}-{{replicas}}-{{values.tier}}")));
        assertThat(g.list()).extracting(Application::name).containsExactly("web-3-front");
        assertThat(g.owns("web-3-front")).isTrue();
        assertThat(g.owns("other")).isFalse();
    }

    @Test
    void nestedListValueNeedsGoTemplates() {
        assertThatThrownBy(() -> generator.generate(parseSet(listSet("[{app: {name: web}}]", "{{app}}"))))
                .isInstanceOf(GeneratorException.class)
                .hasMessage("ApplicationSet 'list' (inline.yaml): spec.generators[0].list.elements[0].app: must be "
                        + "a string (nested values need goTemplate: true)");
    }

    @Test
    void invalidGeneratedNameNamesGeneratorParametersAndName() {
        assertThatThrownBy(() -> generator.generate(set("invalid-name.yaml")))
                .isInstanceOfSatisfying(GeneratorException.class, e -> {
                    assertThat(e.path()).isEqualTo("spec.generators[0]");
                    assertThat(e.getCause()).isInstanceOf(ValidationException.class);
                })
                .hasMessageEndingWith("invalid-name.yaml): spec.generators[0]: parameters {app=Bad_Name}: generated "
                        + "application 'Bad_Name' is invalid: metadata.name: must be a DNS-1123 name (lower case "
                        + "letters, digits, '-', '.'): Bad_Name");
    }

    @Test
    void missingKeyErrorNamesKeyFieldAndParameters() {
        assertThatThrownBy(() -> generator.generate(set("go-missingkey.yaml")))
                .isInstanceOf(GeneratorException.class)
                .hasMessageContaining("spec.generators[0]: parameters {name=us}: template.spec.source.path: failed to "
                        + "execute go template regions/{{.region}}: map has no entry for key \"region\"");
    }

    @Test
    void duplicateGeneratedNamesAreAnError() {
        assertThatThrownBy(() -> generator.generate(parseSet(listSet("[{app: web, v: '1'}, {app: web, v: '2'}]",
                "{{app}}"))))
                .hasMessageContaining("application 'web' is generated twice (by spec.generators[0] with parameters "
                        + "{app=web, v=1} and with parameters {app=web, v=2})");
    }

    @Test
    void unsupportedGeneratorAndOptionAreNamed() {
        String scm = listSet("[]", "x").replace("- list:\n        elements: []", "- scmProvider: {}");
        assertThatThrownBy(() -> generator.generate(parseSet(scm)))
                .hasMessageContaining("spec.generators[0]: unsupported generator scmProvider (supported: clusters, "
                        + "git, list, matrix, merge)");
        String option = listSet("[{app: web}]", "{{app}}").replace("spec:\n  generators",
                "spec:\n  goTemplate: true\n  goTemplateOptions: [missingkey=panic]\n  generators");
        assertThatThrownBy(() -> generator.generate(parseSet(option)))
                .hasMessageContaining("spec.goTemplateOptions: unsupported option 'missingkey=panic'");
    }

    @Test
    void postSelectorFiltersParameterSets() {
        String yaml = listSet("[{app: web, env: prod}, {app: api, env: dev}]", "{{app}}")
                .replace("    - list:", "    - selector: {matchLabels: {env: prod}}\n      list:");
        assertThat(generator.generate(parseSet(yaml)).list()).extracting(Application::name).containsExactly("web");
    }

    @Test
    void gitGeneratorWithoutRepositoryAccessIsAClearError() {
        String yaml = listSet("[]", "x").replace("- list:\n        elements: []",
                "- git: {repoURL: 'https://git.example.com/x.git', directories: [{path: '*'}]}");
        assertThatThrownBy(() -> generator.generate(parseSet(yaml)))
                .hasMessageContaining("no Git repository access was configured for the git generator");
    }
}
