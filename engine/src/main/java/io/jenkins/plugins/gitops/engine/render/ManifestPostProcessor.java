package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Argo CD does to every tool's output before comparing it, in order:
 * <ol>
 *   <li>{@code List} objects ({@code kind} ending in {@code List} with an {@code items} array) are replaced by their
 *       items;</li>
 *   <li>namespaced objects without a namespace get the destination namespace; cluster-scoped ones lose any
 *       {@code metadata.namespace} Git gave them (Helm charts and copied manifests do that), as Argo CD's
 *       {@code DeduplicateTargetObjects} does, so they compare and are tracked under their real identity (scope comes from {@link BuiltInResourceScopes}, then CRDs rendered alongside, then the {@link ResourceScope}
 *       hook, and unknown kinds count as namespaced);</li>
 *   <li>two objects with the same group, kind, namespace and name are an error naming both sources;</li>
 *   <li>the total size is capped.</li>
 * </ol>
 */
public final class ManifestPostProcessor {

    private final ResourceScope scope;
    private final long maxBytes;

    public ManifestPostProcessor(ResourceScope scope, long maxBytes) {
        this.scope = scope == null ? ResourceScope.UNKNOWN : scope;
        this.maxBytes = maxBytes;
    }

    /** The processed objects and their approximate size in bytes. */
    public Result process(List<KubeObject> rendered, String destinationNamespace) {
        List<KubeObject> flat = flatten(rendered);
        ObjectScopes scopes = ObjectScopes.of(scope, flat);
        List<KubeObject> out = new ArrayList<>(flat.size());
        Map<ResourceKey, KubeObject> seen = new HashMap<>();
        long bytes = 0;
        for (KubeObject o : flat) {
            boolean namespaced = scopes.namespaced(o);
            if (!namespaced && !o.namespace().isEmpty()) {
                o = o.withoutNamespace(); // Argo's DeduplicateTargetObjects: cluster-scoped kinds have no namespace
            } else if (namespaced && o.namespace().isEmpty() && !destinationNamespace.isEmpty()) {
                o = o.withNamespace(destinationNamespace);
            }
            if (!o.name().isEmpty()) {
                KubeObject previous = seen.putIfAbsent(o.key(), o);
                if (previous != null) {
                    throw new RenderException("duplicate resource " + o.key() + ": defined in "
                            + describe(previous) + " and in " + describe(o));
                }
            }
            bytes += size(o);
            if (bytes > maxBytes) {
                throw new RenderException("rendered manifests exceed the limit of " + maxBytes + " bytes (at "
                        + o.key() + " from " + describe(o) + ")");
            }
            out.add(o);
        }
        return new Result(out, bytes);
    }

    /** Processed objects and their approximate serialised size. */
    public record Result(List<KubeObject> objects, long approximateBytes) {}

    /** group/kind to namespaced, from CustomResourceDefinitions among the rendered objects. */
    static Map<String, Boolean> crdScopes(List<KubeObject> objects) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (KubeObject o : objects) {
            if (o.kind().equals("CustomResourceDefinition") && o.group().equals("apiextensions.k8s.io")) {
                String group = o.at("/spec/group").asText();
                String kind = o.at("/spec/names/kind").asText();
                if (!kind.isEmpty()) {
                    out.put(group + "/" + kind, !"Cluster".equals(o.at("/spec/scope").asText()));
                }
            }
        }
        return out;
    }

    static List<KubeObject> flatten(List<KubeObject> objects) {
        List<KubeObject> out = new ArrayList<>(objects.size());
        for (KubeObject o : objects) {
            JsonNode items = o.node().get("items");
            if (o.kind().endsWith("List") && items != null && items.isArray()) {
                int i = 0;
                for (JsonNode item : items) {
                    i++;
                    if (!item.isObject() || item.path("apiVersion").asText().isEmpty()
                            || item.path("kind").asText().isEmpty()) {
                        throw new RenderException(describe(o) + ": item " + i + " of " + o.kind()
                                + " is not an object with apiVersion and kind");
                    }
                    out.add(new KubeObject(((ObjectNode) item).deepCopy(), o.source()));
                }
            } else {
                out.add(o);
            }
        }
        return out;
    }

    private static String describe(KubeObject o) {
        return o.source().isEmpty() ? "(unknown source)" : o.source();
    }

    static long size(KubeObject o) {
        try {
            return Yaml.JSON.writeValueAsBytes(o.node()).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
