package io.jenkins.plugins.gitops.engine.render;

import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.app;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.copyRepo;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRendererTest {

    @TempDir
    Path tmp;

    Path repo;

    @BeforeEach
    void setUp() {
        repo = copyRepo(tmp);
    }

    @Test
    void readsTopLevelYamlJsonAndListsInLexicalOrder() {
        RenderedManifests m = render(repo, app("guestbook", "demo", "path: guestbook"));
        assertThat(m.tool()).isEqualTo(Tool.DIRECTORY);
        assertThat(m.objects()).extracting(KubeObject::name).containsExactly(
                "guestbook-json", "guestbook-ui", "guestbook-ui", "listed-one", "listed-two");
        assertThat(m.objects()).extracting(KubeObject::source).containsExactly("guestbook/config.json",
                "guestbook/deployment.yaml", "guestbook/deployment.yaml", "guestbook/list.yaml",
                "guestbook/list.yaml");
        assertThat(m.revision()).isEqualTo(RenderFixtures.SHA);
        RenderFixtures.assertGolden(m, "directory-guestbook.yaml");
    }

    @Test
    void recursesIntoSubdirectoriesOnlyWhenAsked() {
        RenderedManifests m = render(repo, app("guestbook", "demo", """
                path: guestbook
                directory:
                  recurse: true"""));
        assertThat(m.objects()).extracting(KubeObject::name).containsExactly("guestbook-json", "guestbook-ui",
                "guestbook-ui", "listed-one", "listed-two", "deeper", "extra", "skip-me");
        assertThat(RenderFixtures.find(m, "ConfigMap", "deeper").source())
                .isEqualTo("guestbook/sub/deeper/secret-ish.yaml");
    }

    @Test
    void includeWithAlternativesMatchesPathsRelativeToTheAppAndExcludeWins() {
        RenderedManifests m = render(repo, app("guestbook", "demo", """
                path: guestbook
                directory:
                  recurse: true
                  include: '{*.yml,sub/*.yaml,config.json}'
                  exclude: '*deeper*'"""));
        // '*' crosses '/', as in Argo CD's glob: sub/*.yaml also matches sub/deeper/x.yaml, which exclude removes.
        assertThat(m.objects()).extracting(KubeObject::name).containsExactly("guestbook-json", "extra", "skip-me");
    }

    @Test
    void excludeAloneDropsMatchingFiles() {
        RenderedManifests m = render(repo, app("guestbook", "demo", """
                path: guestbook
                directory:
                  exclude: '{list.yaml,*.json}'"""));
        assertThat(m.objects()).extracting(KubeObject::kind).containsExactly("Deployment", "Service");
    }

    @Test
    void objectWithoutKindIsAnErrorNamingFileAndDocument() {
        assertThatThrownBy(() -> render(repo, app("bad", "demo", "path: errors/missing-kind")))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("application 'bad'")
                .hasMessageContaining("errors/missing-kind/a.yaml (document 2, line 6): object has no kind");
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() {
        assertThatThrownBy(() -> render(repo, app("bad", "demo", "path: errors/syntax")))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("errors/syntax/a.yaml: YAML syntax error at line 8: while parsing a flow sequence (line 6, column 8)");
    }

    @Test
    void unparseableYamlThatIsNotAManifestIsIgnoredWithAWarningAsArgoCdDoes() {
        RenderedManifests m = render(repo, app("mixed", "demo", "path: errors/not-manifest"));
        assertThat(m.objects()).extracting(KubeObject::name).containsExactly("real");
        assertThat(m.warnings()).singleElement().asString()
                .contains("ignoring 'errors/not-manifest/settings.yaml'");
    }

    /** Enough files to be parsed in parallel: the outcome is the one of reading them one after the other. */
    Path manyFiles(String dir) throws IOException {
        Path d = Files.createDirectories(repo.resolve(dir));
        for (int i = 0; i < DirectoryRenderer.PARALLEL_FROM + 8; i++) {
            Files.writeString(d.resolve("m-%03d.yaml".formatted(i)),
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-%03d}\n".formatted(i));
        }
        Files.writeString(d.resolve("m-005-notes.yaml"), "just: [some, notes\n");
        Files.writeString(d.resolve("m-010-config.yaml"), "settings: {unterminated: [1, 2\n");
        return d;
    }

    @Test
    void manyFilesKeepTheirOrderAndWarningsWhenParsedInParallel() throws IOException {
        manyFiles("many");

        RenderedManifests m = render(repo, app("many", "demo", "path: many"));

        assertThat(m.objects()).extracting(KubeObject::name).hasSize(DirectoryRenderer.PARALLEL_FROM + 8)
                .isSorted().startsWith("cm-000", "cm-001");
        assertThat(m.warnings()).hasSize(2);
        assertThat(m.warnings().get(0)).contains("ignoring 'many/m-005-notes.yaml'");
        assertThat(m.warnings().get(1)).contains("ignoring 'many/m-010-config.yaml'");
    }

    @Test
    void amongManyFilesTheFirstBrokenOneInFileOrderIsTheError() throws IOException {
        Path d = manyFiles("many-bad");
        Files.writeString(d.resolve("m-020.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n");
        Files.writeString(d.resolve("m-030.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [y\n");

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> render(repo, app("many-bad", "demo", "path: many-bad")))
                    .isInstanceOf(RenderException.class).hasMessageContaining("many-bad/m-020.yaml")
                    .hasMessageNotContaining("m-030");
        }
    }

    @Test
    void jsonFileWithTwoValuesIsAnError() {
        assertThatThrownBy(() -> render(repo, app("bad", "demo", "path: errors/json-multi")))
                .hasMessageContaining("errors/json-multi/a.json: found more than one value at line 2");
    }

    @Test
    void symlinkToAFileOutsideTheRepositoryIsAnErrorNamingTheLink() throws IOException {
        Path outside = Files.writeString(tmp.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\n");
        Files.createSymbolicLink(repo.resolve("guestbook/zz-link.yaml"), outside);
        assertThatThrownBy(() -> render(repo, app("guestbook", "demo", "path: guestbook")))
                .hasMessageContaining("'guestbook/zz-link.yaml' is a symlink that points outside the repository");
    }

    @Test
    void symlinkInsideTheRepositoryIsFollowedAndBrokenOnesAreSkipped() throws IOException {
        Files.createSymbolicLink(repo.resolve("guestbook/linked.yaml"), repo.resolve("duplicates/a.yaml"));
        Files.createSymbolicLink(repo.resolve("guestbook/broken.yaml"), repo.resolve("nowhere.yaml"));
        RenderedManifests m = render(repo, app("guestbook", "demo", "path: guestbook"));
        assertThat(RenderFixtures.find(m, "Deployment", "web").source()).isEqualTo("guestbook/linked.yaml");
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("guestbook/broken.yaml"));
    }

    @Test
    void invalidGlobIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> render(repo, app("guestbook", "demo", """
                path: guestbook
                directory:
                  include: '{a,b'""")))
                .hasMessageContaining("directory.include '{a,b' is not a valid glob");
    }
}
