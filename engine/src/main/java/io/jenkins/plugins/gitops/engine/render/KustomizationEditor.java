package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KustomizeSource;
import java.util.Map;

/**
 * Applies an Application's {@code spec.source.kustomize} overrides to a kustomization document, with the effect of the
 * {@code kustomize edit} commands Argo CD runs (in its order): {@code set nameprefix}, {@code set namesuffix},
 * {@code set image}, {@code set replicas}, {@code add label}, {@code add annotation}, {@code set namespace}.
 *
 * <p>As in Argo CD, image references and label values expand {@code $ARGOCD_*} variables. Adding a label or
 * annotation whose key the kustomization already sets is an error unless {@code forceCommonLabels} /
 * {@code forceCommonAnnotations} is on (kustomize's {@code --force}).
 */
final class KustomizationEditor {

    private KustomizationEditor() {}

    /** Edits {@code k} in place. {@code file} names the kustomization in errors. */
    static void apply(ObjectNode k, KustomizeSource o, BuildEnvironment env, String file) {
        if (!o.namePrefix().isEmpty()) {
            k.put("namePrefix", o.namePrefix());
        }
        if (!o.nameSuffix().isEmpty()) {
            k.put("nameSuffix", o.nameSuffix());
        }
        for (String image : o.images()) {
            setImage(array(k, "images", file), env.substitute(image), file);
        }
        for (KustomizeSource.Replica r : o.replicas()) {
            setReplicas(array(k, "replicas", file), r);
        }
        addAll(k, "commonLabels", o.commonLabels(), o.forceCommonLabels(), env, true, file);
        addAll(k, "commonAnnotations", o.commonAnnotations(), o.forceCommonAnnotations(), env, false, file);
        if (!o.namespace().isEmpty()) {
            k.put("namespace", o.namespace());
        }
    }

    /** One {@code kustomize edit set image} argument: {@code name=newName:tag}, {@code name:tag}, {@code name@digest}. */
    static void setImage(ArrayNode images, String arg, String file) {
        String name;
        ImageRef ref;
        int eq = arg.indexOf('=');
        if (eq >= 0) {
            name = arg.substring(0, eq);
            ImageRef target = ImageRef.parse(arg.substring(eq + 1));
            ref = new ImageRef(target.name().equals("*") ? "" : target.name(), target.tag(), target.digest());
        } else {
            ImageRef parsed = ImageRef.parse(arg);
            name = parsed.name();
            ref = new ImageRef("", parsed.tag(), parsed.digest());
        }
        if (name.isEmpty()) {
            throw new RenderException(file + ": kustomize image override '" + arg + "' has no image name");
        }
        ObjectNode entry = null;
        for (JsonNode n : images) {
            if (n.isObject() && name.equals(n.path("name").asText())) {
                entry = (ObjectNode) n;
            }
        }
        if (entry == null) {
            entry = images.addObject().put("name", name);
        }
        if (!ref.name().isEmpty()) {
            entry.put("newName", ref.name());
        }
        if (!ref.tag().isEmpty()) {
            entry.put("newTag", ref.tag());
            entry.remove("digest");
        }
        if (!ref.digest().isEmpty()) {
            entry.put("digest", ref.digest());
            entry.remove("newTag");
        }
    }

    /** {@code name[:tag][@digest]}; the tag colon is the last one after the last slash (registries have ports). */
    record ImageRef(String name, String tag, String digest) {
        static ImageRef parse(String ref) {
            String digest = "";
            int at = ref.indexOf('@');
            if (at >= 0) {
                digest = ref.substring(at + 1);
                ref = ref.substring(0, at);
            }
            int colon = ref.lastIndexOf(':');
            if (colon > ref.lastIndexOf('/')) {
                return new ImageRef(ref.substring(0, colon), ref.substring(colon + 1), digest);
            }
            return new ImageRef(ref, "", digest);
        }
    }

    private static void setReplicas(ArrayNode replicas, KustomizeSource.Replica r) {
        for (JsonNode n : replicas) {
            if (n.isObject() && r.name().equals(n.path("name").asText())) {
                ((ObjectNode) n).put("count", r.count());
                return;
            }
        }
        replicas.addObject().put("name", r.name()).put("count", r.count());
    }

    private static void addAll(ObjectNode k, String field, Map<String, String> entries, boolean force,
            BuildEnvironment env, boolean substitute, String file) {
        if (entries.isEmpty()) {
            return;
        }
        JsonNode existing = k.get(field);
        if (existing != null && !existing.isNull() && !existing.isObject()) {
            throw new RenderException(file + ": '" + field + "' is not a mapping");
        }
        ObjectNode map = existing == null || existing.isNull() ? k.putObject(field) : (ObjectNode) existing;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (map.has(e.getKey()) && !force) {
                String flag = field.equals("commonLabels") ? "forceCommonLabels" : "forceCommonAnnotations";
                throw new RenderException(file + ": " + field + " already sets '" + e.getKey()
                        + "'; set kustomize." + flag + " to override it");
            }
            map.put(e.getKey(), substitute ? env.substitute(e.getValue()) : e.getValue());
        }
    }

    private static ArrayNode array(ObjectNode k, String field, String file) {
        JsonNode n = k.get(field);
        if (n == null || n.isNull()) {
            return k.putArray(field);
        }
        if (!n.isArray()) {
            throw new RenderException(file + ": '" + field + "' is not a list");
        }
        return (ArrayNode) n;
    }
}
