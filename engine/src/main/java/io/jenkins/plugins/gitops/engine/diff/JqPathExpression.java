package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * One {@code jqPathExpressions} entry, evaluated by a real jq (jackson-jq): the expression is compiled once as
 * {@code path(<expression>)}, evaluated against a tree to get the concrete paths it selects (for example
 * {@code ["spec","template","spec","containers",1,"image"]}), and those paths are deleted - exactly what Argo CD's
 * {@code del(<expression>)} does.
 *
 * <p>An expression that does not compile, or that is not a path expression at all, is a configuration error and
 * names the expression. An expression that fails on a particular resource because the data is not there
 * ({@code Cannot iterate over null}) selects nothing, as in Argo CD.
 */
final class JqPathExpression {

    private static final Scope BUILTINS = builtins();

    private final String expression;
    private final JsonQuery query;

    JqPathExpression(String expression) {
        this.expression = expression;
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("ignoreDifferences jqPathExpressions: empty expression");
        }
        try {
            this.query = JsonQuery.compile("path(" + expression + ")", Versions.JQ_1_6);
        } catch (JsonQueryException e) {
            throw new IllegalArgumentException("ignoreDifferences jqPathExpressions '" + expression
                    + "' is not a valid jq expression: " + firstLine(e.getMessage()), e);
        }
    }

    String expression() {
        return expression;
    }

    /** Deletes every path the expression selects in the tree. */
    void deleteFrom(ObjectNode tree) {
        List<List<JsonNode>> paths = new ArrayList<>();
        for (JsonNode p : select(tree)) {
            List<JsonNode> steps = new ArrayList<>();
            p.forEach(steps::add);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("ignoreDifferences jqPathExpressions '" + expression
                        + "' selects the whole object; ignore specific fields instead");
            }
            paths.add(steps);
        }
        // Deepest and highest list indices first, so earlier deletions do not shift later ones.
        paths.sort(JqPathExpression::reverseOrder);
        paths.forEach(p -> delete(tree, p));
    }

    private List<JsonNode> select(JsonNode tree) {
        List<JsonNode> out = new ArrayList<>();
        try {
            query.apply(Scope.newChildScope(BUILTINS), tree, out::add);
        } catch (JsonQueryException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("Invalid path expression")) {
                throw new IllegalArgumentException("ignoreDifferences jqPathExpressions '" + expression
                        + "' is not a path expression (it must select fields, like .spec.replicas)", e);
            }
            return List.of(); // the data this expression walks is absent in this resource
        }
        return out;
    }

    private static void delete(ObjectNode tree, List<JsonNode> path) {
        JsonNode parent = tree;
        for (int i = 0; i < path.size() - 1 && parent != null; i++) {
            JsonNode step = path.get(i);
            parent = step.isNumber() ? parent.get(step.asInt()) : parent.get(step.asText());
        }
        JsonNode last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode obj && last.isTextual()) {
            obj.remove(last.asText());
        } else if (parent instanceof ArrayNode arr && last.isNumber() && last.asInt() < arr.size()) {
            arr.remove(last.asInt());
        }
    }

    private static int reverseOrder(List<JsonNode> a, List<JsonNode> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareStep(a.get(i), b.get(i));
            if (c != 0) {
                return -c;
            }
        }
        return Integer.compare(b.size(), a.size());
    }

    private static int compareStep(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            return Integer.compare(x.asInt(), y.asInt());
        }
        return Comparator.<String>naturalOrder().compare(x.asText(), y.asText());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Scope builtins() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        return scope;
    }

    @Override
    public String toString() {
        return expression;
    }
}
