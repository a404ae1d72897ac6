package io.jenkins.plugins.gitops.engine.reconcile.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One step of a field path as the diff package renders it, read back: {@code .replicas} (a field),
 * {@code ["example.com/owner"]} (a quoted field name, or a member of a set of strings such as finalizers),
 * {@code [2]} (a list position), {@code [name=web]} or {@code [containerPort=80,protocol=UDP]} (a map-list element by
 * its key fields; key fields holding their server default are left out) and {@code [true]} (another scalar set
 * member). Which of field or set member a quoted step means is decided against the live node it is applied to.
 *
 * @param kind     what the brackets (or the dot) held
 * @param text     the field name, quoted text, index digits or raw scalar; empty for a key step
 * @param key      for a key step, key field name to rendered value (strings unquoted), in path order
 * @param rendered the step exactly as it appeared in the path, for rebuilding prefixes
 */
record PathStep(Kind kind, String text, Map<String, String> key, String rendered) {

    enum Kind { FIELD, QUOTED, INDEX, KEY, SCALAR }

    /** How the diff renders the root path (a missing or extraneous resource). */
    static final String WHOLE_OBJECT = "(whole object)";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$-]+");
    private static final Pattern INDEX = Pattern.compile("-?[0-9]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_$-]+=.*", Pattern.DOTALL);
    /** Pairs are split at a comma followed by the next {@code field=}, so values may contain commas. */
    private static final Pattern PAIR_SEPARATOR = Pattern.compile(",(?=[A-Za-z0-9_$-]+=)");

    /**
     * Reads a rendered path; the root ({@code (whole object)} or empty) has no steps.
     *
     * @throws IllegalArgumentException naming the path and the position of a syntax error
     */
    static List<PathStep> parse(String path) {
        if (path == null || path.isEmpty() || path.equals(WHOLE_OBJECT)) {
            return List.of();
        }
        List<PathStep> steps = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '[') {
                i = bracket(path, i, steps);
            } else if (c == '.' && !steps.isEmpty() || steps.isEmpty() && c != '.') {
                int start = c == '.' ? i + 1 : i;
                int end = start;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(start, end);
                if (!NAME.matcher(name).matches()) {
                    throw syntax(path, start, "expected a field name");
                }
                steps.add(new PathStep(Kind.FIELD, name, Map.of(), (steps.isEmpty() ? "" : ".") + name));
                i = end;
            } else {
                throw syntax(path, i, "unexpected '" + c + "'");
            }
        }
        return List.copyOf(steps);
    }

    /** The path of the first {@code depth} steps, as the diff would render it. */
    static String prefix(List<PathStep> steps, int depth) {
        StringBuilder b = new StringBuilder();
        steps.subList(0, depth).forEach(s -> b.append(s.rendered));
        return b.isEmpty() ? WHOLE_OBJECT : b.toString();
    }

    private static int bracket(String path, int open, List<PathStep> steps) {
        if (open + 1 < path.length() && path.charAt(open + 1) == '"') {
            StringBuilder text = new StringBuilder();
            int i = open + 2;
            while (i < path.length() && path.charAt(i) != '"') {
                char c = path.charAt(i);
                if (c == '\\' && i + 1 < path.length()) {
                    c = path.charAt(++i);
                }
                text.append(c);
                i++;
            }
            if (i + 1 >= path.length() || path.charAt(i + 1) != ']') {
                throw syntax(path, open, "unclosed quoted name");
            }
            steps.add(new PathStep(Kind.QUOTED, text.toString(), Map.of(), path.substring(open, i + 2)));
            return i + 2;
        }
        int close = path.indexOf(']', open);
        if (close < 0) {
            throw syntax(path, open, "unclosed '['");
        }
        String inside = path.substring(open + 1, close);
        String rendered = path.substring(open, close + 1);
        if (INDEX.matcher(inside).matches()) {
            steps.add(new PathStep(Kind.INDEX, inside, Map.of(), rendered));
        } else if (KEY.matcher(inside).matches()) {
            Map<String, String> key = new LinkedHashMap<>();
            for (String pair : PAIR_SEPARATOR.split(inside)) {
                int eq = pair.indexOf('=');
                key.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            steps.add(new PathStep(Kind.KEY, "", Map.copyOf(key), rendered));
        } else if (!inside.isEmpty()) {
            steps.add(new PathStep(Kind.SCALAR, inside, Map.of(), rendered));
        } else {
            throw syntax(path, open, "empty '[]'");
        }
        return close + 1;
    }

    private static IllegalArgumentException syntax(String path, int at, String problem) {
        return new IllegalArgumentException("cannot read field path '" + path + "' at position " + at + ": " + problem);
    }
}
