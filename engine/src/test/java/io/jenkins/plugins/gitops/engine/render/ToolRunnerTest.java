package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRunnerTest {

    @TempDir
    Path dir;

    private final ToolRunner runner = new ToolRunner(Duration.ofSeconds(20), 1024);

    @Test
    void returnsStandardOutputAndPassesEnvironmentAndDirectory() {
        String out = runner.run(List.of("sh", "-c", "echo \"$GREETING from $(basename \"$PWD\")\""), dir,
                Map.of("GREETING", "hello"), "greeting");
        assertThat(out).isEqualTo("hello from " + dir.getFileName() + "\n");
    }

    @Test
    void failureCarriesTrimmedStandardErrorButNotStandardOutput() {
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "echo secret-output; echo '  bad input  ' >&2; "
                + "exit 3"), dir, Map.of(), "tool x"))
                .isInstanceOf(RenderException.class)
                .hasMessage("tool x: failed with exit code 3: bad input");
    }

    @Test
    void outputBeyondTheCapKillsTheTool() {
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "yes | head -c 100000; sleep 20"), dir, Map.of(),
                "chatty"))
                .hasMessage("chatty: output exceeds the limit of 1024 bytes");
    }

    @Test
    void missingExecutableIsAClearError() {
        assertThatThrownBy(() -> runner.run(List.of(dir.resolve("nope").toString()), dir, Map.of(), "nope"))
                .hasMessageContaining("nope: cannot start");
    }

    @Test
    void timeoutKillsTheProcess() {
        ToolRunner quick = new ToolRunner(Duration.ofMillis(500), 1024);
        assertThatThrownBy(() -> quick.run(List.of("sh", "-c", "echo started >&2; sleep 30"), dir, Map.of(), "slow"))
                .hasMessageStartingWith("slow: timed out after 500ms and was killed");
    }

    @Test
    void klogDiagnosticsAreNotPartOfTheError() {
        String stderr = """
                I1205 17:45:59.123456   12345 loader.go:395] Config loaded from file: /root/.kube/config
                W1205 17:45:59.223456   12345 warnings.go:70] some warning
                Error: accumulating resources: missing.yaml: no such file or directory
                E1205 17:45:59.323456   12345 run.go:72] "command failed" err="missing.yaml: not found"
                """;
        org.assertj.core.api.Assertions.assertThat(ToolRunner.withoutKlogLines(stderr))
                .isEqualTo("Error: accumulating resources: missing.yaml: no such file or directory\n"
                        + "\"command failed\" err=\"missing.yaml: not found\"");
    }
}
