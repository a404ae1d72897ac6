package io.jenkins.plugins.gitops.dashboard;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.SelfHealPause;
import java.time.Instant;
import java.util.List;

/**
 * One line of the GitOps page. Invariant: every getter returns a displayable string (never null); an application
 * not compared yet shows health and sync "Unknown" and an empty revision.
 */
public final class ApplicationRow {

    private String parent = "";

    private final String name;
    private final String owner;
    private final String health;
    private final String healthMessage;
    private final String sync;
    private final String revision;
    private final String lastSync;
    private final String lastSyncExact;
    private final String operation;
    private final int driftCount;
    private final String selfHeal;
    private final boolean error;
    private String ownerUrl = "";
    private String project = "";
    private String cluster = "";
    private String namespace = "";
    private String repo = "";

    private ApplicationRow(String name, String owner, String health, String healthMessage, String sync,
            String revision, String lastSync, String lastSyncExact, String operation, int driftCount, String selfHeal,
            boolean error) {
        this.name = name;
        this.owner = owner;
        this.health = health;
        this.healthMessage = healthMessage;
        this.sync = sync;
        this.revision = revision;
        this.lastSync = lastSync;
        this.lastSyncExact = lastSyncExact;
        this.operation = operation;
        this.driftCount = driftCount;
        this.selfHeal = selfHeal;
        this.error = error;
    }

    public static ApplicationRow of(AppStatus s, Instant now) {
        ApplicationRow row = basic(s, now);
        row.project = projectOf(s);
        row.cluster = io.jenkins.plugins.gitops.engine.view.AppListing.clusterOf(s);
        row.namespace = io.jenkins.plugins.gitops.engine.view.AppListing.namespaceOf(s);
        row.repo = s.application() == null || s.application().source() == null
                || s.application().source().repoURL() == null ? "" : s.application().source().repoURL();
        return row;
    }

    private static String projectOf(AppStatus s) {
        return s.application() == null || s.application().project() == null ? "" : s.application().project();
    }

    /** Destination project. */
    public String getProject() {
        return project;
    }

    /** Destination cluster name (or server URL). */
    public String getCluster() {
        return cluster;
    }

    /** Destination namespace. */
    public String getNamespace() {
        return namespace;
    }

    /** Source repository URL. */
    public String getRepo() {
        return repo;
    }

    private static ApplicationRow basic(AppStatus s, Instant now) {
        AppComparison c = s.comparison();
        Instant lastSync = lastSync(s);
        OperationRecord op = s.lastOperation();
        return new ApplicationRow(
                s.name(),
                s.owner() == null ? "" : s.owner(),
                c == null || c.health() == null ? "Unknown" : c.health().status().name(),
                c == null || c.health() == null ? "" : c.health().message(),
                c == null ? "Unknown" : c.syncStatus().name(),
                c == null ? "" : c.shortRevision(),
                Times.relative(lastSync, now),
                Times.exact(lastSync),
                op == null ? "" : op.phase() + (s.operationQueued() ? " (+1 queued)" : ""),
                s.driftEvents() == null ? 0 : s.driftEvents().size(),
                selfHeal(s, now),
                c != null && c.error() != null).withParent(s.parent());
    }

    /** When the application was last deployed: the newest history entry, else the last finished operation. */
    static Instant lastSync(AppStatus s) {
        List<HistoryEntry> history = s.history();
        Instant latest = null;
        if (history != null) {
            for (HistoryEntry h : history) {
                if (h.deployedAt() != null && (latest == null || h.deployedAt().isAfter(latest))) {
                    latest = h.deployedAt();
                }
            }
        }
        OperationRecord op = s.lastOperation();
        if (latest == null && op != null) {
            latest = op.finishedAt();
        }
        return latest;
    }

    /** {@code off}, {@code on}, {@code paused until ... by ...}, or {@code on, retry in ...} during backoff. */
    static String selfHeal(AppStatus s, Instant now) {
        SyncPolicy policy = s.application() == null ? null : s.application().syncPolicy();
        if (policy == null || !policy.isAutomated() || !policy.automated().selfHeal()) {
            return "off";
        }
        SelfHealPause pause = s.selfHealPause();
        if (pause != null && pause.activeAt(now)) {
            return "paused " + Times.relative(pause.until(), now).replace("in ", "for ") + " by " + pause.by();
        }
        if (s.nextSelfHealAt() != null && s.nextSelfHealAt().isAfter(now)) {
            return "on, retry " + Times.relative(s.nextSelfHealAt(), now);
        }
        return "on";
    }

    public String getName() {
        return name;
    }

    /** Link to the owning job relative to the Jenkins root, e.g. {@code job/team/job/deploy/}. */
    public String getOwnerUrl() {
        return ownerUrl;
    }

    /** App of apps: the parent application's name, empty for a top-level application. */
    public String getParent() {
        return parent;
    }

    ApplicationRow withParent(String name) {
        this.parent = name == null ? "" : name;
        return this;
    }

    ApplicationRow withOwnerUrl(String url) {
        this.ownerUrl = url == null ? "" : url;
        return this;
    }

    /** Full name of the owning job. */
    public String getOwner() {
        return owner;
    }

    public String getHealth() {
        return health;
    }

    public String getHealthMessage() {
        return healthMessage;
    }

    public String getSync() {
        return sync;
    }

    public String getRevision() {
        return revision;
    }

    public String getLastSync() {
        return lastSync;
    }

    public String getLastSyncExact() {
        return lastSyncExact;
    }

    /** Phase of the running or last operation, empty if none. */
    public String getOperation() {
        return operation;
    }

    public int getDriftCount() {
        return driftCount;
    }

    public String getSelfHeal() {
        return selfHeal;
    }

    /** Whether the last comparison failed (the application page says why). */
    public boolean isError() {
        return error;
    }
}
