package io.jenkins.plugins.gitops.engine.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed trigger condition: the subset of <a href="https://expr-lang.org">expr</a> that Argo CD Notifications'
 * {@code when} and {@code oncePer} expressions use, evaluated over the application document
 * ({@code app.status.health.status == 'Degraded'}).
 *
 * <p>Supported: literals ({@code 'single'} and {@code "double"} strings, numbers, {@code true}, {@code false},
 * {@code nil}, {@code [lists]}); member access {@code a.b}, {@code a?.b} (nil-safe), {@code a['b']}, {@code a[0]};
 * {@code == != < <= > >=}; {@code in} / {@code not in} (list element, map key); {@code and or not && || !};
 * {@code matches contains startsWith endsWith}; {@code + -}; parentheses; the functions {@code len}, {@code lower},
 * {@code upper}, {@code trim}, {@code string}. As in expr, reading a field of nil without {@code ?.} is an error,
 * and {@code and}/{@code or} short-circuit. Anything else (other functions, method calls such as
 * {@code time.Now()}, pipes, ternaries) is rejected when the condition is parsed, with its position.
 */
public final class Expr {

    static final List<String> FUNCTIONS = List.of("len", "lower", "upper", "trim", "string");

    private final String source;
    private final Node root;

    private Expr(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /** Parses a condition; a syntax error or unsupported construct is an {@link ExprException} naming the column. */
    public static Expr parse(String source) {
        if (source == null || source.isBlank()) {
            throw new ExprException("empty expression");
        }
        Parser p = new Parser(source);
        Node n = p.or();
        if (p.peek() != null) {
            throw p.error("unexpected '" + p.peek().text + "'");
        }
        return new Expr(source, n);
    }

    public String source() {
        return source;
    }

    /** Evaluates over named variables ({@code app}); a runtime error (nil field, type mismatch) is an ExprException. */
    public Object evaluate(Map<String, Object> env) {
        return root.eval(env);
    }

    /** Evaluates a {@code when}: the result must be a boolean. */
    public boolean test(Map<String, Object> env) {
        Object v = evaluate(env);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ExprException("'" + source + "' is " + describe(v) + ", not a boolean");
    }

    @Override
    public String toString() {
        return source;
    }

    // --- evaluation ---------------------------------------------------------------------------------------------

    private interface Node {
        Object eval(Map<String, Object> env);
    }

    private record Lit(Object value) implements Node {
        public Object eval(Map<String, Object> env) {
            return value;
        }
    }

    private record Var(String name) implements Node {
        public Object eval(Map<String, Object> env) {
            return env.get(name);
        }
    }

    private record ListLit(List<Node> items) implements Node {
        public Object eval(Map<String, Object> env) {
            List<Object> out = new ArrayList<>();
            items.forEach(i -> out.add(i.eval(env)));
            return out;
        }
    }

    private record Member(Node target, Node key, boolean optional, String text) implements Node {
        public Object eval(Map<String, Object> env) {
            Object t = target.eval(env);
            if (t == null) {
                if (optional) {
                    return null;
                }
                throw new ExprException("cannot fetch " + text + " from nil");
            }
            Object k = key.eval(env);
            if (t instanceof Map<?, ?> m) {
                return m.get(k instanceof String s ? s : String.valueOf(k));
            }
            if (t instanceof List<?> l && k instanceof Number n) {
                int i = n.intValue() < 0 ? l.size() + n.intValue() : n.intValue();
                if (i < 0 || i >= l.size()) {
                    throw new ExprException("index " + n.intValue() + " out of range (len " + l.size() + ")");
                }
                return l.get(i);
            }
            throw new ExprException("cannot fetch " + text + " from " + describe(t));
        }
    }

    private record Call(String name, List<Node> args) implements Node {
        public Object eval(Map<String, Object> env) {
            Object a = args.get(0).eval(env);
            return switch (name) {
                case "len" -> a instanceof String s ? s.length() : a instanceof List<?> l ? l.size()
                        : a instanceof Map<?, ?> m ? m.size() : fail("len of " + describe(a));
                case "lower" -> str(a).toLowerCase(java.util.Locale.ROOT);
                case "upper" -> str(a).toUpperCase(java.util.Locale.ROOT);
                case "trim" -> str(a).trim();
                default -> a == null ? "" : a instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue())
                        : String.valueOf(a);
            };
        }
    }

