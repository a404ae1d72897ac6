package io.jenkins.plugins.gitops.cli.e2e;

import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A writer that keeps each complete line with the moment it was written (the command flushes progress per line). */
final class LineRecorder extends Writer {

    private final StringBuilder pending = new StringBuilder();
    private final List<Run.Line> lines = new ArrayList<>();

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                lines.add(new Run.Line(Instant.now(), pending.toString()));
                pending.setLength(0);
            } else if (c != '\r') {
                pending.append(c);
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public synchronized void close() {
        if (pending.length() > 0) {
            lines.add(new Run.Line(Instant.now(), pending.toString()));
            pending.setLength(0);
        }
    }

    synchronized List<Run.Line> lines() {
        close();
        return List.copyOf(lines);
    }
}
