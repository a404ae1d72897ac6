package io.jenkins.plugins.gitops;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff split into lines with a kind, so pages can colour additions, removals and hunk headers with CSS
 * (no HTML is produced here; Jelly escapes the text).
 */
public final class DiffLines {

    /** One line of a diff and its CSS modifier: {@code add}, {@code del}, {@code hunk}, {@code file} or {@code ctx}. */
    public static final class Line {
        private final String text;
        private final String kind;

        Line(String text, String kind) {
            this.text = text;
            this.kind = kind;
        }

        public String getText() {
            return text;
        }

        public String getKind() {
            return kind;
        }
    }

    private DiffLines() {}

    public static List<Line> of(String diff) {
        List<Line> lines = new ArrayList<>();
        if (diff == null || diff.isEmpty()) {
            return lines;
        }
        for (String l : diff.split("\n", -1)) {
            lines.add(new Line(l, kind(l)));
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).getText().isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static String kind(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return "file";
        }
        if (line.startsWith("@@")) {
            return "hunk";
        }
        if (line.startsWith("+")) {
            return "add";
        }
        if (line.startsWith("-")) {
            return "del";
        }
        return "ctx";
    }
}
