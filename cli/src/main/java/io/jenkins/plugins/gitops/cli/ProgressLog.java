package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.io.PrintWriter;

/** Streams an operation's progress lines to the command's output as they happen. */
final class ProgressLog implements EngineLog {

    private final PrintWriter out;

    ProgressLog(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void info(String message) {
        out.println(message);
        out.flush();
    }

    @Override
    public synchronized void warn(String message) {
        out.println("WARNING " + message);
        out.flush();
    }
}