    private record Unary(String op, Node operand) implements Node {
        public Object eval(Map<String, Object> env) {
            Object v = operand.eval(env);
            if (op.equals("-")) {
                return -num(v);
            }
            return !bool(v, op);
        }
    }

    private record Binary(String op, Node left, Node right) implements Node {
        public Object eval(Map<String, Object> env) {
            Object l = left.eval(env);
            switch (op) {
                case "and" -> {
                    return bool(l, op) && bool(right.eval(env), op);
                }
                case "or" -> {
                    return bool(l, op) || bool(right.eval(env), op);
                }
                default -> { }
            }
            Object r = right.eval(env);
            return switch (op) {
                case "==" -> same(l, r);
                case "!=" -> !same(l, r);
                case "<" -> compare(l, r) < 0;
                case "<=" -> compare(l, r) <= 0;
                case ">" -> compare(l, r) > 0;
                case ">=" -> compare(l, r) >= 0;
                case "in" -> in(l, r);
                case "not in" -> !in(l, r);
                case "matches" -> Pattern.compile(str(r)).matcher(str(l)).find();
                case "contains" -> str(l).contains(str(r));
                case "startsWith" -> str(l).startsWith(str(r));
                case "endsWith" -> str(l).endsWith(str(r));
                case "+" -> l instanceof String || r instanceof String ? str(l) + str(r) : (Object) (num(l) + num(r));
                case "-" -> num(l) - num(r);
                default -> throw new ExprException("unknown operator " + op);
            };
        }
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    private static boolean in(Object item, Object container) {
        if (container instanceof List<?> l) {
            return l.stream().anyMatch(e -> same(e, item));
        }
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(item);
        }
        if (container == null) {
            return false;
        }
        throw new ExprException("operator in: " + describe(container) + " is not a list or map");
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new ExprException("cannot compare " + describe(a) + " with " + describe(b));
    }

