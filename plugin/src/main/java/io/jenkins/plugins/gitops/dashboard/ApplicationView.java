package io.jenkins.plugins.gitops.dashboard;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.reconcile.AppCondition;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.DriftEvent;
import io.jenkins.plugins.gitops.engine.reconcile.SelfHealPause;
import io.jenkins.plugins.gitops.engine.view.ResourceTree;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the application page shows, from one controller snapshot: source and destination, the latest
 * comparison (tree, diff, error), the running or last operation, history (newest first, each a rollback target),
 * drift events (newest first), conditions and the automation state. Strings are never null.
 */
public final class ApplicationView {

    /** One deployment in the history. */
    public static final class HistoryRow {
        private final long id;
        private final String revision;
        private final String deployedAt;
        private final String deployedAtExact;
        private final String initiatedBy;
        private final String commitMessage;
        private final boolean current;

        HistoryRow(HistoryEntry h, boolean current, Instant now) {
            this.id = h.id();
            // a multi-source application: every source's commit, in spec.sources order
            this.revision = h.revisions().isEmpty() ? shortRev(h.revision())
                    : String.join(", ", h.revisions().stream().map(ApplicationView::shortRev).toList());
            this.deployedAt = Times.relative(h.deployedAt(), now);
            this.deployedAtExact = Times.exact(h.deployedAt());
            this.initiatedBy = text(h.initiatedBy()) + (h.automated() ? " (automated)" : "");
            this.commitMessage = firstLine(h.commitMessage());
            this.current = current;
        }

        public long getId() {
            return id;
        }

        public String getRevision() {
            return revision;
        }

        public String getDeployedAt() {
            return deployedAt;
        }

        public String getDeployedAtExact() {
            return deployedAtExact;
        }

        public String getInitiatedBy() {
            return initiatedBy;
        }

        public String getCommitMessage() {
            return commitMessage;
        }

        /** The deployment currently live (no rollback button). */
        public boolean isCurrent() {
            return current;
        }
    }

    /** One drift event. */
    public static final class DriftRow {
        private final String detectedAt;
        private final String detectedAtExact;
        private final String resource;
        private final String fields;
        private final String changedBy;
        private final String action;

        DriftRow(DriftEvent e, Instant now) {
            this.detectedAt = Times.relative(e.detectedAt(), now);
            this.detectedAtExact = Times.exact(e.detectedAt());
            this.resource = e.resource() == null ? "" : e.resource().toString();
            this.fields = e.fields() == null ? "" : String.join(", ", e.fields());
            String by = text(e.changedBy());
            String op = text(e.operation());
            this.changedBy = by.isEmpty() ? "unknown" : (op.isEmpty() ? by : by + " / " + op);
            this.action = text(e.action());
        }

        public String getDetectedAt() {
            return detectedAt;
        }

        public String getDetectedAtExact() {
            return detectedAtExact;
        }

        public String getResource() {
            return resource;
        }

        public String getFields() {
            return fields;
        }

        public String getChangedBy() {
            return changedBy;
        }

        public String getAction() {
            return action;
        }
    }

    /** One application condition. */
    public static final class ConditionRow {
        private final String type;
        private final String message;
        private final String since;

        ConditionRow(AppCondition c, Instant now) {
            this.type = text(c.type());
            this.message = text(c.message());
            this.since = Times.relative(c.lastTransitionTime(), now);
        }

        public String getType() {
            return type;
        }

        public String getMessage() {
            return message;
        }

        public String getSince() {
            return since;
        }

        public boolean isWarning() {
            return type.endsWith("Warning");
        }
    }

    private final AppStatus status;
    private final ApplicationRow row;
    private final Instant now;

    public ApplicationView(AppStatus status, Instant now) {
        this.status = status;
        this.row = ApplicationRow.of(status, now);
        this.now = now;
    }

    public ApplicationRow getSummary() {
        return row;
    }

    public String getName() {
        return status.name();
    }

    public String getRepoUrl() {
        Application a = status.application();
        return a == null ? "" : text(a.source().repoURL());
    }

    public String getPath() {
        Application a = status.application();
        return a == null ? "" : text(a.source().path());
    }

    public String getTargetRevision() {
        Application a = status.application();
        return a == null ? "" : a.source().revisionOrHead();
    }

    public String getDestination() {
        Application a = status.application();
        if (a == null || a.destination() == null) {
            return "";
        }
        String ns = text(a.destination().namespace());
        return a.destination().cluster() + (ns.isEmpty() ? "" : " / " + ns);
    }

    public String getProject() {
        Application a = status.application();
        return a == null ? "" : text(a.project());
    }

    public boolean isAutomated() {
        Application a = status.application();
        return a != null && a.syncPolicy() != null && a.syncPolicy().isAutomated();
    }

