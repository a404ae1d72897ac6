package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where a field sits inside a Kubernetes object, rendered the way people read it:
 * {@code spec.template.spec.containers[name=web].image}, {@code spec.args[2]},
 * {@code metadata.annotations["example.com/owner"]}, {@code metadata.finalizers["kubernetes.io/pvc-protection"]}.
 *
 * <p>List elements matched by a key are written with the key ({@code [name=web]}), positional elements with their
 * index and members of a set of scalars with their value. Immutable.
 */
final class FieldPath {

    static final FieldPath ROOT = new FieldPath(null, null, false);

    /**
     * The path without its last part; null at the root. A comparison makes a path for every field it walks and
     * renders one only for a difference: appending is O(1) and a field name is rendered when the path is.
     */
    private final FieldPath parent;
    /**
     * The last part: a field's name ({@code fieldName}), or an element, rendered when the path is ({@code [2]},
     * {@code [name=web]}); null at the root.
     */
    private final Object part;
    private final boolean fieldName;

    private FieldPath(FieldPath parent, Object part, boolean fieldName) {
        this.parent = parent;
        this.part = part;
        this.fieldName = fieldName;
    }

    FieldPath field(String name) {
        return new FieldPath(this, name, true);
    }

    FieldPath index(int i) {
        return append(() -> "[" + i + "]");
    }

    /** An element of a list matched by key fields, e.g. {@code [name=web]}; {@code key} must not change. */
    FieldPath key(Map<String, JsonNode> key) {
        return keyed(() -> key);
    }

    /** As {@link #key(Map)} with the key worked out only if the path is rendered. */
    FieldPath keyed(java.util.function.Supplier<Map<String, JsonNode>> key) {
        return append(() -> {
            List<String> parts = new ArrayList<>();
            key.get().forEach((k, v) -> parts.add(k + "=" + (v.isTextual() ? v.asText() : v.toString())));
            return "[" + String.join(",", parts) + "]";
        });
    }

    /** A member of a set of scalars, e.g. {@code ["kubernetes.io/pvc-protection"]}. */
    FieldPath value(JsonNode value) {
        return append(() -> "[" + (value.isTextual() ? quote(value.asText()) : value.toString()) + "]");
    }

    boolean isRoot() {
        return parent == null;
    }

    /** The first field name of the path ({@code spec} for {@code spec.replicas}), empty at the root. */
    String head() {
        if (isRoot()) {
            return "";
        }
        FieldPath first = this;
        while (!first.parent.isRoot()) {
            first = first.parent;
        }
        String rendered = first.rendered();
        return rendered.startsWith(".") ? rendered.substring(1) : rendered;
    }

    private FieldPath append(java.util.function.Supplier<String> part) {
        return new FieldPath(this, part, false);
    }

    private String rendered() {
        if (!fieldName) {
            return ((java.util.function.Supplier<?>) part).get().toString();
        }
        String name = (String) part;
        return simple(name) ? "." + name : "[" + quote(name) + "]";
    }

    /** Letters, digits, {@code _}, {@code $} and {@code -}: written as {@code .name}, anything else quoted. */
    private static boolean simple(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '$' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private List<String> parts() {
        List<String> out = new ArrayList<>();
        for (FieldPath p = this; !p.isRoot(); p = p.parent) {
            out.add(p.rendered());
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public String toString() {
        if (isRoot()) {
            return "(whole object)";
        }
        String joined = String.join("", parts());
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath p && p.parts().equals(parts());
    }

    @Override
    public int hashCode() {
        return parts().hashCode();
    }
}
