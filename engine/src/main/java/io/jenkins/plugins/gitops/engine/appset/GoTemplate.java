package io.jenkins.plugins.gitops.engine.appset;

import io.jenkins.plugins.gitops.engine.appset.GoTemplateLexer.Item;
import io.jenkins.plugins.gitops.engine.appset.GoTemplateLexer.Kind;
import io.jenkins.plugins.gitops.engine.appset.GoTemplateLexer.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed Go text/template, the subset ApplicationSet templates use: output actions with field chains
 * ({@code {{.path.basename}}}, {@code $} for the root), literals, function calls and pipelines
 * ({@code {{.name | lower | trunc 10}}}, parenthesised sub-pipelines), {@code if}/{@code else if}/{@code else},
 * {@code with} and {@code range} over lists and maps, comments and trim markers. The functions are those of
 * {@link TemplateFunctions} (a Sprig subset). Variables ({@code $x :=}), {@code define}/{@code template} and
 * method calls are not supported and are reported as parse errors.
 */
final class GoTemplate {

    sealed interface Node permits Text, Action, Block {}

    record Text(String text) implements Node {}

    record Action(List<Command> pipeline) implements Node {}

    /** {@code if}, {@code with} or {@code range}: body when the pipeline is truthy, else {@code elseBody}. */
    record Block(String keyword, List<Command> pipeline, List<Node> body, List<Node> elseBody) implements Node {}

    record Command(List<Operand> operands) {}

    sealed interface Operand permits Field, Literal, Func, Sub {}

    /** A field chain from the dot ({@code .a.b}) or from the root ({@code $.a.b}); empty names is the value itself. */
    record Field(boolean fromRoot, List<String> names, String text) implements Operand {}

    record Literal(Object value) implements Operand {}

    record Func(String name) implements Operand {}

    record Sub(List<Command> pipeline) implements Operand {}

    private static final Set<String> KEYWORDS = Set.of("if", "with", "range", "else", "end");

    private final String source;
    private final List<Node> nodes;

    private GoTemplate(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    String source() {
        return source;
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Parses a template; a syntax error or unknown function is a {@link TemplateException} quoting it. */
    static GoTemplate parse(String source) {
        Parser p = new Parser(source, GoTemplateLexer.lex(source));
        List<Node> nodes = p.list(Set.of());
        if (p.terminator != null) {
            throw p.error("unexpected {{" + p.terminator + "}}");
        }
        return new GoTemplate(source, nodes);
    }

    /** Executes the template over a root value. */
    String execute(Map<String, Object> data, boolean missingKeyError) {
        return new GoTemplateExecution(this, data, missingKeyError).run();
    }

    private static final class Parser {
        private final String source;
        private final List<Item> items;
        private int next;
        /** The keyword ({@code end}, {@code else}, {@code else if ...}) that ended the last list. */
        String terminator;
        List<Token> terminatorTokens;

        Parser(String source, List<Item> items) {
            this.source = source;
            this.items = items;
        }

        List<Node> list(Set<String> ends) {
            List<Node> out = new ArrayList<>();
            terminator = null;
            while (next < items.size()) {
                Item item = items.get(next++);
                if (!item.isAction()) {
                    out.add(new Text(item.text()));
                    continue;
                }
                List<Token> t = item.tokens();
                String first = t.get(0).kind() == Kind.IDENT ? t.get(0).text() : "";
                if (first.equals("end") || first.equals("else")) {
                    if (!ends.contains(first)) {
                        throw error("unexpected {{" + first + "}}");
                    }
                    terminator = first;
                    terminatorTokens = t;
                    return out;
                }
                if (first.equals("if") || first.equals("with") || first.equals("range")) {
                    out.add(block(first, t.subList(1, t.size())));
                } else {
                    out.add(new Action(pipeline(t)));
                }
            }
            if (!ends.isEmpty()) {
                throw error("unexpected EOF: missing {{end}}");
            }
            return out;
        }

        private Block block(String keyword, List<Token> condition) {
            if (condition.isEmpty()) {
                throw error("missing value for " + keyword);
            }
            List<Command> pipe = pipeline(condition);
            List<Node> body = list(Set.of("end", "else"));
            List<Node> elseBody = List.of();
            if ("else".equals(terminator)) {
                List<Token> rest = terminatorTokens.subList(1, terminatorTokens.size());
                if (!rest.isEmpty() && rest.get(0).kind() == Kind.IDENT && rest.get(0).text().equals("if")) {
                    // {{else if c}} ... {{end}}: the nested if consumes the shared {{end}}
                    elseBody = List.of(block("if", rest.subList(1, rest.size())));
                    return new Block(keyword, pipe, body, elseBody);
                }
                if (!rest.isEmpty()) {
                    throw error("unexpected " + rest.get(0).text() + " after else");
                }
                elseBody = list(Set.of("end"));
            }
            if (!"end".equals(terminator) || terminatorTokens.size() != 1) {
                throw error("missing {{end}} for " + keyword);
            }
            terminator = null;
            return new Block(keyword, pipe, body, elseBody);
        }

        private List<Command> pipeline(List<Token> tokens) {
            List<Command> out = new ArrayList<>();
            List<Operand> current = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                switch (t.kind()) {
                    case PIPE -> {
                        if (current.isEmpty()) {
                            throw error("missing command before '|'");
                        }
                        out.add(new Command(List.copyOf(current)));
                        current.clear();
                    }
                    case LPAREN -> {
                        int close = matching(tokens, i);
                        current.add(new Sub(pipeline(tokens.subList(i + 1, close))));
                        i = close;
                    }
                    case RPAREN -> throw error("unexpected ')'");
                    default -> current.add(operand(t));
                }
            }
            if (current.isEmpty()) {
                throw error("missing command");
            }
            out.add(new Command(List.copyOf(current)));
            return List.copyOf(out);
        }

        private int matching(List<Token> tokens, int open) {
            int depth = 0;
            for (int i = open; i < tokens.size(); i++) {
                Kind k = tokens.get(i).kind();
                depth += k == Kind.LPAREN ? 1 : k == Kind.RPAREN ? -1 : 0;
                if (depth == 0) {
                    return i;
                }
            }
            throw error("unclosed '('");
        }

        private Operand operand(Token t) {
            return switch (t.kind()) {
                case STRING, NUMBER -> new Literal(t.value());
                case FIELD, VARIABLE -> field(t);
                case IDENT -> switch (t.text()) {
                    case "true" -> new Literal(Boolean.TRUE);
                    case "false" -> new Literal(Boolean.FALSE);
                    case "nil" -> new Literal(null);
                    default -> {
                        if (KEYWORDS.contains(t.text())) {
                            throw error("unexpected keyword " + t.text());
                        }
                        if (!TemplateFunctions.exists(t.text())) {
                            throw error("function \"" + t.text() + "\" not defined");
                        }
                        yield new Func(t.text());
                    }
                };
                default -> throw error("unexpected " + t.text());
            };
        }

        private Field field(Token t) {
            String text = t.text();
            boolean root = text.startsWith("$");
            if (root && text.length() > 1 && text.charAt(1) != '.') {
                throw error("undefined variable \"" + text + "\" (variables are not supported)");
            }
            String chain = root ? text.substring(1) : text;
            List<String> names = chain.isEmpty() || chain.equals(".") ? List.of()
                    : Arrays.asList(chain.substring(1).split("\\."));
            return new Field(root, List.copyOf(names), text);
        }

        TemplateException error(String what) {
            return new TemplateException("failed to parse template " + source + ": " + what);
        }
    }
}
