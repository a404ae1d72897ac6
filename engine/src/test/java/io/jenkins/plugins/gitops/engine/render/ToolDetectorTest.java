package io.jenkins.plugins.gitops.engine.render;

import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.app;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolDetectorTest {

    @TempDir
    Path dir;

    private static ApplicationSource source(String lines) {
        return app("a", "ns", lines).source();
    }

    @ParameterizedTest
    @CsvSource({
        "Chart.yaml, HELM",
        "kustomization.yaml, KUSTOMIZE",
        "kustomization.yml, KUSTOMIZE",
        "Kustomization, KUSTOMIZE",
        "deployment.yaml, DIRECTORY",
    })
    void markerFileSelectsTheTool(String marker, Tool expected) throws IOException {
        Files.writeString(dir.resolve(marker), "x: 1\n");
        assertThat(ToolDetector.detect(source("path: app"), dir)).isEqualTo(expected);
    }

    @Test
    void kustomizationWinsOverChartYamlAsInArgoCdDiscovery() throws IOException {
        Files.writeString(dir.resolve("Chart.yaml"), "name: x\n");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\n");
        assertThat(ToolDetector.detect(source("path: app"), dir)).isEqualTo(Tool.KUSTOMIZE);
    }

    @Test
    void explicitToolWinsOverMarkerFiles() throws IOException {
        Files.writeString(dir.resolve("Chart.yaml"), "name: x\n");
        assertThat(ToolDetector.detect(source("path: app\ndirectory:\n  recurse: true"), dir))
                .isEqualTo(Tool.DIRECTORY);
        assertThat(ToolDetector.detect(source("path: app\nplugin:\n  name: x"), dir)).isEqualTo(Tool.PLUGIN);
        Files.delete(dir.resolve("Chart.yaml"));
        assertThat(ToolDetector.detect(source("path: app\nhelm:\n  releaseName: r"), dir)).isEqualTo(Tool.HELM);
    }

    @Test
    void aDirectoryNamedLikeAMarkerIsNoMarker() throws IOException {
        Files.createDirectories(dir.resolve("Chart.yaml"));
        assertThat(ToolDetector.detect(source("path: app"), dir)).isEqualTo(Tool.DIRECTORY);
    }
}
