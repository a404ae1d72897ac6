package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.SyncOutcome;

/** JSON shapes that mirror Argo CD's Application {@code status} and {@code operationState}. */
final class StatusJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StatusJson() {}

    static ObjectNode status(AppComparison c) {
        ObjectNode root = F.objectNode();
        ObjectNode sync = root.putObject("sync");
        sync.put("status", c.syncStatus().name());
        sync.put("revision", c.revision());
        if (!c.revisions().isEmpty()) {
            c.revisions().forEach(sync.putArray("revisions")::add); // multi-source, in spec.sources order
        }
        ObjectNode health = root.putObject("health");
        health.put("status", c.health() == null ? "Unknown" : c.health().status().name());
        health.put("message", c.health() == null ? "" : c.health().message());
        ArrayNode resources = root.putArray("resources");
        for (ResourceStatus r : c.resources()) {
            ObjectNode n = resources.addObject();
            n.put("group", r.group());
            n.put("version", r.version());
            n.put("kind", r.kind());
            n.put("namespace", r.namespace());
            n.put("name", r.name());
            n.put("status", r.status().name());
            if (r.health() != null) {
                ObjectNode h = n.putObject("health");
                h.put("status", r.health().name());
                h.put("message", r.healthMessage());
            }
            n.put("requiresPruning", r.requiresPruning());
            if (!r.diffPaths().isEmpty()) {
                ArrayNode paths = n.putArray("diffPaths");
                r.diffPaths().forEach(paths::add);
            }
        }
        if (c.error() != null || !c.conditions().isEmpty()) {
            ArrayNode conditions = root.putArray("conditions");
            if (c.error() != null) {
                conditions.addObject().put("type", "ComparisonError").put("message", c.error());
            }
            c.conditions().forEach(k -> conditions.addObject().put("type", k.type()).put("message", k.message()));
        }
        return root;
    }

    static ObjectNode operation(SyncOutcome o) {
        ObjectNode root = F.objectNode();
        root.put("phase", o.phase());
        root.put("message", o.message());
        root.put("startedAt", String.valueOf(o.startedAt()));
        root.put("finishedAt", String.valueOf(o.finishedAt()));
        ObjectNode result = root.putObject("syncResult");
        result.put("revision", o.revision());
        ArrayNode resources = result.putArray("resources");
        for (ResourceResult r : o.resources()) {
            ObjectNode n = resources.addObject();
            n.put("group", r.group());
            n.put("version", r.version());
            n.put("kind", r.kind());
            n.put("namespace", r.namespace());
            n.put("name", r.name());
            n.put("status", r.status());
            n.put("message", r.message());
            n.put("hookType", r.hookType());
            n.put("hookPhase", r.hookPhase());
            n.put("syncPhase", r.syncPhase());
        }
        return root;
    }
}
