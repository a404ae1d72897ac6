package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gitops} command: the same engine the Jenkins plugin runs, from a terminal. Exit codes follow
 * {@code kubectl diff}: 0 success / in sync, 1 out of sync / operation failed, 2 any error (one line on stderr).
 */
@Command(name = "gitops", mixinStandardHelpOptions = true, version = "gitops 0.1.0",
        description = "Argo CD compatible GitOps: render, diff, sync and watch Applications.")
public final class GitOpsCommand implements Runnable {

    /** The subcommands, in the order the usage lists them. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(RenderCommand.class, DiffCommand.class,
            StatusCommand.class, SyncCommand.class, DeleteCommand.class, HistoryCommand.class, RollbackCommand.class,
            ControllerCommand.class, AppSetCommand.class, ImageUpdateCommand.class);

    /**
     * The command line for {@code args}: with only the subcommand they name, else (no arguments, {@code --help}, an
     * unknown name) with all. picocli builds each command's model by reflection when it is added, which for all of
     * them was a tenth of a one-shot {@code gitops diff}.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new GitOpsCommand());
        String first = args.length > 0 ? args[0] : "";
        java.util.List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(cl::addSubcommand);
        return cl;
    }

    public static final int OK = 0;
    public static final int DIFFERENT = 1;
    public static final int ERROR = 2;

    /** 0 in sync, 1 out of sync, 2 when the comparison failed. */
    static int exitCode(io.jenkins.plugins.gitops.engine.AppComparison c) {
        if (c.error() != null) {
            return ERROR;
        }
        return c.inSync() ? OK : DIFFERENT;
    }

    /** 0 Succeeded, 1 Failed (a resource or hook failed), 2 Error (the operation could not run) or anything else. */
    static int exitCode(io.jenkins.plugins.gitops.engine.SyncOutcome o) {
        return switch (o.phase()) {
            case "Succeeded" -> OK;
            case "Failed" -> DIFFERENT;
            default -> ERROR;
        };
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }

    /** fabric8's setting (system property) for how often a failed API request is retried. */
    static final String RETRY_PROPERTY = "kubernetes.request.retry.backoffLimit";

    public static void main(String[] args) {
        failFastOnUnreachableClusters();
        System.exit(execute(args));
    }

    /**
     * The Kubernetes client retries a failed request ten times with exponential backoff by default, so an unreachable
     * cluster took about a minute to report. Like kubectl, the command line fails after one retry unless the user
     * chose otherwise ({@code -Dkubernetes.request.retry.backoffLimit=N} or
     * {@code KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT=N}).
     */
    static void failFastOnUnreachableClusters() {
        if (System.getProperty(RETRY_PROPERTY) == null && System.getenv("KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT") == null) {
            System.setProperty(RETRY_PROPERTY, "1");
        }
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output and errors written to the given writers. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> {
            int code = new CommandLine.RunLast().execute(parsed);
            warnings(parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1))
                    .ifPresent(w -> w.flush(err, null));
            return code;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Warnings w = warnings(cmd).orElseGet(Warnings::new);
            return w.error(cmd.getErr(), ErrorMessages.oneLine(ex));
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return ERROR;
        });
        return cl.execute(args);
    }

    /** The engine warnings of a command that has the {@link EngineOptions} mixin (field {@code engine}). */
    private static java.util.Optional<Warnings> warnings(CommandLine cmd) {
        CommandLine.Model.CommandSpec mixin = cmd.getCommandSpec().mixins().get("engine");
        return mixin != null && mixin.userObject() instanceof EngineOptions o
                ? java.util.Optional.of(o.warnings) : java.util.Optional.empty();
    }
}
