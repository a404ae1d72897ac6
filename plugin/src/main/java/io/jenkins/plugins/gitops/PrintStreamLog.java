package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.io.PrintStream;

/**
 * {@link EngineLog} that writes to a build log (a TaskListener's stream): one line per message, warnings prefixed
 * so they stand out in the console. The engine already redacts secrets from its messages.
 */
public final class PrintStreamLog implements EngineLog {

    private final PrintStream out;

    public PrintStreamLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void info(String message) {
        out.println("[gitops] " + message);
    }

    @Override
    public void warn(String message) {
        out.println("[gitops] WARNING: " + message);
    }
}