    private static boolean bool(Object v, String op) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ExprException("operator " + op + ": " + describe(v) + " is not a boolean");
    }

    private static double num(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new ExprException(describe(v) + " is not a number");
    }

    private static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new ExprException(describe(v) + " is not a string");
    }

    private static Object fail(String message) {
        throw new ExprException(message);
    }

    static String describe(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof String s) {
            return "string '" + s + "'";
        }
        if (v instanceof Map) {
            return "a map";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v;
    }

    // --- parsing ------------------------------------------------------------------------------------------------

    private record Token(String kind, String text, Object value, int pos) {}

    private static final class Parser {
        private final String src;
        private final List<Token> tokens;
        private int next;

        Parser(String src) {
            this.src = src;
            this.tokens = lex(src);
        }

        Token peek() {
            return next < tokens.size() ? tokens.get(next) : null;
        }

        boolean at(String text) {
            Token t = peek();
            return t != null && !t.kind.equals("str") && t.text.equals(text);
        }

        boolean accept(String text) {
            if (at(text)) {
                next++;
                return true;
            }
            return false;
        }

        void expect(String text) {
            if (!accept(text)) {
                throw error("expected '" + text + "'" + (peek() == null ? " at end" : ", found '" + peek().text + "'"));
            }
        }

        ExprException error(String message) {
            Token t = peek();
            int col = (t == null ? src.length() : t.pos) + 1;
            return new ExprException(message + " (column " + col + " of '" + src + "')");
        }

        Node or() {
            Node n = and();
            while (accept("or") || accept("||")) {
                n = new Binary("or", n, and());
            }
            return n;
        }

        Node and() {
            Node n = comparison();
            while (accept("and") || accept("&&")) {
                n = new Binary("and", n, comparison());
            }
            return n;
        }

        Node comparison() {
            Node n = additive();
            while (true) {
                String op = null;
                for (String o : List.of("==", "!=", "<=", ">=", "<", ">", "in", "matches", "contains", "startsWith",
                        "endsWith")) {
                    if (accept(o)) {
                        op = o;
                        break;
                    }
                }
                if (op == null && at("not") && next + 1 < tokens.size() && tokens.get(next + 1).text.equals("in")) {
                    next += 2;
                    op = "not in";
                }
                if (op == null) {
                    return n;
                }
                n = new Binary(op, n, additive());
            }
        }

        Node additive() {
            Node n = unary();
            while (true) {
                if (accept("+")) {
                    n = new Binary("+", n, unary());
                } else if (accept("-")) {
                    n = new Binary("-", n, unary());
                } else {
                    return n;
                }
            }
        }

        Node unary() {
            if (accept("not") || accept("!")) {
                return new Unary("not", unary());
            }
            if (accept("-")) {
                return new Unary("-", unary());
            }
            return postfix();
        }

        Node postfix() {
            Node n = primary();
            while (true) {
                if (at(".") || at("?.")) {
                    boolean optional = peek().text.equals("?.");
                    next++;
                    Token name = peek();
                    if (name == null || !name.kind.equals("ident")) {
                        throw error("expected a field name after '.'");
                    }
                    next++;
                    if (at("(")) {
                        throw error("method calls are not supported ('" + name.text + "(')");
                    }
                    n = new Member(n, new Lit(name.text), optional, name.text);
                } else if (accept("[")) {
                    Node key = or();
                    expect("]");
                    n = new Member(n, key, false, "[...]");
                } else if (at("(")) {
                    throw error("only the functions " + FUNCTIONS + " can be called");
                } else {
                    return n;
                }
            }
        }

        Node primary() {
            Token t = peek();
            if (t == null) {
                throw error("unexpected end of expression");
            }
            next++;
            switch (t.kind) {
                case "str", "num" -> {
                    return new Lit(t.value);
                }
                case "ident" -> {
                    switch (t.text) {
                        case "true" -> {
                            return new Lit(Boolean.TRUE);
                        }
                        case "false" -> {
                            return new Lit(Boolean.FALSE);
                        }
                        case "nil" -> {
                            return new Lit(null);
                        }
                        default -> { }
                    }
                    if (at("(")) {
                        if (!FUNCTIONS.contains(t.text)) {
                            next--;
                            throw error("unknown function " + t.text + "(); supported: " + FUNCTIONS);
                        }
                        next++;
                        Node arg = or();
                        expect(")");
                        return new Call(t.text, List.of(arg));
                    }
                    return new Var(t.text);
                }
                default -> { }
            }
            if (t.text.equals("(")) {
                Node n = or();
                expect(")");
                return n;
            }
            if (t.text.equals("[")) {
                List<Node> items = new ArrayList<>();
                if (!accept("]")) {
                    do {
                        items.add(or());
                    } while (accept(","));
                    expect("]");
                }
                return new ListLit(items);
            }
            next--;
            throw error("unexpected '" + t.text + "'");
        }

        private static List<Token> lex(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'' || c == '"') {
                    StringBuilder b = new StringBuilder();
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) != c) {
                        if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                            j++;
                            char e = s.charAt(j);
                            b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                        } else {
                            b.append(s.charAt(j));
                        }
                        j++;
                    }
                    if (j >= s.length()) {
                        throw new ExprException("unterminated string (column " + (i + 1) + " of '" + s + "')");
                    }
                    out.add(new Token("str", s.substring(i, j + 1), b.toString(), i));
                    i = j + 1;
                } else if (Character.isDigit(c)) {
                    int j = i;
                    while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                        j++;
                    }
                    String n = s.substring(i, j);
                    out.add(new Token("num", n, n.contains(".") ? (Object) Double.parseDouble(n)
                            : (Object) Long.parseLong(n), i));
                    i = j;
                } else if (Character.isLetter(c) || c == '_' || c == '$') {
                    int j = i;
                    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                            || s.charAt(j) == '$')) {
                        j++;
                    }
                    out.add(new Token("ident", s.substring(i, j), null, i));
                    i = j;
                } else {
                    String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                    if (List.of("==", "!=", "<=", ">=", "&&", "||", "?.").contains(two)) {
                        out.add(new Token("op", two, null, i));
                        i += 2;
                    } else if ("<>!.[](),+-".indexOf(c) >= 0) {
                        out.add(new Token("op", String.valueOf(c), null, i));
                        i++;
                    } else {
                        throw new ExprException("unexpected character '" + c + "' (column " + (i + 1) + " of '" + s
                                + "')");
                    }
                }
            }
            return out;
        }
    }
}
