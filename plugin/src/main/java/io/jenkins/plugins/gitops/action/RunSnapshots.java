package io.jenkins.plugins.gitops.action;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.view.ResourceNode;
import io.jenkins.plugins.gitops.engine.view.ResourceTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link RunSnapshot}s from engine results. Limits keep build records small: at most {@link #MAX_ROWS}
 * tree rows and {@link #MAX_DIFF_CHARS} characters of diff; the page says when something was left out.
 */
public final class RunSnapshots {

    static final int MAX_ROWS = 500;
    static final int MAX_DIFF_CHARS = 100_000;

    /** Hook phases in the order they run (Argo CD's sync phases), for grouping. */
    private static final List<String> HOOK_PHASES = List.of("PreSync", "Sync", "PostSync", "SyncFail");

    private RunSnapshots() {}

    /** After {@code gitopsDiff} (or a status check): the comparison only. */
    public static RunSnapshot ofComparison(String step, AppComparison c, long now) {
        RunSnapshot s = new RunSnapshot();
        s.step = step;
        s.app = c.app();
        s.recordedAt = now;
        fill(s, c);
        return s;
    }

    /**
     * After {@code gitopsSync} or {@code gitopsRollback}: the operation, the state it left (sync status, health,
     * resources and remaining diff as read after the operation) and the changes it applied (its pre-sync diff).
     */
    public static RunSnapshot ofSync(String step, String app, SyncOutcome o, boolean dryRun, long now) {
        return ofSync(step, app, o, dryRun, now, Map.of());
    }

    /**
     * As {@link #ofSync(String, String, SyncOutcome, boolean, long)}, with the last log lines of failed hooks keyed
     * by {@link io.jenkins.plugins.gitops.engine.view.HookLogTails#key}.
     */
    public static RunSnapshot ofSync(String step, String app, SyncOutcome o, boolean dryRun, long now,
            Map<String, String> hookLogs) {
        RunSnapshot s = new RunSnapshot();
        s.step = step;
        s.app = app;
        s.recordedAt = now;
        if (o.after() != null) {
            fill(s, o.after());
        }
        if (o.revision() != null && !o.revision().isEmpty()) {
            s.revision = o.revision();
            s.shortRevision = o.revision().substring(0, Math.min(7, o.revision().length()));
        }
        String applied = text(o.appliedDiff());
        s.appliedDiffTruncated = applied.length() > MAX_DIFF_CHARS;
        s.appliedDiff = s.appliedDiffTruncated ? applied.substring(0, MAX_DIFF_CHARS) : applied;
        s.operationPhase = text(o.phase());
        s.operationMessage = text(o.message());
        s.dryRun = dryRun;
        Map<String, List<RunSnapshot.ResultRow>> hooks = new LinkedHashMap<>();
        HOOK_PHASES.forEach(p -> hooks.put(p, new ArrayList<>()));
        List<ResourceResult> sorted = new ArrayList<>(o.resources() == null ? List.of() : o.resources());
        sorted.sort(Comparator.comparingInt(ResourceResult::wave));
        for (ResourceResult r : sorted) {
            RunSnapshot.ResultRow row = new RunSnapshot.ResultRow(r.kind(), text(r.namespace()), r.name(),
                    text(r.status()), text(r.message()), text(r.hookType()), text(r.hookPhase()),
                    text(r.syncPhase()), r.wave());
            String tail = hookLogs.get(io.jenkins.plugins.gitops.engine.view.HookLogTails.key(r.kind(),
                    text(r.namespace()), r.name()));
            if (tail != null) {
                row.withLogTail(tail);
            }
            if (row.getHookType().isEmpty()) {
                s.results.add(row);
            } else {
                hooks.computeIfAbsent(row.getHookType(), k -> new ArrayList<>()).add(row);
            }
        }
        hooks.forEach((phase, rows) -> {
            if (!rows.isEmpty()) {
                s.hookGroups.add(new RunSnapshot.HookGroup(phase, rows));
            }
        });
        return s;
    }

    /**
     * After a sync's wait for health ended: the same operation record, with the state (sync status, health,
     * resources, remaining diff) replaced by the controller's comparison that found the application Healthy.
     */
    public static RunSnapshot afterWait(RunSnapshot previous, AppComparison c, long now) {
        RunSnapshot s = new RunSnapshot();
        s.step = previous.step;
        s.app = previous.app;
        s.recordedAt = now;
        fill(s, c);
        s.operationPhase = previous.operationPhase;
        s.operationMessage = previous.operationMessage;
        s.dryRun = previous.dryRun;
        s.results = new ArrayList<>(previous.getResults());
        s.hookGroups = new ArrayList<>(previous.getHookGroups());
        s.appliedDiff = previous.getAppliedDiff();
        s.appliedDiffTruncated = previous.appliedDiffTruncated;
        return s;
    }

    private static void fill(RunSnapshot s, AppComparison c) {
        s.revision = text(c.revision());
        s.shortRevision = c.shortRevision();
        s.targetRevision = text(c.targetRevision());
        s.commitMessage = firstLine(c.commitMessage());
        s.commitAuthor = text(c.commitAuthor());
        s.sync = c.syncStatus() == null ? "Unknown" : c.syncStatus().name();
        s.health = c.health() == null ? "" : c.health().status().name();
        s.healthMessage = c.health() == null ? "" : c.health().message();
        s.error = text(c.error());
        s.rows = new ArrayList<>();
        s.omittedRows = 0;
        ResourceTree tree = c.tree();
        if (tree != null) {
            for (ResourceTree.Row row : tree.getRows()) {
                if (s.rows.size() >= MAX_ROWS) {
                    s.omittedRows++;
                    continue;
                }
                ResourceNode n = row.getNode();
                s.rows.add(new RunSnapshot.TreeRow(row.getDepth(), n.getKind(), n.getNamespace(), n.getName(),
                        n.getSyncStatus() == null ? "" : n.getSyncStatus().name(),
                        n.getHealthStatus() == null ? "" : n.getHealthStatus().name(), n.getHealthMessage(),
                        n.isHook(), n.isRequiresPruning()));
            }
        }
        String diff = text(c.diff());
        s.diffTruncated = diff.length() > MAX_DIFF_CHARS;
        s.diff = s.diffTruncated ? diff.substring(0, MAX_DIFF_CHARS) : diff;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
