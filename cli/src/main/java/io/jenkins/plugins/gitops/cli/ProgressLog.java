package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * Streams an operation's progress lines to the command's output as they happen. The engine ends each attempt with a
 * {@code <app>: <phase>: <message>} line; the command prints the outcome as its last line anyway, so such a line is
 * held back until the next one arrives, and {@link #outcome} drops it when it says exactly what the command prints.
 * A failure is then said once on screen, not twice.
 */
final class ProgressLog implements EngineLog {

    private static final Pattern ATTEMPT_END = Pattern.compile("^\\S+: (Succeeded|Failed|Error): .*", Pattern.DOTALL);

    private final PrintWriter out;
    private String held;

    ProgressLog(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void info(String message) {
        release();
        if (ATTEMPT_END.matcher(message).matches()) {
            held = message;
            return;
        }
        print(message);
    }

    @Override
    public synchronized void warn(String message) {
        release();
        print("WARNING " + message);
    }

    /** Called with the outcome line the command prints next: a held line saying the same is dropped. */
    synchronized void outcome(String line) {
        if (held != null && held.endsWith(": " + line)) {
            held = null;
        }
        release();
    }

    private void release() {
        if (held != null) {
            String line = held;
            held = null;
            print(line);
        }
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
