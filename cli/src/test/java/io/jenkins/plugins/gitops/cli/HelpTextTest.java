package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code --help} of every command and subcommand prints its usage and nothing else: picocli formats descriptions with
 * {@link String#format}, so a bare {@code %} (say "50% jitter") makes it print {@code [picocli WARN] Could not format}
 * lines on stderr instead of the text. picocli's tracer writes to {@link System#err} directly, so that is captured.
 */
class HelpTextTest {

    /** Every command path, e.g. {@code []}, {@code [sync]}, {@code [appset, generate]}. */
    static Stream<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        collect(GitOpsCommand.commandLine(), new ArrayList<>(), out);
        return out.stream();
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) {
                return; // an alias
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }

    /** A command line for one subcommand builds only that one; usage and unknown names see all of them. */
    @org.junit.jupiter.api.Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertThat(GitOpsCommand.commandLine("diff", "-f", "app.yaml").getSubcommands()).containsOnlyKeys("diff");
        List<String> all = List.of("render", "diff", "status", "sync", "delete", "history", "rollback", "controller",
                "appset", "image-update");
        assertThat(GitOpsCommand.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(GitOpsCommand.commandLine("--help").getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(GitOpsCommand.commandLine("difff").getSubcommands().keySet()).containsExactlyElementsOf(all);
        CliRun unknown = CliRun.of("difff");
        assertThat(unknown.exit()).isEqualTo(GitOpsCommand.ERROR);
        assertThat(unknown.err()).contains("difff");
        CliRun usage = CliRun.of("--help");
        all.forEach(name -> assertThat(usage.out()).contains("  " + name));
    }

    @ParameterizedTest(name = "gitops {0} --help")
    @MethodSource("commands")
    void helpPrintsUsageWithoutPicocliWarnings(List<String> path) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CliRun run;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            run = CliRun.of(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        String stderr = captured.toString(StandardCharsets.UTF_8) + run.err();

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: gitops");
        assertThat(stderr).doesNotContain("picocli WARN");
        assertThat(run.out()).doesNotContain("Could not format");
    }
}
