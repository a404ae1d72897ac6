package io.jenkins.plugins.gitops.engine.appofapps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.diff.AppDiff;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parent's child Applications as resources of its comparison, as Argo CD lists the {@code argoproj.io/Application}
 * objects an app of apps renders: the child's document in Git (desired) against the document the parent's last sync
 * registered ({@link ChildRecord}; the "live" Application, since no Application CRD exists in the cluster). A child
 * whose document changed in Git (its targetRevision, path, syncPolicy, ...) is OutOfSync with the field named, a
 * child not registered yet is missing, and a registered child that left Git requires pruning.
 *
 * <p>The recorded document is compared as client-side apply would: it carries itself as its
 * {@code last-applied-configuration}, so a field removed from the child's document in Git counts as a difference.
 *
 * @param diff one resource diff per child (Git or recorded), in key order
 * @param live the recorded documents by key (what the parent's resource tree shows as the live child)
 * @param inGit the children Git holds, by key
 */
public record ChildComparison(DiffResult diff, Map<ResourceKey, KubeObject> live,
        Map<ResourceKey, ChildApplication> inGit) {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    public static final ChildComparison NONE = new ChildComparison(new DiffResult(List.of(), List.of(), List.of()),
            Map.of(), Map.of());

    public ChildComparison {
        live = Map.copyOf(live);
        inGit = Map.copyOf(inGit);
    }

    public boolean isEmpty() {
        return diff.resources().isEmpty();
    }

    /** Compares the children Git holds now with those the parent's syncs registered. */
    public static ChildComparison of(List<ChildApplication> children, List<ChildRecord.Entry> recorded) {
        if (children.isEmpty() && recorded.isEmpty()) {
            return NONE;
        }
        Map<ResourceKey, ChildApplication> byKey = new LinkedHashMap<>();
        List<KubeObject> desired = new java.util.ArrayList<>();
        Map<String, String> namespaceOf = new java.util.HashMap<>();
        for (ChildApplication c : children) {
            KubeObject o = object(c.document(), c.source());
            desired.add(o);
            byKey.put(o.key(), c);
            namespaceOf.put(c.name(), o.namespace());
        }
        Map<ResourceKey, KubeObject> live = new LinkedHashMap<>();
        for (ChildRecord.Entry e : recorded) {
            KubeObject o = e.document() == null || e.document().isBlank()
                    ? placeholder(e.name(), namespaceOf.getOrDefault(e.name(), ""))
                    : object(e.document(), "recorded");
            live.put(o.key(), o.withAnnotation(LAST_APPLIED, Yaml.json(o.node())).withSource("recorded"));
        }
        DiffResult diff = new AppDiff(DiffOptions.defaults()).compare(desired, live);
        return new ChildComparison(diff, live, byKey);
    }

    /** The name of the child behind {@code key} (Git or recorded). */
    public static boolean isChild(ResourceKey key) {
        return ChildDocuments.isChildKind(key.group(), key.kind());
    }

    private static KubeObject object(String document, String source) {
        try {
            return new KubeObject((ObjectNode) Yaml.YAML.readTree(document), source);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("child application document is unreadable: " + e.getMessage(), e);
        }
    }

    /** A child recorded before documents were kept: known by name only. */
    private static KubeObject placeholder(String name, String namespace) {
        ObjectNode n = Yaml.JSON.createObjectNode();
        n.put("apiVersion", "argoproj.io/v1alpha1");
        n.put("kind", "Application");
        ObjectNode m = n.putObject("metadata");
        m.put("name", name);
        if (!namespace.isEmpty()) {
            m.put("namespace", namespace);
        }
        return new KubeObject(n, "recorded");
    }
}
