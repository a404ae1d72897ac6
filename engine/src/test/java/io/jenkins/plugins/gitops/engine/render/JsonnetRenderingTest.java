package io.jenkins.plugins.gitops.engine.render;

import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.app;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.copyRepo;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jsonnet in directory sources, fixture-driven: each {@code render/jsonnet-cases/NAME.yaml} gives the source lines
 * (over the fixture repository's {@code jsonnet/} directory) and either the exact one-line error or nothing, in which
 * case the output must equal {@code render/golden/jsonnet-NAME.yaml}. Real sjsonnet, no mocks.
 */
class JsonnetRenderingTest {

    @TempDir
    Path tmp;

    Path repo;

    @BeforeEach
    void setUp() {
        repo = copyRepo(tmp);
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(RenderFixtures.resource("jsonnet-cases"))) {
            return files.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTheFixtureSays(String name) throws IOException {
        JsonNode fixture = Yaml.YAML.readTree(Files.readString(RenderFixtures.resource("jsonnet-cases/" + name + ".yaml")));
        var app = app("jsonnet-" + name, "demo", fixture.path("source").asText().strip());
        if (fixture.hasNonNull("error")) {
            assertThatThrownBy(() -> render(repo, app)).isInstanceOf(RenderException.class)
                    .hasMessage(fixture.path("error").asText());
        } else {
            RenderFixtures.assertGolden(render(repo, app), "jsonnet-" + name + ".yaml");
        }
    }

    @Test
    void aRelativeImportCannotLeaveTheRepository() throws IOException {
        Files.writeString(tmp.resolve("outside.libsonnet"), "{ secret: 'host file' }");
        Path dir = Files.createDirectories(repo.resolve("jsonnet/escape"));
        Files.writeString(dir.resolve("main.jsonnet"), "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: "
                + "(import '../../../outside.libsonnet').secret } }");
        assertThatThrownBy(() -> render(repo, app("escape", "demo", "path: jsonnet/escape")))
                .isInstanceOf(RenderException.class)
                .hasMessage("application 'escape': jsonnet/escape/main.jsonnet: Jsonnet import "
                        + "'../../../outside.libsonnet' resolves to a file outside the repository; imports must stay "
                        + "inside the repository");
    }

    @Test
    void aSymlinkedLibraryPointingOutOfTheRepositoryIsRefused() throws IOException {
        Path outside = Files.writeString(tmp.resolve("passwd.libsonnet"), "{ name: 'leaked' }");
        Path dir = Files.createDirectories(repo.resolve("jsonnet/symlink"));
        Files.createSymbolicLink(dir.resolve("lib.libsonnet"), outside);
        Files.writeString(dir.resolve("main.jsonnet"), "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: "
                + "(import 'lib.libsonnet').name } }");
        assertThatThrownBy(() -> render(repo, app("symlink", "demo", "path: jsonnet/symlink")))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("import 'lib.libsonnet' resolves to a file outside the repository")
                .hasMessageNotContaining("leaked");
    }

    @Test
    void aLibraryPathLeavingTheRepositoryIsAFieldError() {
        assertThatThrownBy(() -> app("up", "demo", """
                path: jsonnet/libs
                directory:
                  jsonnet:
                    libs: ["../elsewhere"]"""))
                .hasMessageContaining("spec.source.directory.jsonnet.libs[0]")
                .hasMessageContaining("must not leave the repository");
    }
}
