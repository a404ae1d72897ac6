package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Helm {@code --set} / {@code --set-string} / {@code --set-file} semantics (Helm's {@code strvals}). Each parameter is
 * one {@code name=value}, as Argo CD passes them: the value's commas are literal (Argo CD escapes them) unless the
 * whole value is a {@code {a,b}} list; a backslash escapes the next character.
 *
 * <p>The embedded Helm offers only a literal {@code --set} (it escapes list syntax) and no {@code --set-string}. So
 * plain {@code --set} scalars go to Helm directly ({@link #direct()}, typed by Helm itself, integers stay int64),
 * while {@code --set-string}, {@code --set-file} and list values are built here into a tree ({@link #tree()}) that is
 * passed as the last values file. One deviation follows: where a plain {@code --set} and a {@code --set-string} name
 * the same key, the {@code --set} wins (Helm would take the {@code --set-string}).
 *
 * <p>Names are dotted paths with {@code \.} escapes and list indexes ({@code a.b[0].c}). {@code --set} values are
 * typed like Helm's {@code typedVal}: {@code true}/{@code false} (any case), {@code null}, integers without a leading
 * zero; everything else (and everything with {@code --set-string}) is a string.
 */
final class HelmParameters {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_INDEX = 65536;

    private final ObjectNode root = F.objectNode();
    private final java.util.Map<String, String> direct = new java.util.LinkedHashMap<>();

    /** Plain {@code --set} scalars for Helm itself: name to literal (already unescaped) value. */
    java.util.Map<String, String> direct() {
        return java.util.Collections.unmodifiableMap(direct);
    }

    /** The values tree built so far (to be written as the last, highest-precedence values file). */
    ObjectNode tree() {
        return root;
    }

    /** True when there is nothing for the values file (see {@link #direct()} for the rest). */
    boolean isEmpty() {
        return root.isEmpty();
    }

    /** Applies one parameter. */
    void set(String name, String value, boolean forceString) {
        parsePath(name); // validates the name with a clear error before Helm sees it
        if (!forceString && !isList(value)) {
            direct.remove(name);
            direct.put(name, unescape(value));
            return;
        }
        assign(name, parseValue(value, forceString));
    }

    private static boolean isList(String raw) {
        return raw.startsWith("{") && raw.endsWith("}") && raw.length() >= 2;
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            out.append(c == '\\' && i + 1 < raw.length() ? raw.charAt(++i) : c);
        }
        return out.toString();
    }

    /** Stores a literal value typed as {@code --set} would type it, in the tree. */
    void setTyped(String name, String literal) {
        assign(name, typed(literal, false));
    }

    /** Applies a {@code --set-file} parameter whose file content has been read. */
    void setFile(String name, String content) {
        assign(name, F.textNode(content));
    }

    private void assign(String name, JsonNode value) {
        List<Object> path = parsePath(name);
        JsonNode container = root;
        for (int i = 0; i < path.size(); i++) {
            Object step = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = last ? null : path.get(i + 1);
            if (step instanceof String key) {
                ObjectNode obj = (ObjectNode) container;
                if (last) {
                    obj.set(key, value);
                    return;
                }
                container = child(obj.get(key), next, c -> obj.set(key, c));
            } else {
                int index = (Integer) step;
                ArrayNode list = (ArrayNode) container;
                while (list.size() <= index) {
                    list.addNull();
                }
                if (last) {
                    list.set(index, value);
                    return;
                }
                container = child(list.get(index), next, c -> list.set(index, c));
            }
        }
    }

    /** The existing child if it has the right shape for the next step, else a fresh one stored via {@code put}. */
    private static JsonNode child(JsonNode existing, Object next, java.util.function.Consumer<JsonNode> put) {
        boolean wantList = next instanceof Integer;
        if (existing != null && (wantList ? existing.isArray() : existing.isObject())) {
            return existing;
        }
        JsonNode fresh = wantList ? F.arrayNode() : F.objectNode();
        put.accept(fresh);
        return fresh;
    }

    /** {@code a.b\.c[0][1].d} to {@code ["a", "b.c", 0, 1, "d"]}. */
    static List<Object> parsePath(String name) {
        List<Object> path = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        int i = 0;
        boolean afterIndex = false;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                key.append(name.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '.') {
                if (!afterIndex) {
                    addKey(path, key, name);
                }
                afterIndex = false;
                i++;
            } else if (c == '[') {
                if (!afterIndex) {
                    addKey(path, key, name);
                }
                int close = name.indexOf(']', i);
                if (close < 0) {
                    throw new RenderException("helm parameter '" + name + "': unclosed '['");
                }
                path.add(index(name.substring(i + 1, close), name));
                afterIndex = true;
                i = close + 1;
            } else {
                if (afterIndex) {
                    throw new RenderException("helm parameter '" + name + "': expected '.' or '[' after ']'");
                }
                key.append(c);
                i++;
            }
        }
        if (!afterIndex) {
            addKey(path, key, name);
        }
        return path;
    }

    private static void addKey(List<Object> path, StringBuilder key, String name) {
        if (key.length() == 0) {
            throw new RenderException("helm parameter '" + name + "': empty key");
        }
        path.add(key.toString());
        key.setLength(0);
    }

    private static int index(String text, String name) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0 || n > MAX_INDEX) {
                throw new RenderException("helm parameter '" + name + "': index " + n + " out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RenderException("helm parameter '" + name + "': '" + text + "' is not a list index");
        }
    }

    static JsonNode parseValue(String raw, boolean forceString) {
        if (isList(raw)) {
            ArrayNode list = F.arrayNode();
            String inner = raw.substring(1, raw.length() - 1);
            if (inner.isEmpty()) {
                return list;
            }
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    cur.append(inner.charAt(++i));
                } else if (c == ',') {
                    list.add(typed(cur.toString(), forceString));
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            list.add(typed(cur.toString(), forceString));
            return list;
        }
        return typed(unescape(raw), forceString);
    }

    /** Helm's {@code strvals.typedVal}. */
    static JsonNode typed(String v, boolean forceString) {
        if (forceString) {
            return F.textNode(v);
        }
        if (v.equalsIgnoreCase("true")) {
            return F.booleanNode(true);
        }
        if (v.equalsIgnoreCase("false")) {
            return F.booleanNode(false);
        }
        if (v.equalsIgnoreCase("null")) {
            return F.nullNode();
        }
        if (v.equals("0")) {
            return F.numberNode(0L);
        }
        if (!v.isEmpty() && v.charAt(0) != '0') {
            try {
                return F.numberNode(Long.parseLong(v));
            } catch (NumberFormatException ignored) {
                // not an integer: a string
            }
        }
        return F.textNode(v);
    }
}
