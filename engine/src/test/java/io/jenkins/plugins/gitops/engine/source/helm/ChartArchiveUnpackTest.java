package io.jenkins.plugins.gitops.engine.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking a downloaded chart archive (written by the machine's GNU tar) into the chart store. */
class ChartArchiveUnpackTest {

    @Test
    void aChartUnpacksWithItsTemplates(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src/mychart/templates"));
        Files.writeString(dir.resolve("src/mychart/Chart.yaml"), "apiVersion: v2\nname: mychart\nversion: 1.0.0\n");
        Files.writeString(dir.resolve("src/mychart/templates/cm.yaml"), "kind: ConfigMap\n");
        Path tgz = dir.resolve("mychart-1.0.0.tgz");
        run(dir.resolve("src"), "tar", "-czf", tgz.toString(), "mychart");

        ChartStore.unpack(tgz, dir.resolve("tree"), "chart mychart 1.0.0");

        assertThat(dir.resolve("tree/mychart/Chart.yaml")).hasContent("apiVersion: v2\nname: mychart\nversion: 1.0.0");
        assertThat(dir.resolve("tree/mychart/templates/cm.yaml")).hasContent("kind: ConfigMap");
    }

    @Test
    void anEntryLeavingTheChartIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src/mychart"));
        Files.writeString(dir.resolve("src/evil.yaml"), "x");
        Files.writeString(dir.resolve("src/mychart/Chart.yaml"), "name: mychart\n");
        Path tgz = dir.resolve("evil.tgz");
        run(dir.resolve("src/mychart"), "tar", "-P", "-czf", tgz.toString(), "Chart.yaml", "../evil.yaml");

        assertThatThrownBy(() -> ChartStore.unpack(tgz, dir.resolve("tree"), "chart mychart 1.0.0"))
                .isInstanceOf(HelmRepositoryException.class)
                .hasMessage("chart mychart 1.0.0: the chart archive has an entry leaving the chart: ../evil.yaml");
        assertThat(dir.resolve("evil.yaml")).doesNotExist();
    }

    static void run(Path cwd, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
