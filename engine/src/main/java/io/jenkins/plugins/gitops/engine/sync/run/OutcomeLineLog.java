package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.regex.Pattern;

/**
 * A progress log for a caller that reports an operation's outcome itself (the {@code gitops} command's last line, a
 * Pipeline step's result or failure). The engine ends each attempt of a sync, rollback or deletion with a
 * {@code [<app>: ]<Phase>: <message>} line; that line is held back until the next one arrives, and
 * {@link #outcome(String)} drops it when it says exactly what the caller is about to report, so an outcome is said
 * once, not twice. An attempt that was retried (its line is followed by more progress) is still shown.
 */
public final class OutcomeLineLog implements EngineLog {

    private static final Pattern ATTEMPT_END = Pattern.compile("^(\\S+: )?(Succeeded|Failed|Error): .*",
            Pattern.DOTALL);

    private final EngineLog target;
    private String held;
    private boolean heldIsWarning;

    public OutcomeLineLog(EngineLog target) {
        this.target = target;
    }

    @Override
    public synchronized void info(String message) {
        line(message, false);
    }

    @Override
    public synchronized void warn(String message) {
        line(message, true);
    }

    /**
     * Called with the outcome ({@code <Phase>: <message>}) the caller reports next: a held end-of-attempt line saying
     * the same is dropped; any other held line is written.
     */
    public synchronized void outcome(String line) {
        if (held != null && (held.equals(line) || held.endsWith(": " + line))) {
            held = null;
        }
        release();
    }

    /** Writes a held line: the caller reports nothing of its own. */
    public synchronized void flush() {
        release();
    }

    private void line(String message, boolean warning) {
        release();
        if (message != null && ATTEMPT_END.matcher(message).matches()) {
            held = message;
            heldIsWarning = warning;
            return;
        }
        write(message, warning);
    }

    private void release() {
        if (held != null) {
            String line = held;
            held = null;
            write(line, heldIsWarning);
        }
    }

    private void write(String message, boolean warning) {
        if (warning) {
            target.warn(message);
        } else {
            target.info(message);
        }
    }
}
