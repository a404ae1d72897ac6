package io.jenkins.plugins.gitops.engine.testing;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every log line, prefixed {@code INFO } or {@code WARN }, for assertions on order and wording. */
public final class RecordingLog implements EngineLog {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public void clear() {
        lines.clear();
    }

    /** The whole log, one line each, for assertion messages. */
    public String story() {
        return String.join("\n", lines);
    }

    /** Lines (without level) that contain {@code text}, in order. */
    public List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).map(l -> l.substring(5)).toList();
    }
}
