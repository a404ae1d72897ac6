package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's warnings during one command, held back until the command ends so that an error is reported as one
 * line: warnings the error message already contains (such as "cannot list ConfigMaps" when the comparison fails
 * because the cluster is unreachable) are dropped, the others are printed before it as {@code warning:} lines.
 */
final class Warnings implements EngineLog {

    private final List<String> pending = new ArrayList<>();

    @Override
    public void info(String message) {}

    @Override
    public synchronized void warn(String message) {
        pending.add(ErrorMessages.oneLine(message));
    }

    /** Prints the pending warnings (those not part of {@code error}, when given) and forgets them. */
    synchronized void flush(PrintWriter err, String error) {
        for (String w : pending) {
            if (error == null || !error.contains(w)) {
                err.println("warning: " + w);
            }
        }
        pending.clear();
        err.flush();
    }

    /** Prints the pending warnings that {@code message} does not already say, then {@code error: message}. */
    int error(PrintWriter err, String message) {
        String line = ErrorMessages.oneLine(message);
        flush(err, line);
        err.println("error: " + line);
        err.flush();
        return GitOpsCommand.ERROR;
    }
}
