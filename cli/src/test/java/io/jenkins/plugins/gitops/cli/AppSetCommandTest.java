package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops appset generate} with a git-directories generator reading the fixture's Git server over HTTP. */
class AppSetCommandTest {

    @TempDir
    Path dir;

    CliFixture cli;
    Path set;

    @BeforeEach
    void setUp() {
        cli = new CliFixture(dir);
        cli.fx.repo.write("envs/dev/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: env}\n");
        cli.fx.repo.write("envs/prod_eu/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: env}\n");
        cli.fx.repo.write("envs/scratch/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: env}\n");
        cli.fx.repo.write("docs/readme.md", "not an environment\n");
        cli.fx.repo.commit("three environments");
        set = cli.write("envs.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: envs}
                spec:
                  generators:
                  - git:
                      repoURL: %1$s
                      revision: HEAD
                      directories:
                      - path: envs/*
                      - path: envs/scratch
                        exclude: true
                  template:
                    metadata:
                      name: 'web-{{path.basenameNormalized}}'
                    spec:
                      project: default
                      source: {repoURL: '%1$s', targetRevision: HEAD, path: '{{path}}'}
                      destination: {server: 'https://kubernetes.default.svc', namespace: '{{path.basenameNormalized}}'}
                """.formatted(cli.fx.repo.url()));
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    @Test
    void generatesOneApplicationPerDirectoryAsYaml() {
        CliRun run = cli.run("appset", "generate", "-f", set.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<Application> apps = ArgoDocuments.parse(run.out(), "stdout").applications();
        assertThat(apps).extracting(Application::name).containsExactly("web-dev", "web-prod-eu");
        assertThat(apps.get(1).source().path()).isEqualTo("envs/prod_eu");
        assertThat(apps.get(1).source().repoURL()).isEqualTo(cli.fx.repo.url());
        assertThat(apps.get(1).destination().namespace()).isEqualTo("prod-eu");
    }

    @Test
    void nameAndJsonOutputs() throws Exception {
        CliRun names = cli.run("appset", "generate", "-f", set.toString(), "-o", "name");
        assertThat(names.exit()).as(names.err()).isZero();
        assertThat(names.out()).isEqualTo("web-dev\nweb-prod-eu\n");

        CliRun json = cli.run("appset", "generate", "-f", set.toString(), "-o", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode docs = Yaml.JSON.readTree(json.out());
        assertThat(docs.isArray()).isTrue();
        assertThat(docs).extracting(d -> d.at("/metadata/name").asText()).containsExactly("web-dev", "web-prod-eu");
        assertThat(docs).allSatisfy(d -> assertThat(d.get("kind").asText()).isEqualTo("Application"));
    }

    @Test
    void aNewDirectoryInGitIsGeneratedOnTheNextRun() {
        cli.fx.repo.write("envs/qa/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: env}\n");
        cli.fx.repo.commit("qa");
        CliRun run = cli.run("appset", "generate", "-f", set.toString(), "-o", "name");
        assertThat(run.out().lines()).containsExactly("web-dev", "web-prod-eu", "web-qa");
    }

    @Test
    void errorsExitTwo() {
        Path app = cli.application("web", "envs/dev", "dev", "");
        CliRun noSet = cli.run("appset", "generate", "-f", app.toString());
        assertThat(noSet.exit()).isEqualTo(2);
        assertThat(noSet.err().strip()).startsWith("error: ").contains("web.yaml").contains("no ApplicationSet");

        CliRun badOutput = cli.run("appset", "generate", "-f", set.toString(), "-o", "table");
        assertThat(badOutput.exit()).isEqualTo(2);
        assertThat(badOutput.err().strip()).isEqualTo("error: -o/--output must be yaml or json or name, not 'table'");
    }
}
