package io.jenkins.plugins.gitops.engine.appset;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Go text/template into text and action items, honouring the trim markers <code>{{- </code> and
 * <code> -}}</code> (which remove the white space next to them), comments and string literals that contain
 * <code>}}</code>. Each action is cut into tokens.
 */
final class GoTemplateLexer {

    enum Kind { FIELD, VARIABLE, IDENT, STRING, NUMBER, PIPE, LPAREN, RPAREN }

    /** A token; FIELD and VARIABLE texts are the dotted chain ({@code .a.b}, {@code $.a}, {@code .}). */
    record Token(Kind kind, String text, Object value) {}

    /** Either literal text (tokens null) or an action. */
    record Item(String text, List<Token> tokens) {
        boolean isAction() {
            return tokens != null;
        }
    }

    private final String src;
    private int pos;

    private GoTemplateLexer(String src) {
        this.src = src;
    }

    static List<Item> lex(String template) {
        return new GoTemplateLexer(template).items();
    }

    private List<Item> items() {
        List<Item> out = new ArrayList<>();
        boolean trimNextText = false;
        while (pos <= src.length()) {
            int open = src.indexOf("{{", pos);
            String text = open < 0 ? src.substring(pos) : src.substring(pos, open);
            if (trimNextText) {
                text = text.stripLeading();
            }
            if (open < 0) {
                addText(out, text);
                break;
            }
            pos = open + 2;
            if (src.startsWith("- ", pos) || src.startsWith("-\t", pos) || src.startsWith("-\n", pos)) {
                text = text.stripTrailing();
                pos += 2;
            }
            addText(out, text);
            skipSpace();
            if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unclosed comment");
                }
                pos = end + 2;
                skipSpace();
                out.add(new Item(null, List.of()));
            } else {
                out.add(new Item(null, tokens()));
            }
            trimNextText = src.startsWith("-}}", pos);
            pos += trimNextText ? 3 : 2;
        }
        out.removeIf(i -> i.isAction() && i.tokens().isEmpty());
        return out;
    }

    private static void addText(List<Item> out, String text) {
        if (!text.isEmpty()) {
            out.add(new Item(text, null));
        }
    }

    private List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                throw error("unclosed action");
            }
            if (src.startsWith("}}", pos) || src.startsWith("-}}", pos)) {
                return out;
            }
            char c = src.charAt(pos);
            if (c == '|') {
                out.add(new Token(Kind.PIPE, "|", null));
                pos++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", null));
                pos++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", null));
                pos++;
            } else if (c == '"' || c == '`') {
                out.add(string(c));
            } else if (c == '.' || c == '$') {
                out.add(chain(c == '.' ? Kind.FIELD : Kind.VARIABLE));
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < src.length()
                    && Character.isDigit(src.charAt(pos + 1)))) {
                out.add(number());
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                out.add(new Token(Kind.IDENT, src.substring(start, pos), null));
            } else if (c == ':' || c == '=') {
                throw error("variable declarations are not supported");
            } else {
                throw error("unexpected '" + c + "' in action");
            }
        }
    }

    private Token chain(Kind kind) {
        int start = pos;
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || (c == '.' && pos + 1 < src.length()
                    && (Character.isLetterOrDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '_'))) {
                pos++;
            } else {
                break;
            }
        }
        return new Token(kind, src.substring(start, pos), null);
    }

    private Token number() {
        int start = pos;
        pos++;
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        String t = src.substring(start, pos);
        try {
            Object v = t.contains(".") ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
            return new Token(Kind.NUMBER, t, v);
        } catch (NumberFormatException e) {
            throw error("bad number syntax: " + t);
        }
    }

    private Token string(char quote) {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != quote) {
            char c = src.charAt(pos++);
            if (c == '\\' && quote == '"' && pos < src.length()) {
                char e = src.charAt(pos++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        if (pos >= src.length()) {
            throw error("unterminated string");
        }
        pos++;
        return new Token(Kind.STRING, src.substring(start, pos), sb.toString());
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private TemplateException error(String what) {
        return new TemplateException("failed to parse template " + src + ": " + what);
    }
}
