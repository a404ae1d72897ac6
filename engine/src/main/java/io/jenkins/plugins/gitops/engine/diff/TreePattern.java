package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A location pattern over a Kubernetes tree, written like a field path: {@code **.resources.limits.*}. Segments are
 * field names, {@code *} (any field), {@code []} (any list element) and {@code **} (any depth, through maps and
 * lists). The last segment names a map field; matches are reported as (parent map, field name) so callers can
 * replace the value.
 */
final class TreePattern {

    /** A matched field: {@code parent.get(field)} is the value. */
    record Match(ObjectNode parent, String field) {
        JsonNode value() {
            return parent.get(field);
        }
    }

    private final String text;
    private final String[] segments;

    private TreePattern(String text) {
        this.text = text;
        this.segments = text.split("\\.");
        String last = segments[segments.length - 1];
        if (last.equals("**") || last.equals("[]")) {
            throw new IllegalArgumentException("pattern must end with a field name or *: " + text);
        }
    }

    static TreePattern of(String text) {
        return new TreePattern(text);
    }

    /** All matches in the tree, collected first so callers may edit while iterating the result. */
    List<Match> matches(JsonNode root) {
        List<Match> out = new ArrayList<>();
        collect(root, 0, out);
        return out;
    }

    private void collect(JsonNode node, int i, List<Match> out) {
        if (node == null) {
            return;
        }
        String seg = segments[i];
        boolean last = i == segments.length - 1;
        switch (seg) {
            case "**" -> {
                collect(node, i + 1, out);
                if (node.isContainerNode()) {
                    for (JsonNode c : node) {
                        collect(c, i, out);
                    }
                }
            }
            case "[]" -> {
                if (node.isArray()) {
                    node.forEach(el -> collect(el, i + 1, out));
                }
            }
            case "*" -> {
                if (node instanceof ObjectNode obj) {
                    for (Map.Entry<String, JsonNode> e : obj.properties()) {
                        if (last) {
                            out.add(new Match(obj, e.getKey()));
                        } else {
                            collect(e.getValue(), i + 1, out);
                        }
                    }
                }
            }
            default -> {
                // a field name: one lookup, not a scan of the map (a ** pattern tries it at every node)
                if (node instanceof ObjectNode obj && obj.get(seg) != null) {
                    if (last) {
                        out.add(new Match(obj, seg));
                    } else {
                        collect(obj.get(seg), i + 1, out);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
