package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.sync.run.OutcomeLineLog;
import java.io.PrintWriter;

/**
 * Streams an operation's progress lines to the command's output as they happen. The command prints the outcome as
 * its last line anyway, so the engine's own end-of-operation line is dropped when it says the same
 * ({@link OutcomeLineLog}, shared with the Pipeline steps): a result is said once on screen, not twice.
 */
final class ProgressLog implements EngineLog {

    private final OutcomeLineLog lines;

    ProgressLog(PrintWriter out) {
        this.lines = new OutcomeLineLog(new EngineLog() {
            @Override
            public void info(String message) {
                out.println(message);
                out.flush();
            }

            @Override
            public void warn(String message) {
                out.println("WARNING " + message);
                out.flush();
            }
        });
    }

    @Override
    public void info(String message) {
        lines.info(message);
    }

    @Override
    public void warn(String message) {
        lines.warn(message);
    }

    /** Called with the outcome line the command prints next: a held line saying the same is dropped. */
    void outcome(String line) {
        lines.outcome(line);
    }
}
