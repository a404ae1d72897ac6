package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A progress log for a caller that reports an operation's outcome itself (the {@code gitops} command's last line, a
 * Pipeline step's result or failure). The engine ends each attempt of a sync, rollback or deletion with a
 * {@code [<app>: ]<Phase>: <message>} line; that line is held back, and {@link #outcome(String)} drops it when it says
 * exactly what the caller is about to report, so an outcome is said once, not twice.
 *
 * <p>Lines arriving while one is held (the controller's refresh lines, which race the caller's report) are kept
 * behind it, in order, and written with it. An attempt that was retried is still shown: a {@code retrying in ...}
 * line or the next attempt's end line writes the held one first.
 */
public final class OutcomeLineLog implements EngineLog {

    private static final Pattern ATTEMPT_END = Pattern.compile("^(\\S+: )?(Succeeded|Failed|Error): .*",
            Pattern.DOTALL);
    private static final Pattern RETRY = Pattern.compile("^(\\S+: )?retrying in .*", Pattern.DOTALL);

    private record Line(String text, boolean warning) {}

    private final EngineLog target;
    private Line held;
    private final List<Line> behind = new ArrayList<>();

    public OutcomeLineLog(EngineLog target) {
        this.target = target;
    }

    @Override
    public synchronized void info(String message) {
        line(new Line(message, false));
    }

    @Override
    public synchronized void warn(String message) {
        line(new Line(message, true));
    }

    /**
     * Called with the outcome ({@code <Phase>: <message>}) the caller reports next: a held end-of-attempt line saying
     * the same is dropped; everything else held is written.
     */
    public synchronized void outcome(String line) {
        if (held != null && (held.text().equals(line) || held.text().endsWith(": " + line))) {
            held = null;
        }
        release();
    }

    /** Writes what is held: the caller reports nothing of its own. */
    public synchronized void flush() {
        release();
    }

    private void line(Line line) {
        String text = line.text() == null ? "" : line.text();
        boolean end = ATTEMPT_END.matcher(text).matches();
        if (held != null && !end && !RETRY.matcher(text).matches()) {
            behind.add(line);
            return;
        }
        release();
        if (end) {
            held = line;
        } else {
            write(line);
        }
    }

    private void release() {
        if (held != null) {
            write(held);
            held = null;
        }
        behind.forEach(this::write);
        behind.clear();
    }

    private void write(Line line) {
        if (line.warning()) {
            target.warn(line.text());
        } else {
            target.info(line.text());
        }
    }
}
