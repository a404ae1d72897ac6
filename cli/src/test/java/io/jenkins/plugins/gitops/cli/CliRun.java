package io.jenkins.plugins.gitops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code gitops} command line in-process: exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GitOpsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
