package io.jenkins.plugins.gitops.engine.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Argo CD {@code ApplicationSet}. Generators and the template are kept as YAML trees: the appset package
 * interprets them (parameters are substituted into the template before it is parsed as an Application).
 */
public record ApplicationSet(
        String name,
        String namespace,
        ArrayNode generators,
        ObjectNode template,
        boolean goTemplate,
        java.util.List<String> goTemplateOptions,
        String applicationsSyncPolicy,
        boolean preserveResourcesOnDeletion,
        String file) {

    public static final String KIND = "ApplicationSet";

    static ApplicationSet read(FieldReader root, String name, String namespace, String file) {
        FieldReader spec = root.child("spec");
        ArrayNode gens = null;
        var g = spec.node().get("generators");
        if (g == null || !g.isArray() || g.isEmpty()) {
            spec.error(spec.childPath("generators"), "at least one generator is required");
        } else {
            gens = (ArrayNode) g.deepCopy();
        }
        FieldReader template = spec.child("template");
        if (!template.present()) {
            spec.error(spec.childPath("template"), "is required");
        }
        FieldReader sp = spec.child("syncPolicy");
        String policy = sp.string("applicationsSync", "sync");
        if (!java.util.Set.of("create-only", "create-update", "create-delete", "sync").contains(policy)) {
            sp.error(sp.childPath("applicationsSync"),
                    "must be one of create-only, create-update, create-delete, sync; not " + policy);
        }
        return new ApplicationSet(
                name,
                namespace,
                gens,
                template.present() ? (ObjectNode) template.node().deepCopy() : null,
                spec.bool("goTemplate", false),
                spec.strings("goTemplateOptions"),
                policy,
                sp.bool("preserveResourcesOnDeletion", false),
                file);
    }
}
