package io.jenkins.plugins.gitops.engine.appset;

import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.CLUSTERS;
import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.parseSet;
import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.set;
import static io.jenkins.plugins.gitops.engine.appset.AppSetFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitGeneratorTest {

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
    void repositoryViewListsDirectoriesWithoutHiddenOnesAndGlobsFiles() {
        assertThat(repo.directories(TestGitRepo.URL, "main")).containsExactly("apps", "apps/excluded-app",
                "apps/guestbook", "apps/helm-guestbook", "apps/nested", "apps/nested/deep", "clusters",
                "clusters/dev", "clusters/prod", "clusters/staging");
        assertThat(repo.files(TestGitRepo.URL, "main", "**/config.json")).containsExactly(
                "clusters/dev/config.json", "clusters/prod/config.json", "clusters/staging/config.json");
        assertThat(repo.files(TestGitRepo.URL, "main", "*.md")).containsExactly("README.md");
        assertThat(repo.files(TestGitRepo.URL, "main", "clusters/*.yaml")).containsExactly("clusters/regions.yaml");
    }

    @Test
    void directoriesWithExcludeEntries() {
        List<Application> apps = generator.generate(set("git-directories.yaml")).list();
        // apps/* matches one level only; the excluded entry wins over the include
        assertThat(apps).extracting(Application::name).containsExactly("guestbook", "helm-guestbook", "nested");
        Application helm = apps.get(1);
        assertThat(helm.source().path()).isEqualTo("apps/helm-guestbook");
        assertThat(helm.destination().namespace()).isEqualTo("helm-guestbook");
        assertThat(helm.labels()).containsEntry("first-segment", "apps");
        assertThat(helm.namespace()).isEqualTo("argocd");
    }

    @Test
    void directoriesAreReadFromTheTreeAtTheRequestedRevision() {
        String first = repo.commit("unused", Map.of());
        repo.commit("add an app", Map.of("apps/late/cm.yaml", "kind: ConfigMap"));
        List<String> atHead = generator.generate(set("git-directories.yaml")).list().stream()
                .map(Application::name).toList();
        assertThat(atHead).contains("late");
        String pinned = text("git-directories.yaml").replace("revision: main", "revision: " + first);
        assertThat(generator.generate(parseSet(pinned)).list()).extracting(Application::name)
                .doesNotContain("late");
    }

    @Test
    void filesAreFlattenedWithPathParametersAndValues() {
        List<Application> apps = generator.generate(set("git-files.yaml")).list();
        assertThat(apps).extracting(Application::name).containsExactly("guestbook-dev", "guestbook-prod");
        Application dev = apps.get(0);
        assertThat(dev.destination().server()).isEqualTo("https://dev.example.com");
        assertThat(dev.annotations()).containsEntry("replicas", "1")
                .containsEntry("first-tag", "blue")
                .containsEntry("team", "Team_A")
                .containsEntry("file", "config.json in clusters/dev (dev, dev)")
                .containsEntry("unknown", "{{ not.a.param }}");
    }

    @Test
    void filesWithGoTemplatesSeeNestedValuesUnderAPrefix() {
        Generated generated = generator.generate(set("git-files-go.yaml"));
        assertThat(generated.list()).extracting(Application::name)
                .containsExactly("dev-dev", "prod-prod", "staging-staging");
        Application staging = generated.find("staging-staging").orElseThrow().application();
        assertThat(staging.annotations()).containsEntry("owner", "team-a")
                .containsEntry("replicas", "2")
                .containsEntry("tags", "none")
                .containsEntry("size", "medium")
                .containsEntry("dir", "staging/config.json");
        assertThat(staging.source().path()).isEqualTo("clusters/staging");
        assertThat(generated.find("dev-dev").orElseThrow().application().annotations())
                .containsEntry("tags", "blue,green").containsEntry("size", "small");
        assertThat(generated.find("prod-prod").orElseThrow().application().annotations())
                .containsEntry("size", "large");
        assertThat(generated.find("dev-dev").orElseThrow().generator()).isEqualTo("spec.generators[0]");
    }

    @Test
    void yamlFileWithAListGivesOneParameterSetPerElement() {
        String yaml = text("git-files.yaml")
                .replace("'clusters/**/config.json'", "clusters/regions.yaml")
                .replace("guestbook-{{cluster.name}}", "web-{{region}}")
                .replace("'{{cluster.address}}'", "https://kubernetes.default.svc");
        List<Application> apps = generator.generate(parseSet(yaml)).list();
        assertThat(apps).extracting(Application::name).containsExactly("web-eu", "web-us");
        // the directory has one segment, so {{path[1]}} is no parameter and stays as written
        assertThat(apps.get(1).annotations()).containsEntry("file", "regions.yaml in clusters (clusters, {{path[1]}})");
    }

    @Test
    void unreadableFileNamesTheFileAndGenerator() {
        repo.commit("broken", Map.of("clusters/broken/config.json", "{\"cluster\": "));
        assertThatThrownBy(() -> generator.generate(set("git-files.yaml")))
                .isInstanceOf(GeneratorException.class)
                .hasMessageStartingWith("ApplicationSet 'files' (")
                .hasMessageContaining("spec.generators[0].git: unable to process file 'clusters/broken/config.json'");
    }

    @Test
    void unknownRevisionIsReportedWithRepoAndGenerator() {
        String yaml = text("git-directories.yaml").replace("revision: main", "revision: no-such-branch");
        assertThatThrownBy(() -> generator.generate(parseSet(yaml)))
                .isInstanceOf(GeneratorException.class)
                .hasMessageContaining("spec.generators[0].git: cannot read https://git.example.com/org/config.git "
                        + "at no-such-branch");
    }
}
