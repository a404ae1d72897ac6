package io.jenkins.plugins.gitops.cli.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * One finished {@code gitops} command: exit code, stdout (each line with the moment it was printed), stderr. Its
 * {@link #toString()} is the whole transcript, so {@code assertThat(x).as(run)} shows it when an assertion fails.
 */
record Run(String command, int exit, List<Line> lines, String err) {

    /** A stdout line and when the command printed it. */
    record Line(Instant at, String text) {
    }

    String out() {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l.text()).append('\n'));
        return b.toString();
    }

    /** The first stdout line containing every fragment; fails naming them and showing the transcript. */
    Line line(String... fragments) {
        return lines.stream().filter(l -> containsAll(l.text(), fragments)).findFirst()
                .orElseThrow(() -> new AssertionError("no line containing " + List.of(fragments) + " in\n" + this));
    }

    /** Index of the first stdout line containing every fragment (-1 if none). */
    int indexOf(String... fragments) {
        for (int i = 0; i < lines.size(); i++) {
            if (containsAll(lines.get(i).text(), fragments)) {
                return i;
            }
        }
        return -1;
    }

    boolean has(Predicate<String> condition) {
        return lines.stream().map(Line::text).anyMatch(condition);
    }

    /** The last stdout line, e.g. {@code Succeeded: successfully synced (all tasks run)}. */
    String lastLine() {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).text();
    }

    /** Time between two printed lines. */
    static Duration between(Line first, Line second) {
        return Duration.between(first.at(), second.at());
    }

    private static boolean containsAll(String text, String... fragments) {
        for (String f : fragments) {
            if (!text.contains(f)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("$ gitops ").append(command).append("\n(exit ").append(exit).append(")\n");
        lines.forEach(l -> b.append(l.at()).append(' ').append(l.text()).append('\n'));
        if (!err.isEmpty()) {
            b.append("stderr:\n").append(err);
        }
        return b.toString();
    }
}
