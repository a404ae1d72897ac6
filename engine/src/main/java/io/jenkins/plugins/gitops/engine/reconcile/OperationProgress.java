package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress lines of each application's current or last operation (waves, applies, hook phases), kept in memory
 * for the application page, which shows them while the operation runs: Argo CD's operation panel. Each application
 * keeps its newest {@link #MAX_LINES}; a new operation starts an empty list. Thread-safe.
 */
public final class OperationProgress {

    public static final int MAX_LINES = 200;

    private final Map<String, Deque<String>> lines = new ConcurrentHashMap<>();

    /** Starts a new operation's list for {@code app} and returns a log that records into it, then into {@code next}. */
    public EngineLog begin(String app, EngineLog next) {
        Deque<String> mine = new ArrayDeque<>();
        lines.put(app, mine);
        return new EngineLog() {
            @Override
            public void info(String message) {
                add(mine, message);
                next.info(message);
            }

            @Override
            public void warn(String message) {
                add(mine, "WARNING: " + message);
                next.warn(message);
            }
        };
    }

    private static void add(Deque<String> deque, String line) {
        synchronized (deque) {
            deque.addLast(line == null ? "" : line);
            while (deque.size() > MAX_LINES) {
                deque.removeFirst();
            }
        }
    }

    /** The lines of {@code app}'s current or last operation, oldest first; empty when none ran since start-up. */
    public List<String> lines(String app) {
        Deque<String> d = lines.get(app);
        if (d == null) {
            return List.of();
        }
        synchronized (d) {
            return List.copyOf(d);
        }
    }

    public void forget(String app) {
        lines.remove(app);
    }
}
