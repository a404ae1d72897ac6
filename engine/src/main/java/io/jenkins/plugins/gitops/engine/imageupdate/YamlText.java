package io.jenkins.plugins.gitops.engine.imageupdate;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML document edited in place: each change replaces, inserts or removes only the characters of the value it
 * touches, so comments, blank lines, key order, quoting and indentation of everything else stay as they were (what
 * Image Updater achieves for kustomizations with kyaml). Positions come from SnakeYAML's node marks; after every edit
 * the text is parsed again, so marks are always current. Block and flow collections are both handled; new entries
 * are written in the style of their parent (block entries indented like their siblings).
 */
final class YamlText {

    private final String file;
    private String text;
    private MappingNode root;

    YamlText(String text, String file) {
        this.file = file;
        this.text = text == null ? "" : text;
        parse();
    }

    String text() {
        return text;
    }

    MappingNode root() {
        return root;
    }

    private void parse() {
        Node n;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(false);
            n = new Yaml(options).compose(new StringReader(text));
        } catch (RuntimeException e) {
            throw new ImageUpdateException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == null) {
            root = null;
        } else if (n instanceof MappingNode m) {
            root = m;
        } else {
            throw new ImageUpdateException(file + ": expected a YAML mapping");
        }
    }

    /** The value of {@code key} in {@code map}. */
    static Optional<Node> get(MappingNode map, String key) {
        if (map == null) {
            return Optional.empty();
        }
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    /**
     * Sets the scalar at the dotted {@code path} below the root (mappings created as needed). An existing scalar keeps
     * its quoting style; a value that would not read back as the same string is double-quoted.
     */
    void setPath(List<String> path, Object value) {
        MappingNode map = root;
        for (int i = 0; i < path.size(); i++) {
            String key = path.get(i);
            boolean last = i == path.size() - 1;
            Optional<Node> child = get(map, key);
            if (child.isEmpty() || isNull(child.get())) {
                Object v = value;
                for (int j = path.size() - 1; j > i; j--) {
                    v = Map.of(path.get(j), v);
                }
                if (child.isPresent()) {
                    replaceNull(map, key, v);
                } else {
                    put(map, key, v);
                }
                return;
            }
            if (last) {
                if (!(child.get() instanceof ScalarNode s)) {
                    throw new ImageUpdateException(file + ": '" + String.join(".", path) + "' is not a scalar");
                }
                setScalar(s, value);
                return;
            }
            if (!(child.get() instanceof MappingNode m)) {
                throw new ImageUpdateException(file + ": '" + String.join(".", path.subList(0, i + 1))
                        + "' is not a mapping");
            }
            map = m;
        }
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"));
    }

    /** Replaces the scalar's characters, keeping its quoting style where the new value allows it. */
    void setScalar(ScalarNode node, Object value) {
        String rendered;
        if (value instanceof String s) {
            if (s.equals(node.getValue())) {
                return;
            }
            rendered = switch (node.getScalarStyle()) {
                case SINGLE_QUOTED -> "'" + s.replace("'", "''") + "'";
                case DOUBLE_QUOTED -> doubleQuoted(s);
                default -> plainOrQuoted(s);
            };
        } else {
            rendered = String.valueOf(value);
        }
        splice(node.getStartMark(), node.getEndMark(), rendered);
    }

    /** Adds {@code key: value} at the end of {@code map} (the root when null; created when the document is empty). */
    void put(MappingNode map, String key, Object value) {
        if (map == null) {
            String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            text = text + prefix + render(Map.of(key, value), 0, false) + "\n";
            parse();
            return;
        }
        if (map.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            int close = index(map.getEndMark()) - 1;
            String sep = map.getValue().isEmpty() ? "" : ", ";
            insert(close, sep + key + ": " + flow(value));
            return;
        }
        int col = column(map);
        insert(endOfLine(lastLeafEnd(map)), "\n" + render(Map.of(key, value), col, false));
    }

    /** Appends {@code item} to {@code seq}. */
    void append(SequenceNode seq, Object item) {
        if (seq.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            int close = index(seq.getEndMark()) - 1;
            insert(close, (seq.getValue().isEmpty() ? "" : ", ") + flow(item));
            return;
        }
        int dash = dashColumn(seq.getValue().get(0));
        insert(endOfLine(lastLeafEnd(seq)), "\n" + render(List.of(item), dash, false));
    }

    /**
     * Gives {@code key}, whose value is null ({@code key:}, {@code key: ~}, {@code key: null}), the value {@code value}:
     * the rest of the key's line is rewritten (a comment there is dropped), a mapping goes below it, indented.
     */
    private void replaceNull(MappingNode map, String key, Object value) {
        if (map.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            throw new ImageUpdateException(file + ": '" + key + "' is null inside a flow mapping; write it in block "
                    + "style or give it a value");
        }
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                int keyEnd = index(k.getEndMark());
                int lineEnd = endOfLine(keyEnd);
                String rest = value instanceof Map<?, ?> || value instanceof List<?>
                        ? "\n" + render(value, value instanceof List ? column(map) : column(map) + 2, false)
                        : " " + (value instanceof String s ? plainOrQuoted(s) : String.valueOf(value));
                text = text.substring(0, keyEnd) + ":" + rest + text.substring(lineEnd);
                parse();
                return;
            }
        }
    }

    /** Removes {@code key} and its value from a block mapping (whole lines). */
    void remove(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                if (map.getFlowStyle() == DumperOptions.FlowStyle.FLOW || map.getValue().size() == 1) {
                    throw new ImageUpdateException(file + ": cannot remove '" + key + "' here without rewriting the "
                            + "file");
                }
                int start = lineStart(index(k.getStartMark()));
                if (!text.substring(start, index(k.getStartMark())).isBlank()) {
                    // first key of a "- key: v" sequence item: keep the dash, drop the key's text only
                    start = index(k.getStartMark());
                    int end = endOfLine(lastLeafEnd(t.getValueNode()));
                    int next = end < text.length() ? end + 1 : end;
                    int nextIndentEnd = next;
                    while (nextIndentEnd < text.length() && text.charAt(nextIndentEnd) == ' ') {
                        nextIndentEnd++;
                    }
                    text = text.substring(0, start) + text.substring(nextIndentEnd);
                } else {
                    int end = endOfLine(lastLeafEnd(t.getValueNode()));
                    text = text.substring(0, start) + text.substring(Math.min(text.length(), end + 1));
                }
                parse();
                return;
            }
        }
    }

    // ---- rendering of new values ----

    /** Block YAML for a new value at {@code indent}; maps and lists nest with two spaces like kubectl writes them. */
    @SuppressWarnings("unchecked")
    static String render(Object value, int indent, boolean inlineFirst) {
        String pad = " ".repeat(indent);
        StringBuilder out = new StringBuilder();
        if (value instanceof Map<?, ?> m) {
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (!(first && inlineFirst)) {
                    if (out.length() > 0) {
                        out.append('\n');
                    }
                    out.append(pad);
                }
                first = false;
                out.append(e.getKey()).append(':');
                Object v = e.getValue();
                if (v instanceof Map<?, ?>) {
                    out.append('\n').append(render(v, indent + 2, false));
                } else if (v instanceof List<?>) {
                    out.append('\n').append(render(v, indent, false));
                } else {
                    out.append(' ').append(v instanceof String s ? plainOrQuoted(s) : String.valueOf(v));
                }
            }
        } else if (value instanceof List<?> l) {
            for (Object item : l) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(pad).append("- ");
                if (item instanceof Map<?, ?>) {
                    out.append(render(item, indent + 2, true));
                } else {
                    out.append(item instanceof String s ? plainOrQuoted(s) : String.valueOf(item));
                }
            }
        } else {
            out.append(pad).append(value instanceof String s ? plainOrQuoted(s) : String.valueOf(value));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static String flow(Object value) {
        if (value instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            ((Map<String, Object>) m).forEach((k, v) -> parts.add(k + ": " + flow(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (value instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(YamlText::flow).toList()) + "]";
        }
        return value instanceof String s ? flowScalar(s) : String.valueOf(value);
    }

    private static String flowScalar(String s) {
        String p = plainOrQuoted(s);
        return p.matches(".*[,\\[\\]{}].*") && !p.startsWith("\"") ? doubleQuoted(s) : p;
    }

    /** Plain when SnakeYAML would read it back as this very string, else double-quoted. */
    static String plainOrQuoted(String s) {
        DumperOptions o = new DumperOptions();
        o.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        o.setWidth(Integer.MAX_VALUE);
        String dumped = new Yaml(o).dump(s).strip();
        if (dumped.startsWith("'") || dumped.startsWith("\"") || dumped.startsWith("!") || dumped.contains("\n")
                || s.isEmpty()) {
            return doubleQuoted(s);
        }
        return dumped;
    }

    static String doubleQuoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    // ---- positions ----

    private int column(MappingNode map) {
        if (map.getValue().isEmpty()) {
            return map.getStartMark().getColumn();
        }
        return map.getValue().get(0).getKeyNode().getStartMark().getColumn();
    }

    private int dashColumn(Node firstItem) {
        int i = index(firstItem.getStartMark()) - 1;
        while (i >= 0 && text.charAt(i) != '-') {
            i--;
        }
        return i < 0 ? 0 : i - lineStart(i);
    }

    /** The end of the last scalar inside {@code n} (a collection's own end mark can lie on a later line). */
    private int lastLeafEnd(Node n) {
        if (n instanceof MappingNode m && !m.getValue().isEmpty() && m.getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
            return lastLeafEnd(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (n instanceof SequenceNode s && !s.getValue().isEmpty() && s.getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
            return lastLeafEnd(s.getValue().get(s.getValue().size() - 1));
        }
        return index(n.getEndMark());
    }

    private int endOfLine(int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    private int lineStart(int pos) {
        int nl = text.lastIndexOf('\n', pos - 1);
        return nl + 1;
    }

    /** SnakeYAML counts code points; Java strings count UTF-16 units. */
    private int index(Mark mark) {
        return text.offsetByCodePoints(0, Math.min(mark.getIndex(), text.codePointCount(0, text.length())));
    }

    private void splice(Mark start, Mark end, String replacement) {
        text = text.substring(0, index(start)) + replacement + text.substring(index(end));
        parse();
    }

    private void insert(int at, String s) {
        text = text.substring(0, at) + s + text.substring(at);
        parse();
    }
}
