package io.jenkins.plugins.gitops.pipeline;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.DeleteOutcome;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values steps return to the Pipeline script: plain maps of strings and numbers (serialisable, readable in
 * the sandbox as {@code result.health}). Keys are documented in each step's help.
 */
public final class StepResults {

    private StepResults() {}

    /** {@code phase, message, revision, sync, health, resources}. */
    public static LinkedHashMap<String, Object> ofSync(SyncOutcome o) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("phase", o.phase());
        m.put("message", nullToEmpty(o.message()));
        m.put("revision", nullToEmpty(o.revision()));
        AppComparison after = o.after();
        m.put("sync", after == null ? SyncStatus.Unknown.name() : after.syncStatus().name());
        m.put("health", after == null || after.health() == null ? "Unknown" : after.health().status().name());
        m.put("resources", o.resources() == null ? 0 : o.resources().size());
        return m;
    }

    /** {@code phase, message, cascade, deleted, kept, hooks}: what {@code gitopsDelete} returns. */
    public static LinkedHashMap<String, Object> ofDelete(DeleteOutcome o) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("phase", o.phase());
        m.put("message", nullToEmpty(o.message()));
        m.put("cascade", o.cascade().toString());
        m.put("deleted", o.deleted().size());
        m.put("kept", o.kept().size());
        m.put("hooks", o.hooks().size());
        return m;
    }

    /** {@code sync, health, healthMessage, revision, resources, outOfSync, error}. */
    public static LinkedHashMap<String, Object> ofComparison(AppComparison c) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("sync", c.syncStatus().name());
        m.put("health", c.health() == null ? "Unknown" : c.health().status().name());
        m.put("healthMessage", c.health() == null ? "" : c.health().message());
        m.put("revision", nullToEmpty(c.revision()));
        m.put("resources", c.resources().size());
        m.put("outOfSync", c.outOfSync().size());
        m.put("error", nullToEmpty(c.error()));
        return m;
    }

    /** {@link #ofComparison} plus {@code operationPhase} and {@code operationMessage} of the last operation. */
    public static LinkedHashMap<String, Object> ofStatus(AppStatus s, AppComparison c) {
        LinkedHashMap<String, Object> m = ofComparison(c);
        m.put("operationPhase", s == null || s.lastOperation() == null ? "" : s.lastOperation().phase());
        m.put("operationMessage", s == null || s.lastOperation() == null ? ""
                : nullToEmpty(s.lastOperation().message()));
        return m;
    }

    /** One line for the build log: {@code web: Synced, Healthy at 1a2b3c4 (5 resources)}. */
    public static String summary(AppComparison c) {
        StringBuilder b = new StringBuilder(c.app()).append(": ").append(c.syncStatus());
        if (c.health() != null) {
            b.append(", ").append(c.health().status());
        }
        if (c.revision() != null && !c.revision().isEmpty()) {
            b.append(" at ").append(c.shortRevision());
        }
        b.append(" (").append(c.resources().size()).append(" resources");
        if (!c.outOfSync().isEmpty()) {
            b.append(", ").append(c.outOfSync().size()).append(" out of sync");
        }
        return b.append(')').toString();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
