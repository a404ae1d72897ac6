package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gitops} command: the same engine the Jenkins plugin runs, from a terminal. Exit codes follow
 * {@code kubectl diff}: 0 success / in sync, 1 out of sync / operation failed, 2 any error (one line on stderr).
 */
@Command(name = "gitops", mixinStandardHelpOptions = true, version = "gitops 0.1.0",
        description = "Argo CD compatible GitOps: render, diff, sync and watch Applications.",
        subcommands = {RenderCommand.class, DiffCommand.class, StatusCommand.class, SyncCommand.class,
                HistoryCommand.class, RollbackCommand.class, ControllerCommand.class, AppSetCommand.class})
public final class GitOpsCommand implements Runnable {

    public static final int OK = 0;
    public static final int DIFFERENT = 1;
    public static final int ERROR = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output and errors written to the given writers. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new GitOpsCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ErrorMessages.oneLine(ex));
            return ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return ERROR;
        });
        return cl.execute(args);
    }
}
