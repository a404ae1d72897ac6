package io.jenkins.plugins.gitops.engine.appofapps;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rows a parent's sync adds to its results for its child Applications, as Argo CD's sync result lists the
 * Application objects it applied: {@code Synced} for a child created or updated, {@code Pruned} for one deleted
 * because it left Git, {@code PruneSkipped} ("ignored (requires pruning)") for one that left Git while the sync did
 * not prune. Unchanged children are not listed (Argo CD's apply of an unchanged object is not a change either).
 */
public final class ChildResults {

    private ChildResults() {}

    public static List<ResourceResult> of(ChildPlan plan, List<ChildRecord.Entry> before) {
        Set<String> known = before.stream().map(ChildRecord.Entry::name).collect(Collectors.toSet());
        java.util.Map<String, String> documents = before.stream().filter(e -> e.document() != null)
                .collect(Collectors.toMap(ChildRecord.Entry::name, ChildRecord.Entry::document, (a, b) -> b));
        List<ResourceResult> out = new ArrayList<>();
        for (ChildApplication c : plan.inGit()) {
            if (plan.changed().contains(c.name())) {
                out.add(row(c.document(), c.name(), "Synced", known.contains(c.name())
                        ? "child application updated" : "child application created"));
            }
        }
        for (ChildPlan.Removal r : plan.removals()) {
            out.add(row(r.document(), r.name(), "Pruned", r.deletesResources()
                    ? "child application pruned with its resources" : "child application pruned, its resources "
                            + "are left in the cluster (no " + ChildApplication.RESOURCES_FINALIZER + " finalizer)"));
        }
        for (String name : plan.requirePruning()) {
            out.add(row(documents.get(name), name, "PruneSkipped", "ignored (requires pruning)"));
        }
        return out;
    }

    private static ResourceResult row(String document, String name, String status, String message) {
        String namespace = "";
        String version = "v1alpha1";
        if (document != null && !document.isBlank()) {
            try {
                JsonNode n = Yaml.YAML.readTree(document);
                namespace = n.path("metadata").path("namespace").asText("");
                String apiVersion = n.path("apiVersion").asText("");
                version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : version;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // a recorded document that cannot be read: the row still names the child
            }
        }
        return new ResourceResult(ChildDocuments.GROUP, version, "Application", namespace, name, status, message, "",
                "", "Sync", 0);
    }
}