    public boolean isSelfHealEnabled() {
        return isAutomated() && status.application().syncPolicy().automated().selfHeal();
    }

    public boolean isSelfHealPaused() {
        SelfHealPause p = status.selfHealPause();
        return p != null && p.activeAt(now);
    }

    /** {@code paused, ends in 25 min (<exact UTC time>), by ana: reason}, empty when not paused. */
    public String getSelfHealPause() {
        SelfHealPause p = status.selfHealPause();
        if (p == null || !p.activeAt(now)) {
            return "";
        }
        return "paused, ends " + Times.relative(p.until(), now) + " (" + Times.exact(p.until()) + "), by "
                + text(p.by()) + (text(p.reason()).isEmpty() ? "" : ": " + p.reason());
    }

    public String getAutomation() {
        return text(status.automation());
    }

    /** "shard 2 of 3, held by https://ci-b.example.com/ (this controller)"; empty when one controller does all. */
    public String getController() {
        return status.controller() == null || !status.controller().sharded() ? "" : status.controller().describe();
    }

    public String getLastRefreshed() {
        return Times.relative(status.lastRefreshedAt(), now);
    }

    public String getNextRefresh() {
        return Times.relative(status.nextRefreshAt(), now);
    }

    public boolean isCompared() {
        return status.comparison() != null;
    }

    public String getRevision() {
        AppComparison c = status.comparison();
        if (c != null && !c.revisions().isEmpty()) {
            return String.join(", ", c.revisions()); // multi-source: every source's commit, in spec.sources order
        }
        return c == null ? "" : text(c.revision());
    }

    public String getCommitMessage() {
        AppComparison c = status.comparison();
        return c == null ? "" : firstLine(c.commitMessage());
    }

    public String getCommitAuthor() {
        AppComparison c = status.comparison();
        return c == null ? "" : text(c.commitAuthor());
    }

    public String getError() {
        AppComparison c = status.comparison();
        return c == null ? "" : text(c.error());
    }

    /** Unified diff of out-of-sync resources, Secret values masked by the engine. */
    public String getDiff() {
        AppComparison c = status.comparison();
        return c == null ? "" : text(c.diff());
    }

    public List<io.jenkins.plugins.gitops.DiffLines.Line> getDiffLines() {
        return io.jenkins.plugins.gitops.DiffLines.of(getDiff());
    }

    /** The application's diff in both layouts a page offers. */
    public io.jenkins.plugins.gitops.engine.view.DiffView getDiffView() {
        return io.jenkins.plugins.gitops.engine.view.DiffView.of(getDiff());
    }

    /** The resource tree, depth-first; rows expose {@code node} (kind, name, namespace, statuses) and {@code depth}. */
    public List<ResourceTree.Row> getTreeRows() {
        AppComparison c = status.comparison();
        return c == null || c.tree() == null ? List.of() : c.tree().getRows();
    }

    public boolean isOperationRunning() {
        OperationRecord op = status.lastOperation();
        return op != null && op.inProgress();
    }

    public boolean isOperationQueued() {
        return status.operationQueued();
    }

    public String getOperationPhase() {
        OperationRecord op = status.lastOperation();
        return op == null ? "" : text(op.phase());
    }

    public String getOperationMessage() {
        OperationRecord op = status.lastOperation();
        return op == null ? "" : text(op.message());
    }

    public String getOperationInitiatedBy() {
        OperationRecord op = status.lastOperation();
        return op == null ? "" : text(op.initiatedBy());
    }

    public String getOperationFinished() {
        OperationRecord op = status.lastOperation();
        return op == null ? "" : Times.relative(op.finishedAt() != null ? op.finishedAt() : op.startedAt(), now);
    }

    public List<HistoryRow> getHistory() {
        List<HistoryEntry> history = new ArrayList<>(status.history() == null ? List.of() : status.history());
        history.sort(Comparator.comparingLong(HistoryEntry::id).reversed());
        List<HistoryRow> rows = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            rows.add(new HistoryRow(history.get(i), i == 0, now));
        }
        return rows;
    }

    public List<DriftRow> getDriftEvents() {
        List<DriftEvent> events = new ArrayList<>(status.driftEvents() == null ? List.of() : status.driftEvents());
        events.sort(Comparator.comparing(DriftEvent::detectedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return events.stream().map(e -> new DriftRow(e, now)).toList();
    }

    public List<ConditionRow> getConditions() {
        return (status.conditions() == null ? List.<AppCondition>of() : status.conditions()).stream()
                .map(c -> new ConditionRow(c, now)).toList();
    }

    static String shortRev(String rev) {
        return rev == null ? "" : rev.substring(0, Math.min(7, rev.length()));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
