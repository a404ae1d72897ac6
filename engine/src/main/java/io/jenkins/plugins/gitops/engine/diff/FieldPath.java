package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a field sits inside a Kubernetes object, rendered the way people read it:
 * {@code spec.template.spec.containers[name=web].image}, {@code spec.args[2]},
 * {@code metadata.annotations["example.com/owner"]}, {@code metadata.finalizers["kubernetes.io/pvc-protection"]}.
 *
 * <p>List elements matched by a key are written with the key ({@code [name=web]}), positional elements with their
 * index and members of a set of scalars with their value. Immutable.
 */
final class FieldPath {

    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_$-]+");
    static final FieldPath ROOT = new FieldPath(List.of());

    private final List<String> rendered;

    private FieldPath(List<String> rendered) {
        this.rendered = rendered;
    }

    FieldPath field(String name) {
        return append(SIMPLE.matcher(name).matches() ? "." + name : "[" + quote(name) + "]");
    }

    FieldPath index(int i) {
        return append("[" + i + "]");
    }

    /** An element of a list matched by key fields, e.g. {@code [name=web]}. */
    FieldPath key(Map<String, JsonNode> key) {
        List<String> parts = new ArrayList<>();
        key.forEach((k, v) -> parts.add(k + "=" + (v.isTextual() ? v.asText() : v.toString())));
        return append("[" + String.join(",", parts) + "]");
    }

    /** A member of a set of scalars, e.g. {@code ["kubernetes.io/pvc-protection"]}. */
    FieldPath value(JsonNode value) {
        return append("[" + (value.isTextual() ? quote(value.asText()) : value.toString()) + "]");
    }

    boolean isRoot() {
        return rendered.isEmpty();
    }

    /** The first field name of the path ({@code spec} for {@code spec.replicas}), empty at the root. */
    String head() {
        if (rendered.isEmpty()) {
            return "";
        }
        String first = rendered.get(0);
        return first.startsWith(".") ? first.substring(1) : first;
    }

    private FieldPath append(String part) {
        List<String> next = new ArrayList<>(rendered.size() + 1);
        next.addAll(rendered);
        next.add(part);
        return new FieldPath(Collections.unmodifiableList(next));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        if (rendered.isEmpty()) {
            return "(whole object)";
        }
        String joined = String.join("", rendered);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath p && p.rendered.equals(rendered);
    }

    @Override
    public int hashCode() {
        return rendered.hashCode();
    }
}
