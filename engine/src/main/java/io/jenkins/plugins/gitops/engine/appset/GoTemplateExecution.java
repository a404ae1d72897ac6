package io.jenkins.plugins.gitops.engine.appset;

import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Action;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Block;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Command;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Field;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Func;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Literal;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Node;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Operand;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Sub;
import io.jenkins.plugins.gitops.engine.appset.GoTemplate.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One execution of a {@link GoTemplate} with Go's semantics: a missing map key yields no value (printed
 * {@code <no value>}) unless {@code missingkey=error} is set, in which case it is an error naming the key; reading a
 * field of a missing value is always an error, as in Go.
 */
final class GoTemplateExecution {

    private final GoTemplate template;
    private final Map<String, Object> root;
    private final boolean missingKeyError;
    private final StringBuilder out = new StringBuilder();

    GoTemplateExecution(GoTemplate template, Map<String, Object> root, boolean missingKeyError) {
        this.template = template;
        this.root = root;
        this.missingKeyError = missingKeyError;
    }

    String run() {
        exec(template.nodes(), root);
        return out.toString();
    }

    /** Largest output of one template string: loops that would build more are refused, not run out of memory. */
    static final int MAX_OUTPUT_CHARS = 1 << 20;

    private void exec(List<Node> nodes, Object dot) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                append(t.text());
            } else if (n instanceof Action a) {
                append(ParamValues.text(pipeline(a.pipeline(), dot)));
            } else {
                block((Block) n, dot);
            }
        }
    }

    private void append(String s) {
        if ((long) out.length() + s.length() > MAX_OUTPUT_CHARS) {
            throw error("output exceeds the limit of " + MAX_OUTPUT_CHARS + " characters");
        }
        out.append(s);
    }

    private void block(Block b, Object dot) {
        Object value = pipeline(b.pipeline(), dot);
        switch (b.keyword()) {
            case "if" -> exec(TemplateFunctions.truth(value) ? b.body() : b.elseBody(), dot);
            case "with" -> {
                if (TemplateFunctions.truth(value)) {
                    exec(b.body(), value);
                } else {
                    exec(b.elseBody(), dot);
                }
            }
            default -> range(b, value, dot);
        }
    }

    private void range(Block b, Object value, Object dot) {
        List<Object> elements = new ArrayList<>();
        if (value instanceof List<?> l) {
            elements.addAll(l);
        } else if (value instanceof Map<?, ?> m) {
            elements.addAll(new TreeMap<>(m).values());
        } else if (value != null) {
            throw error("range can't iterate over " + ParamValues.text(value));
        }
        if (elements.isEmpty()) {
            exec(b.elseBody(), dot);
        }
        for (Object e : elements) {
            exec(b.body(), e);
        }
    }

    private Object pipeline(List<Command> commands, Object dot) {
        Object value = null;
        boolean piped = false;
        for (Command c : commands) {
            value = command(c, dot, piped, value);
            piped = true;
        }
        return value;
    }

    private Object command(Command c, Object dot, boolean piped, Object pipedValue) {
        Operand first = c.operands().get(0);
        if (first instanceof Func f) {
            List<Object> args = new ArrayList<>();
            for (Operand o : c.operands().subList(1, c.operands().size())) {
                args.add(operand(o, dot));
            }
            if (piped) {
                args.add(pipedValue);
            }
            try {
                return TemplateFunctions.call(f.name(), args);
            } catch (TemplateException e) {
                throw error("error calling " + f.name() + ": " + e.getMessage());
            }
        }
        if (c.operands().size() > 1 || piped) {
            throw error("can't give argument to non-function " + describe(first));
        }
        return operand(first, dot);
    }

    private Object operand(Operand o, Object dot) {
        if (o instanceof Literal l) {
            return l.value();
        }
        if (o instanceof Field f) {
            return field(f, dot);
        }
        if (o instanceof Sub s) {
            return pipeline(s.pipeline(), dot);
        }
        Func f = (Func) o;
        try {
            return TemplateFunctions.call(f.name(), List.of());
        } catch (TemplateException e) {
            throw error("error calling " + f.name() + ": " + e.getMessage());
        }
    }

    private Object field(Field f, Object dot) {
        Object cur = f.fromRoot() ? root : dot;
        StringBuilder walked = new StringBuilder(f.fromRoot() ? "$" : "");
        for (String name : f.names()) {
            if (cur instanceof Map<?, ?> m) {
                if (!m.containsKey(name)) {
                    if (missingKeyError) {
                        throw error("map has no entry for key \"" + name + "\" (at <" + f.text() + ">)");
                    }
                    cur = null;
                    walked.append('.').append(name);
                    continue;
                }
                cur = m.get(name);
            } else if (cur == null) {
                throw error("nil pointer evaluating " + walked + "." + name + " (" + walked
                        + " has no value) (at <" + f.text() + ">)");
            } else {
                throw error("can't evaluate field " + name + " in type " + typeName(cur) + " (at <" + f.text() + ">)");
            }
            walked.append('.').append(name);
        }
        return cur;
    }

    private static String typeName(Object v) {
        return v instanceof String ? "string" : v instanceof List ? "[]interface {}"
                : v instanceof Boolean ? "bool" : v instanceof Long ? "int64" : v instanceof Double ? "float64"
                : v.getClass().getSimpleName();
    }

    private static String describe(Operand o) {
        if (o instanceof Field f) {
            return f.text();
        }
        if (o instanceof Literal l) {
            return ParamValues.text(l.value());
        }
        return o instanceof Func f ? f.name() : "(...)";
    }

    private TemplateException error(String what) {
        return new TemplateException("failed to execute go template " + template.source() + ": " + what);
    }
}
