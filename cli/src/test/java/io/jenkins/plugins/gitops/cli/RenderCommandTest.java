package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.FileTrees;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gitops render} on the bundled examples, compared with golden files (regenerate with
 * {@code -Dgolden.update=true}), from a local directory and from a real Git server over HTTP.
 */
class RenderCommandTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /**
     * The bundled examples in a repository of their own. Not the project root: rendering a Kustomize application
     * checks the whole repository for symlinks out of it (as Argo CD does), and other modules' tests write into the
     * root meanwhile (the acceptance suite's browser profile holds a symlink to a socket under /tmp).
     */
    @TempDir
    static Path examples;

    @TempDir
    Path state;

    @BeforeAll
    static void copyExamples() {
        FileTrees.copy(ROOT.resolve("examples"), examples.resolve("examples"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"guestbook", "kustomize-guestbook", "helm-guestbook", "sync-waves"})
    void examplesRenderToTheirGoldenFiles(String example) throws IOException {
        CliRun run = CliRun.of("render", "-f", examples.resolve("examples/" + example + "/application.yaml").toString(),
                "--local", examples.toString(), "--state-dir", state.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        Path golden = Path.of("src/test/resources/golden/" + example + ".yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, run.out());
        }
        assertThat(run.out()).isEqualTo(Files.readString(golden));
    }

    @Test
    void kustomizeOptionNamesTheBinaryThatBuildsKustomizeApplications(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("my-kustomize");
        Files.writeString(fake, """
                #!/bin/sh
                printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: from-option}\\ndata: {args: "%s"}\\n' "$1"
                """);
        fake.toFile().setExecutable(true);
        CliRun run = CliRun.of("render", "-f",
                examples.resolve("examples/kustomize-guestbook/application.yaml").toString(),
                "--local", examples.toString(), "--state-dir", state.toString(), "--kustomize", fake.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("name: from-option").contains("args: build");

        CliRun missing = CliRun.of("render", "-f", examples.resolve("examples/kustomize-guestbook/application.yaml")
                .toString(), "--local", examples.toString(), "--state-dir", state.toString(), "--kustomize",
                dir.resolve("absent").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("configured kustomize binary '" + dir.resolve("absent")
                + "' does not exist or is not executable");
    }

    @Test
    void rendersJsonnetWithTheRuntimeTheCliBundles(@TempDir Path work) throws Exception {
        // the engine only compiles against sjsonnet; the CLI declares it, so Jsonnet renders without any download
        Path repo = work.resolve("repo");
        Files.createDirectories(repo.resolve("apps/jsonnet"));
        Files.writeString(repo.resolve("apps/jsonnet/main.jsonnet"), """
                local lib = import 'lib.libsonnet';
                { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: lib.name }, data: { md5: std.md5('gitops') } }
                """);
        Files.writeString(repo.resolve("apps/jsonnet/lib.libsonnet"), "{ name: 'from-jsonnet' }\n");
        Path app = work.resolve("app.yaml");
        Files.writeString(app, """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: jsonnet}
                spec:
                  source: {repoURL: 'https://example.invalid/repo.git', path: apps/jsonnet}
                  destination: {server: 'https://kubernetes.default.svc', namespace: web}
                """, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("render", "-f", app.toString(), "--local", repo.toString(), "--state-dir",
                state.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("name: from-jsonnet").contains("md5: f74e019b95812ad55fbab22e19ea7db9");
        assertThat(state.resolve("tools/jsonnet")).doesNotExist();
    }

    @Test
    void rendersFromAGitServerAtARevision(@TempDir Path work) throws Exception {
        try (GitHttpServer server = GitHttpServer.start(work.resolve("srv"))) {
            TestRepo repo = TestRepos.create(server, "deploy", work.resolve("wc"));
            repo.write("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {v: one}\n");
            repo.commit("one");
            repo.tag("v1.0.0");
            repo.write("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {v: two}\n");
            repo.commit("two");
            Path app = work.resolve("app.yaml");
            Files.writeString(app, """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata: {name: web}
                    spec:
                      source: {repoURL: '%s', targetRevision: HEAD, path: apps/web}
                      destination: {server: 'https://kubernetes.default.svc', namespace: web}
                    """.formatted(server.url("deploy")), StandardCharsets.UTF_8);
            CliRun head = CliRun.of("render", "-f", app.toString(), "--state-dir", state.toString());
            assertThat(head.exit()).as(head.err()).isZero();
            assertThat(head.out()).contains("v: two").contains("namespace: web");
            CliRun tag = CliRun.of("render", "-f", app.toString(), "--revision", "^1.0.0", "--state-dir",
                    state.toString());
            assertThat(tag.out()).contains("v: one");
        }
    }

    @Test
    void invalidApplicationExitsTwoWithOneLineNamingFileAndField(@TempDir Path dir) throws IOException {
        Path app = dir.resolve("bad.yaml");
        Files.writeString(app, """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: bad}
                spec:
                  source: {repoURL: 'https://example.com/x.git', path: ../../etc}
                  destination: {server: 'https://kubernetes.default.svc'}
                """);
        CliRun run = CliRun.of("render", "-f", app.toString(), "--state-dir", state.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).startsWith("error: ").contains("bad.yaml")
                .contains("spec.source.path: must not leave the repository").doesNotContain("\n");
    }

    @Test
    void malformedManifestNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("apps"));
        Files.writeString(dir.resolve("apps/broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n");
        Path app = dir.resolve("app.yaml");
        Files.writeString(app, """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: broken}
                spec:
                  source: {repoURL: 'https://example.com/x.git', path: apps}
                  destination: {server: 'https://kubernetes.default.svc', namespace: x}
                """);
        CliRun run = CliRun.of("render", "-f", app.toString(), "--local", dir.toString(), "--state-dir",
                state.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("apps/broken.yaml").contains("line");
    }
}
