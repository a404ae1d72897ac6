package io.jenkins.plugins.gitops.engine.view;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff (as the engine writes it: Secret values already masked) prepared for both layouts a page offers:
 * {@link #getLines() unified} lines with a kind, and {@link #getRows() side by side} rows pairing each removed line
 * with the added line that replaces it, with old and new line numbers taken from the hunk headers. Every changed
 * line carries its marker ({@code -}, {@code +}) as text, so the diff reads the same without colour; hunk headers are
 * where keyboard navigation stops. No HTML is produced here (the page escapes every string).
 */
public final class DiffView {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*");

    /**
     * One unified line: its text (marker included) and kind: {@code add}, {@code del}, {@code hunk}, {@code file},
     * {@code note} (the engine's explanation of fields that differ) or {@code ctx}.
     */
    public record Line(String text, String kind) {
        public String getText() {
            return text;
        }

        public String getKind() {
            return kind;
        }

        public boolean isHunk() {
            return "hunk".equals(kind);
        }
    }

    /**
     * One side-by-side row. A {@code file} or {@code hunk} row has only {@link #getText()}; a change row has an old
     * side and a new side, either possibly empty (kind {@code empty}) when a line was only removed or only added.
     */
    public record Row(String kind, String text, String oldNo, String oldMarker, String oldText, String oldKind,
            String newNo, String newMarker, String newText, String newKind) {
        public String getKind() {
            return kind;
        }

        public String getText() {
            return text;
        }

        public String getOldNo() {
            return oldNo;
        }

        public String getOldMarker() {
            return oldMarker;
        }

        public String getOldText() {
            return oldText;
        }

        public String getOldKind() {
            return oldKind;
        }

        public String getNewNo() {
            return newNo;
        }

        public String getNewMarker() {
            return newMarker;
        }

        public String getNewText() {
            return newText;
        }

        public String getNewKind() {
            return newKind;
        }

        public boolean isHeader() {
            return !"ctx".equals(kind) && !"change".equals(kind);
        }
    }

    private final List<Line> lines;
    private final int added;
    private final int removed;
    private List<Row> rows;

    private DiffView(List<Line> lines) {
        this.lines = List.copyOf(lines);
        this.added = (int) lines.stream().filter(l -> "add".equals(l.kind())).count();
        this.removed = (int) lines.stream().filter(l -> "del".equals(l.kind())).count();
    }

    public static DiffView of(String diff) {
        List<Line> lines = new ArrayList<>();
        if (diff != null && !diff.isEmpty()) {
            String[] parts = diff.split("\n", -1);
            int n = parts.length;
            if (n > 0 && parts[n - 1].isEmpty()) {
                n--;
            }
            for (int i = 0; i < n; i++) {
                lines.add(new Line(parts[i], kind(parts[i])));
            }
        }
        return new DiffView(lines);
    }

    static String kind(String line) {
        if (line.startsWith("+++ ") || line.startsWith("--- ") || line.equals("+++") || line.equals("---")) {
            return "file";
        }
        if (line.startsWith("@@")) {
            return "hunk";
        }
        if (line.startsWith("#")) {
            return "note"; // the engine's explanations below a diff (context lines start with a space)
        }
        if (line.startsWith("+")) {
            return "add";
        }
        if (line.startsWith("-")) {
            return "del";
        }
        return "ctx";
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<Line> getLines() {
        return lines;
    }

    public int getAdded() {
        return added;
    }

    public int getRemoved() {
        return removed;
    }

    /** The unified layout's lines as HTML ({@link RepeatedMarkup#unifiedLines}). */
    public String getUnifiedHtml() {
        return RepeatedMarkup.unifiedLines(this);
    }

    /** The side-by-side layout's table rows as HTML ({@link RepeatedMarkup#splitRows}). */
    public String getSplitHtml() {
        return RepeatedMarkup.splitRows(this);
    }

    /** The side-by-side rows, built on first use. */
    public synchronized List<Row> getRows() {
        if (rows == null) {
            rows = pair(lines);
        }
        return rows;
    }

    private static List<Row> pair(List<Line> lines) {
        List<Row> out = new ArrayList<>();
        int oldNo = 0;
        int newNo = 0;
        int i = 0;
        while (i < lines.size()) {
            Line l = lines.get(i);
            switch (l.kind()) {
                case "file", "note" -> {
                    out.add(header(l.kind(), l.text()));
                    i++;
                }
                case "hunk" -> {
                    Matcher m = HUNK.matcher(l.text());
                    if (m.matches()) {
                        oldNo = Integer.parseInt(m.group(1));
                        newNo = Integer.parseInt(m.group(2));
                    }
                    out.add(header("hunk", l.text()));
                    i++;
                }
                case "ctx" -> {
                    String text = l.text().startsWith(" ") ? l.text().substring(1) : l.text();
                    out.add(new Row("ctx", "", num(oldNo), " ", text, "ctx", num(newNo), " ", text, "ctx"));
                    oldNo++;
                    newNo++;
                    i++;
                }
                default -> {
                    // a run of removals followed by a run of additions: pair them line by line
                    List<String> dels = new ArrayList<>();
                    List<String> adds = new ArrayList<>();
                    while (i < lines.size() && "del".equals(lines.get(i).kind())) {
                        dels.add(lines.get(i++).text().substring(1));
                    }
                    while (i < lines.size() && "add".equals(lines.get(i).kind())) {
                        adds.add(lines.get(i++).text().substring(1));
                    }
                    for (int k = 0; k < Math.max(dels.size(), adds.size()); k++) {
                        boolean d = k < dels.size();
                        boolean a = k < adds.size();
                        out.add(new Row("change", "",
                                d ? num(oldNo++) : "", d ? "-" : "", d ? dels.get(k) : "", d ? "del" : "empty",
                                a ? num(newNo++) : "", a ? "+" : "", a ? adds.get(k) : "", a ? "add" : "empty"));
                    }
                }
            }
        }
        return out;
    }

    private static Row header(String kind, String text) {
        return new Row(kind, text, "", "", "", "", "", "", "", "");
    }

    private static String num(int n) {
        return n > 0 ? Integer.toString(n) : "";
    }
}
