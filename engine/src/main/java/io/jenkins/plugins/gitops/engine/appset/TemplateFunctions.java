package io.jenkins.plugins.gitops.engine.appset;

import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The functions Go templates may call: Go's built-ins ({@code index}, {@code len}, {@code eq}...{@code ge},
 * {@code and}, {@code or}, {@code not}, {@code printf}) and the Sprig functions ApplicationSet templates use most,
 * with Sprig's argument order (the piped value is the last argument: {@code {{.x | replace "_" "-"}}}), plus Argo
 * CD's {@code normalize}. Environment-reading Sprig functions are deliberately absent, as in Argo CD.
 */
final class TemplateFunctions {

    private record Fn(int minArgs, int maxArgs, Function<List<Object>, Object> body) {}

    private static final int ANY = Integer.MAX_VALUE;

    /** Name to arity and implementation; the one table both the parser (does it exist?) and execution use. */
    private static final Map<String, Fn> TABLE = Map.ofEntries(
            Map.entry("lower", new Fn(1, 1, a -> str(a.get(0)).toLowerCase(Locale.ROOT))),
            Map.entry("upper", new Fn(1, 1, a -> str(a.get(0)).toUpperCase(Locale.ROOT))),
            Map.entry("title", new Fn(1, 1, a -> title(str(a.get(0))))),
            Map.entry("trim", new Fn(1, 1, a -> str(a.get(0)).strip())),
            Map.entry("trimPrefix", new Fn(2, 2, a -> trimPrefix(str(a.get(0)), str(a.get(1))))),
            Map.entry("trimSuffix", new Fn(2, 2, a -> trimSuffix(str(a.get(0)), str(a.get(1))))),
            Map.entry("replace", new Fn(3, 3, a -> str(a.get(2)).replace(str(a.get(0)), str(a.get(1))))),
            Map.entry("contains", new Fn(2, 2, a -> str(a.get(1)).contains(str(a.get(0))))),
            Map.entry("hasPrefix", new Fn(2, 2, a -> str(a.get(1)).startsWith(str(a.get(0))))),
            Map.entry("hasSuffix", new Fn(2, 2, a -> str(a.get(1)).endsWith(str(a.get(0))))),
            Map.entry("trunc", new Fn(2, 2, a -> trunc(integer(a.get(0)), str(a.get(1))))),
            Map.entry("repeat", new Fn(2, 2, a -> repeat(integer(a.get(0)), str(a.get(1))))),
            Map.entry("default", new Fn(1, 2, a -> a.size() < 2 || !truth(a.get(1)) ? a.get(0) : a.get(1))),
            Map.entry("empty", new Fn(1, 1, a -> !truth(a.get(0)))),
            Map.entry("coalesce", new Fn(0, ANY, a -> a.stream().filter(TemplateFunctions::truth).findFirst()
                    .orElse(null))),
            Map.entry("quote", new Fn(0, ANY, a -> a.stream().filter(Objects::nonNull)
                    .map(v -> goQuote(str(v))).collect(Collectors.joining(" ")))),
            Map.entry("squote", new Fn(0, ANY, a -> a.stream().filter(Objects::nonNull)
                    .map(v -> "'" + str(v) + "'").collect(Collectors.joining(" ")))),
            Map.entry("normalize", new Fn(1, 1, a -> Names.sanitize(str(a.get(0))))),
            Map.entry("toString", new Fn(1, 1, a -> str(a.get(0)))),
            Map.entry("toJson", new Fn(1, 1, a -> Yaml.json(a.get(0)).replaceAll("\\s*\\n\\s*", ""))),
            Map.entry("b64enc", new Fn(1, 1, a -> Base64.getEncoder().encodeToString(bytes(a.get(0))))),
            Map.entry("b64dec", new Fn(1, 1, a -> b64dec(str(a.get(0))))),
            Map.entry("sha256sum", new Fn(1, 1, a -> sha256(str(a.get(0))))),
            Map.entry("join", new Fn(2, 2, a -> list(a.get(1)).stream().map(TemplateFunctions::str)
                    .collect(Collectors.joining(str(a.get(0)))))),
            Map.entry("splitList", new Fn(2, 2, a -> List.<Object>of(str(a.get(1)).split(
                    java.util.regex.Pattern.quote(str(a.get(0))), -1)))),
            Map.entry("list", new Fn(0, ANY, ArrayList::new)),
            Map.entry("index", new Fn(1, ANY, TemplateFunctions::index)),
            Map.entry("len", new Fn(1, 1, a -> (long) length(a.get(0)))),
            Map.entry("not", new Fn(1, 1, a -> !truth(a.get(0)))),
            Map.entry("and", new Fn(1, ANY, a -> a.stream().filter(v -> !truth(v)).findFirst()
                    .orElse(a.get(a.size() - 1)))),
            Map.entry("or", new Fn(1, ANY, a -> a.stream().filter(TemplateFunctions::truth).findFirst()
                    .orElse(a.get(a.size() - 1)))),
            Map.entry("eq", new Fn(2, ANY, a -> a.subList(1, a.size()).stream().anyMatch(b -> compare(a.get(0), b)
                    == 0))),
            Map.entry("ne", new Fn(2, 2, a -> compare(a.get(0), a.get(1)) != 0)),
            Map.entry("lt", new Fn(2, 2, a -> compare(a.get(0), a.get(1)) < 0)),
            Map.entry("le", new Fn(2, 2, a -> compare(a.get(0), a.get(1)) <= 0)),
            Map.entry("gt", new Fn(2, 2, a -> compare(a.get(0), a.get(1)) > 0)),
            Map.entry("ge", new Fn(2, 2, a -> compare(a.get(0), a.get(1)) >= 0)),
            Map.entry("printf", new Fn(1, ANY, a -> GoPrintf.format(str(a.get(0)), a.subList(1, a.size())))));

