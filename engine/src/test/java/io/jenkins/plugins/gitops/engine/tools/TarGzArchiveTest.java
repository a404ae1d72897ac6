package io.jenkins.plugins.gitops.engine.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's tar reader on archives written by the machine's GNU tar in each format it reads: GNU long names
 * ({@code L} records), PAX {@code path} records (as Go's archive/tar writes long names) and POSIX ustar name prefixes.
 */
class TarGzArchiveTest {

    /** Longer than tar's 100-character name field; ustar splits it into a prefix and a name at a slash. */
    static final String LONG = "chart/templates/" + "a-very-long-directory-name-".repeat(3) + "/"
            + "another-long-directory-".repeat(2) + "/configmap.yaml";

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "pax", "ustar"})
    void everyEntryIsReadWithItsFullNameAndExactContent(String format, @TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        write(src.resolve(LONG), "kind: ConfigMap\n");
        write(src.resolve("chart/Chart.yaml"), "name: chart\n".repeat(100));
        write(src.resolve("chart/bin/tool"), "#!/bin/sh\necho hi\n");
        src.resolve("chart/bin/tool").toFile().setExecutable(true, false);
        Files.createSymbolicLink(src.resolve("chart/link"), Path.of("Chart.yaml"));
        Path tgz = tar(dir, src, format);

        Map<String, String> files = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        TarGzArchive.read(tgz, (e, content) -> {
            if (e.isFile()) {
                // read only part of one entry: the rest is skipped before the next header
                files.put(e.name(), e.name().endsWith("Chart.yaml") ? new String(content.readNBytes(12))
                        : new String(content.readAllBytes()));
            } else if (!e.isDirectory()) {
                others.add(e.name() + ":" + e.type());
            }
        });

        assertThat(files).containsEntry(LONG, "kind: ConfigMap\n").containsEntry("chart/Chart.yaml", "name: chart\n")
                .containsEntry("chart/bin/tool", "#!/bin/sh\necho hi\n").hasSize(3);
        assertThat(others).containsExactly("chart/link:2");

        Path out = dir.resolve("out");
        TarGzArchive.extract(tgz, out);
        assertThat(out.resolve(LONG)).hasContent("kind: ConfigMap");
        assertThat(out.resolve("chart/bin/tool")).isExecutable();
        assertThat(out.resolve("chart/link")).as("links are skipped").doesNotExist();
    }

    @Test
    void entriesLeavingTheTargetDirectoryAreSkippedWhenExtracting(@TempDir Path dir) throws Exception {
        write(dir.resolve("work/evil"), "outside");
        write(dir.resolve("work/app/ok"), "inside");
        Path tgz = dir.resolve("a.tgz");
        run(dir.resolve("work/app"), "tar", "-P", "-czf", tgz.toString(), "../evil", "ok");

        List<String> names = new ArrayList<>();
        TarGzArchive.read(tgz, (e, content) -> names.add(e.name()));
        assertThat(names).containsExactly("../evil", "ok");

        Path out = dir.resolve("x/out");
        TarGzArchive.extract(tgz, out);
        assertThat(out.resolve("ok")).hasContent("inside");
        assertThat(dir.resolve("x/evil")).doesNotExist();
    }

    static Path tar(Path dir, Path src, String format) throws Exception {
        Path tgz = dir.resolve(format + ".tgz");
        run(src, "tar", "--format=" + format, "-czf", tgz.toString(), "chart");
        return tgz;
    }

    static void run(Path cwd, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
