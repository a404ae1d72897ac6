package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What generators of one ApplicationSet evaluation share, and the table of generator kinds. A generator element is a
 * mapping with exactly one generator key ({@code list}, {@code git}, {@code clusters}, {@code matrix}, {@code merge})
 * and optionally a {@code selector} that filters the parameter sets it produces.
 */
final class GeneratorContext {

    /** Generator kinds by their YAML key, as Argo CD's {@code GetGenerators}. */
    static final Map<String, Generator> KINDS = Map.of(
            "list", new ListGenerator(),
            "git", new GitGenerator(),
            "clusters", new ClusterGenerator(),
            "matrix", new MatrixGenerator(),
            "merge", new MergeGenerator());

    private final RepositoryFiles repositories;
    private final List<Cluster> clusters;
    private final TemplateRenderer renderer;

    GeneratorContext(RepositoryFiles repositories, List<Cluster> clusters, TemplateOptions options) {
        this.repositories = repositories;
        this.clusters = List.copyOf(clusters);
        this.renderer = new TemplateRenderer(options);
    }

    RepositoryFiles repositories() {
        if (repositories == null) {
            throw new IllegalStateException("no Git repository access was configured for the git generator");
        }
        return repositories;
    }

    List<Cluster> clusters() {
        return clusters;
    }

    boolean goTemplate() {
        return renderer.options().goTemplate();
    }

    TemplateRenderer renderer() {
        return renderer;
    }

    /** The single generator key of an element. */
    static String kindOf(JsonNode element, String path) {
        if (element == null || !element.isObject()) {
            throw new GeneratorException(path, "a generator must be a mapping");
        }
        List<String> keys = new ArrayList<>();
        element.fieldNames().forEachRemaining(k -> {
            if (!k.equals("selector")) {
                keys.add(k);
            }
        });
        if (keys.size() != 1 || !KINDS.containsKey(keys.get(0))) {
            String supported = new TreeSet<>(KINDS.keySet()).stream().collect(Collectors.joining(", "));
            String found = keys.isEmpty() ? "none" : String.join(", ", keys);
            throw new GeneratorException(path, (keys.size() == 1 ? "unsupported generator " : "expected exactly one "
                    + "generator, found ") + found + " (supported: " + supported + ")");
        }
        return keys.get(0);
    }

    /** How many matrix/merge generators enclose the element at {@code path} (spec.generators[0] is at 0). */
    static int nesting(String path) {
        int n = -1;
        for (int i = path.indexOf("generators["); i >= 0; i = path.indexOf("generators[", i + 1)) {
            n++;
        }
        return Math.max(0, n);
    }

    /**
     * Runs one generator element. With {@code interpolate} non-empty (the second child of a matrix), the element's
     * strings are first rendered with those parameters, so it can refer to what the first child produced.
     */
    List<Map<String, Object>> run(JsonNode element, String path, Map<String, Object> interpolate) {
        String kind = kindOf(element, path);
        if ((kind.equals("matrix") || kind.equals("merge")) && nesting(path) > 1) {
            throw new GeneratorException(path, "a " + kind + " generator nested inside a nested matrix or merge is "
                    + "not allowed: Argo CD nests matrix and merge generators one level deep");
        }
        JsonNode el = element;
        if (!interpolate.isEmpty()) {
            ObjectNode copy = element.deepCopy();
            JsonNode body = copy.get(kind);
            JsonNode template = body instanceof ObjectNode o ? o.remove("template") : null;
            try {
                copy = (ObjectNode) renderer.render(copy, interpolate);
            } catch (TemplateException e) {
                throw new GeneratorException(path, "cannot apply the parameters of the previous generator "
                        + ParamValues.describe(interpolate) + ": " + e.getMessage());
            }
            if (template != null) {
                ((ObjectNode) copy.get(kind)).set("template", template);
            }
            el = copy;
        }
        String at = path + "." + kind;
        List<Map<String, Object>> params = KINDS.get(kind).generate(el.get(kind), this, at);
        LabelSelector selector = LabelSelector.parse(el.get("selector"), path + ".selector");
        return selector.isEmpty() ? params : params.stream().filter(selector::matchesParams).toList();
    }

    /**
     * Adds a generator's {@code values} (themselves templates over the parameters produced so far): plain templates
     * get {@code values.<key>} parameters, Go templates a {@code values} map.
     */
    void appendValues(JsonNode values, Map<String, Object> params, String path) {
        if (values == null || values.isNull()) {
            return;
        }
        if (!values.isObject()) {
            throw new GeneratorException(path + ".values", "must be a mapping of strings");
        }
        Map<String, Object> rendered = new java.util.LinkedHashMap<>();
        values.fields().forEachRemaining(e -> {
            try {
                rendered.put(e.getKey(), renderer.render(e.getValue().asText(), params));
            } catch (TemplateException ex) {
                throw new GeneratorException(path + ".values." + e.getKey(), ex.getMessage());
            }
        });
        if (goTemplate()) {
            params.put("values", rendered);
        } else {
            rendered.forEach((k, v) -> params.put("values." + k, v));
        }
    }
}