    private TemplateFunctions() {}

    static boolean exists(String name) {
        return TABLE.containsKey(name);
    }

    static Object call(String name, List<Object> args) {
        Fn fn = TABLE.get(name);
        if (args.size() < fn.minArgs() || args.size() > fn.maxArgs()) {
            String want = fn.minArgs() == fn.maxArgs() ? String.valueOf(fn.minArgs())
                    : fn.maxArgs() == ANY ? "at least " + fn.minArgs() : fn.minArgs() + " to " + fn.maxArgs();
            throw new TemplateException("wrong number of args for " + name + ": want " + want + " got "
                    + args.size());
        }
        return fn.body().apply(args);
    }

    /** Go's truth: false, 0, nil and empty strings, lists and maps are false. */
    static boolean truth(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return !(v instanceof Map<?, ?> m) || !m.isEmpty();
    }

    /** Longest string {@code repeat} may build: a template that asks for more is hostile, not a manifest. */
    static final long MAX_REPEAT_CHARS = 1L << 20;

    private static String repeat(int count, String s) {
        long size = (long) Math.max(0, count) * s.length();
        if (size > MAX_REPEAT_CHARS) {
            throw new TemplateException("repeat " + count + " of a " + s.length() + "-character string would build "
                    + size + " characters; the limit is " + MAX_REPEAT_CHARS);
        }
        return s.repeat(Math.max(0, count));
    }

    private static String str(Object v) {
        return v == null ? "" : v instanceof String s ? s : ParamValues.text(v);
    }

    private static int integer(Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(str(v).trim());
        } catch (NumberFormatException e) {
            throw new TemplateException("expected an integer, got " + ParamValues.text(v));
        }
    }

    private static List<?> list(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new TemplateException("expected a list, got " + ParamValues.text(v));
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            sb.append(start ? Character.toTitleCase(c) : c);
            start = Character.isWhitespace(c);
        }
        return sb.toString();
    }

    private static String trimPrefix(String prefix, String s) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    private static String trimSuffix(String suffix, String s) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    /** Sprig's trunc: a negative count keeps the end of the string. */
    private static String trunc(int c, String s) {
        if (c < 0 && s.length() + c > 0) {
            return s.substring(s.length() + c);
        }
        return c >= 0 && s.length() > c ? s.substring(0, c) : s;
    }

    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static byte[] bytes(Object v) {
        return str(v).getBytes(StandardCharsets.UTF_8);
    }

    private static String b64dec(String s) {
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TemplateException("illegal base64 data: " + e.getMessage());
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object index(List<Object> a) {
        Object cur = a.get(0);
        for (Object key : a.subList(1, a.size())) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(str(key));
            } else if (cur instanceof List<?> l) {
                int i = integer(key);
                if (i < 0 || i >= l.size()) {
                    throw new TemplateException("index out of range: " + i);
                }
                cur = l.get(i);
            } else {
                throw new TemplateException("can't index item of type " + (cur == null ? "nil"
                        : cur.getClass().getSimpleName()));
            }
        }
        return cur;
    }

    private static int length(Object v) {
        if (v instanceof String s) {
            return s.length();
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new TemplateException("len of " + (v == null ? "nil" : ParamValues.text(v)));
    }

    /** Numbers compare numerically, everything else by its text (Go compares only like basic types). */
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        if (a instanceof Map<?, ?> || b instanceof Map<?, ?> || a instanceof List<?> || b instanceof List<?>) {
            return Objects.equals(a, b) ? 0 : 1;
        }
        return str(a).compareTo(str(b));
    }
}
