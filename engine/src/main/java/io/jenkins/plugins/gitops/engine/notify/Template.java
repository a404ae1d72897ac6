package io.jenkins.plugins.gitops.engine.notify;

import io.jenkins.plugins.gitops.engine.appset.TextTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notification template ({@code template.app-deployed}): a tree in Argo CD's shape whose string leaves are Go
 * templates - {@code message}, and per service type {@code email.subject}, {@code slack.attachments},
 * {@code webhook.<name>.body}, {@code github.status.state}, {@code jenkins.parameters.<NAME>}. Rendering executes
 * every leaf over the same data and keeps the shape.
 */
public record Template(String name, Map<String, Object> tree) {

    /** Renders every leaf; the result has the template's shape with strings at the leaves. */
    public Map<String, Object> render(Map<String, Object> data) {
        return renderMap(tree, data);
    }

    private static Map<String, Object> renderMap(Map<String, Object> tree, Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        tree.forEach((k, v) -> out.put(k, renderValue(v, data)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object renderValue(Object v, Map<String, Object> data) {
        if (v instanceof TextTemplate t) {
            return t.execute(data);
        }
        if (v instanceof Map<?, ?> m) {
            return renderMap((Map<String, Object>) m, data);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(i -> renderValue(i, data)).toList();
        }
        return v;
    }
}
