package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.appset.Generated.GeneratedApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an {@link ApplicationSet}: runs each generator element, merges the element's own {@code template} over
 * the set's template (the element's non-empty fields win, as Argo CD's mergo merge), renders the template once per
 * parameter set and parses the result as an Application through {@link ArgoDocuments}. Any failure is a
 * {@link GeneratorException} naming the set, the generator element and, for rendering and validation errors, the
 * parameter set.
 */
public final class ApplicationSetGenerator {

    private final RepositoryFiles repositories;
    private final List<Cluster> clusters;

    /**
     * @param repositories Git access for git generators (may be null when no set uses one)
     * @param clusters the configured clusters, for clusters generators
     */
    public ApplicationSetGenerator(RepositoryFiles repositories, List<Cluster> clusters) {
        this.repositories = repositories;
        this.clusters = List.copyOf(clusters);
    }

    /** Generates the set's Applications; see the class comment for errors. */
    public Generated generate(ApplicationSet set) {
        try {
            return run(set);
        } catch (GeneratorException e) {
            throw e.inSet(set.name(), set.file());
        }
    }

    private Generated run(ApplicationSet set) {
        TemplateOptions options;
        try {
            options = TemplateOptions.of(set);
        } catch (IllegalArgumentException e) {
            throw new GeneratorException("", e.getMessage());
        }
        GeneratorContext context = new GeneratorContext(repositories, clusters, options);
        List<GeneratedApplication> out = new ArrayList<>();
        Map<String, GeneratedApplication> byName = new LinkedHashMap<>();
        for (int i = 0; i < set.generators().size(); i++) {
            String path = "spec.generators[" + i + "]";
            JsonNode element = set.generators().get(i);
            String kind = GeneratorContext.kindOf(element, path);
            JsonNode template = TemplateMerge.merge(element.path(kind).get("template"), set.template());
            for (Map<String, Object> params : context.run(element, path, Map.of())) {
                GeneratedApplication generated = toApplication(set, template, params, path, context.renderer());
                Application app = generated.application();
                GeneratedApplication previous = byName.put(app.name(), generated);
                if (previous != null) {
                    throw new GeneratorException(path, "application '" + app.name() + "' is generated twice (by "
                            + previous.generator() + " with parameters " + ParamValues.describe(previous.parameters())
                            + " and with parameters " + ParamValues.describe(params) + ")");
                }
                out.add(generated);
            }
        }
        return new Generated(set.name(), out);
    }

    private static GeneratedApplication toApplication(ApplicationSet set, JsonNode template, Map<String, Object> params,
            String path, TemplateRenderer renderer) {
        String described = ParamValues.describe(params);
        JsonNode rendered;
        try {
            rendered = renderer.render(template, params);
        } catch (TemplateException e) {
            throw new GeneratorException(path, "parameters " + described + ": template." + e.getMessage());
        }
        ObjectNode doc = Yaml.JSON.createObjectNode();
        doc.put("apiVersion", ArgoDocuments.API_VERSION);
        doc.put("kind", Application.KIND);
        ObjectNode meta = rendered.get("metadata") instanceof ObjectNode m ? m : Yaml.JSON.createObjectNode();
        if (!meta.hasNonNull("namespace")) {
            meta.put("namespace", set.namespace());
        }
        doc.set("metadata", meta);
        doc.set("spec", rendered.get("spec"));
        String source = "ApplicationSet '" + set.name() + "' " + path + " with parameters " + described;
        try {
            return new GeneratedApplication(ArgoDocuments.parseApplication(Yaml.json(doc), source), path, params, doc);
        } catch (ValidationException e) {
            String name = meta.path("name").asText("");
            throw new GeneratorException(path, "parameters " + described + ": generated application"
                    + (name.isEmpty() ? "" : " '" + name + "'") + " is invalid: " + String.join("; ",
                    e.errors().stream().map(Object::toString).toList()), e);
        }
    }
}
