package io.jenkins.plugins.gitops.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.reconcile.AppCondition;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application as Argo CD Notifications sees it: a plain map in the shape of the {@code Application} resource
 * ({@code metadata}, {@code spec}, {@code status.sync}, {@code status.health}, {@code status.operationState} with
 * {@code syncResult.resources}), so that catalog conditions such as
 * {@code app.status.operationState.phase in ['Error', 'Failed']} and templates such as
 * {@code {{.app.status.sync.revision}}} mean what they mean in Argo CD. Keys that Argo CD would omit are absent
 * (not empty), so {@code app.status.operationState != nil} holds only once an operation ran.
 */
public final class AppDocument {

    private AppDocument() {}

    /** Builds the document from a controller snapshot; {@code deletedAt} sets {@code metadata.deletionTimestamp}. */
    public static Map<String, Object> of(AppStatus s, Instant deletedAt) {
        Application a = s.application();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", a.name());
        metadata.put("namespace", a.namespace() == null ? "" : a.namespace());
        metadata.put("labels", new LinkedHashMap<>(a.labels() == null ? Map.of() : a.labels()));
        metadata.put("annotations", new LinkedHashMap<>(a.annotations() == null ? Map.of() : a.annotations()));
        if (deletedAt != null) {
            metadata.put("deletionTimestamp", deletedAt.toString());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", a.project());
        ApplicationSource src = a.source();
        spec.put("source", map("repoURL", src.repoURL(), "path", src.path(), "targetRevision", src.targetRevision(),
                "chart", src.chart()));
        spec.put("destination", map("server", a.destination().server(), "name", a.destination().name(),
                "namespace", a.destination().namespace()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "argoproj.io/v1alpha1");
        doc.put("kind", "Application");
        doc.put("metadata", metadata);
        doc.put("spec", spec);
        doc.put("status", status(s));
        return doc;
    }

    private static Map<String, Object> status(AppStatus s) {
        Map<String, Object> status = new LinkedHashMap<>();
        AppComparison c = s.comparison();
        if (c != null) {
            status.put("sync", map("status", c.syncStatus() == null ? "Unknown" : c.syncStatus().name(),
                    "revision", c.revision()));
            status.put("health", map("status", c.health() == null ? "Unknown" : c.health().status().name(),
                    "message", c.health() == null ? null : c.health().message()));
            List<Object> resources = new ArrayList<>();
            for (ResourceStatus r : c.resources()) {
                Map<String, Object> m = map("group", r.group(), "version", r.version(), "kind", r.kind(),
                        "namespace", r.namespace(), "name", r.name(), "status", r.status() == null ? null
                                : r.status().name());
                if (r.health() != null) {
                    m.put("health", map("status", r.health().name(), "message", r.healthMessage()));
                }
                resources.add(m);
            }
            status.put("resources", resources);
        } else {
            status.put("sync", map("status", "Unknown"));
            status.put("health", map("status", "Unknown"));
        }
        List<Object> conditions = new ArrayList<>();
        for (AppCondition cond : s.conditions()) {
            conditions.add(map("type", cond.type(), "message", cond.message(),
                    "lastTransitionTime",
                    cond.lastTransitionTime() == null ? null : cond.lastTransitionTime().toString()));
        }
        if (!conditions.isEmpty()) {
            status.put("conditions", conditions);
        }
        OperationRecord op = s.lastOperation();
        if (op != null) {
            status.put("operationState", operationState(op, c == null ? null : c.revision()));
        }
        if (!s.history().isEmpty()) {
            List<Object> history = new ArrayList<>();
            s.history().forEach(h -> history.add(map("id", h.id(), "revision", h.revision(),
                    "deployedAt", h.deployedAt() == null ? null : h.deployedAt().toString(),
                    "initiatedBy", h.initiatedBy())));
            status.put("history", history);
        }
        if (c != null && c.revision() != null) {
            status.put("commit", map("revision", c.revision(), "message", c.commitMessage(),
                    "author", c.commitAuthor(), "date", c.commitDate() == null ? null : c.commitDate().toString()));
        }
        return status;
    }

    /**
     * Argo CD fills {@code syncResult.revision} when an operation starts; our journal learns the revision only when
     * it ends, so a running operation reports the revision being compared ({@code comparedRevision}). That keeps
     * {@code oncePer: app.status.operationState?.syncResult?.revision} stable from the start of an operation to its
     * end (a Deployment that degrades while its sync still runs notifies once, not once running and once done).
     */
    private static Map<String, Object> operationState(OperationRecord op, String comparedRevision) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", op.phase());
        m.put("message", op.message());
        m.put("startedAt", op.startedAt() == null ? null : op.startedAt().toString());
        if (op.finishedAt() != null) {
            m.put("finishedAt", op.finishedAt().toString());
        }
        boolean automated = op.initiatedBy() != null && op.initiatedBy().startsWith("automated");
        Map<String, Object> initiatedBy = automated ? map("automated", true)
                : map("username", op.initiatedBy());
        String revision = op.inProgress() && (op.revision() == null || op.revision().isEmpty()) && comparedRevision != null
                ? comparedRevision : op.revision();
        m.put("operation", map("initiatedBy", initiatedBy, "sync", map("revision", revision)));
        Map<String, Object> syncResult = new LinkedHashMap<>();
        syncResult.put("revision", revision);
        syncResult.put("resources", op.inProgress() ? new ArrayList<>() : resources(op.result()));
        m.put("syncResult", syncResult);
        return m;
    }

    /** The operation's per-resource results from the journal's JSON, as plain maps. */
    @SuppressWarnings("unchecked")
    private static List<Object> resources(JsonNode result) {
        if (result == null) {
            return new ArrayList<>();
        }
        JsonNode r = result.isArray() ? result : result.path("resources");
        if (!r.isArray()) {
            return new ArrayList<>();
        }
        return Yaml.JSON.convertValue(r, List.class);
    }

    /** The failed resources and hooks of the last operation ({@code status} SyncFailed or a Failed hook). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> failedResources(Map<String, Object> app) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object op = ((Map<String, Object>) app.get("status")).get("operationState");
        if (op instanceof Map<?, ?> o && o.get("syncResult") instanceof Map<?, ?> sr
                && sr.get("resources") instanceof List<?> list) {
            for (Object r : list) {
                if (r instanceof Map<?, ?> m && ("SyncFailed".equals(m.get("status"))
                        || "Failed".equals(m.get("hookPhase")) || "Error".equals(m.get("hookPhase")))) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
