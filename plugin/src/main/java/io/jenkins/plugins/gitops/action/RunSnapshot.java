package io.jenkins.plugins.gitops.action;

import java.util.ArrayList;
import java.util.List;

/**
 * A build's record of one application, as the last GitOps step of the build left it. Plain fields, getters for
 * Jelly, no engine types: it is stored in build.xml. Invariant: {@code operationPhase} is empty unless a sync or
 * rollback ran; {@code error} is non-empty only when the comparison failed (then rows are empty).
 */
public final class RunSnapshot {

    /** One line of the resource tree, indented by {@code depth}. */
    public static final class TreeRow {
        private final int depth;
        private final String kind;
        private final String namespace;
        private final String name;
        private final String sync;
        private final String health;
        private final String healthMessage;
        private final boolean hook;
        private final boolean requiresPruning;

        public TreeRow(int depth, String kind, String namespace, String name, String sync, String health,
                String healthMessage, boolean hook, boolean requiresPruning) {
            this.depth = depth;
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
            this.sync = sync;
            this.health = health;
            this.healthMessage = healthMessage;
            this.hook = hook;
            this.requiresPruning = requiresPruning;
        }

        public int getDepth() {
            return depth;
        }

        /** Left padding in em for the name cell. */
        public double getIndent() {
            return depth * 1.5;
        }

        public String getKind() {
            return kind;
        }

        public String getNamespace() {
            return namespace;
        }

        public String getName() {
            return name;
        }

        /** Empty for objects owned by a managed resource. */
        public String getSync() {
            return sync;
        }

        /** Empty for kinds without health. */
        public String getHealth() {
            return health;
        }

        public String getHealthMessage() {
            return healthMessage;
        }

        public boolean isHook() {
            return hook;
        }

        public boolean isRequiresPruning() {
            return requiresPruning;
        }
    }

    /** What the sync did to one resource or hook. */
    public static final class ResultRow {
        private final String kind;
        private final String namespace;
        private final String name;
        private final String status;
        private final String message;
        private final String hookType;
        private final String hookPhase;
        private final String syncPhase;
        private final int wave;
        /** For a failed hook: the last lines of its log (null in records from older versions). */
        private String logTail;

        public ResultRow(String kind, String namespace, String name, String status, String message, String hookType,
                String hookPhase, String syncPhase, int wave) {
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
            this.status = status;
            this.message = message;
            this.hookType = hookType;
            this.hookPhase = hookPhase;
            this.syncPhase = syncPhase;
            this.wave = wave;
        }

        public String getKind() {
            return kind;
        }

        public String getNamespace() {
            return namespace;
        }

        public String getName() {
            return name;
        }

        public String getStatus() {
            return status;
        }

        public String getMessage() {
            return message;
        }

        public String getHookType() {
            return hookType;
        }

        public String getHookPhase() {
            return hookPhase;
        }

        public String getSyncPhase() {
            return syncPhase;
        }

        public int getWave() {
            return wave;
        }

        /** The last lines of a failed hook's log, empty otherwise. */
        public String getLogTail() {
            return logTail == null ? "" : logTail;
        }

        ResultRow withLogTail(String tail) {
            this.logTail = tail;
            return this;
        }
    }

    /** The hooks that ran in one sync phase (PreSync, Sync, PostSync, SyncFail), in wave order. */
    public static final class HookGroup {
        private final String phase;
        private final List<ResultRow> hooks;

        public HookGroup(String phase, List<ResultRow> hooks) {
            this.phase = phase;
            this.hooks = new ArrayList<>(hooks);
        }

        public String getPhase() {
            return phase;
        }

        public List<ResultRow> getHooks() {
            return hooks;
        }
    }

    String step = "";
    String app = "";
    long recordedAt;
    String revision = "";
    String shortRevision = "";
    String targetRevision = "";
    String commitMessage = "";
    String commitAuthor = "";
    String sync = "";
    String health = "";
    String healthMessage = "";
    String error = "";
    List<TreeRow> rows = new ArrayList<>();
    int omittedRows;
    String diff = "";
    boolean diffTruncated;
    /** After a sync or rollback: the diff it planned from, i.e. the changes it applied (null in older records). */
    String appliedDiff = "";
    boolean appliedDiffTruncated;
    String operationPhase = "";
    String operationMessage = "";
    boolean dryRun;
    List<ResultRow> results = new ArrayList<>();
    List<HookGroup> hookGroups = new ArrayList<>();

    RunSnapshot() {}

    /** {@code gitopsSync}, {@code gitopsDiff} or {@code gitopsRollback}. */
    public String getStep() {
        return step;
    }

    public String getApp() {
        return app;
    }

    public long getRecordedAt() {
        return recordedAt;
    }

    public String getRevision() {
        return revision;
    }

    public String getShortRevision() {
        return shortRevision;
    }

    public String getTargetRevision() {
        return targetRevision;
    }

    /** First line of the commit message. */
    public String getCommitMessage() {
        return commitMessage;
    }

    public String getCommitAuthor() {
        return commitAuthor;
    }

    public String getSync() {
        return sync;
    }

    public String getHealth() {
        return health;
    }

    public String getHealthMessage() {
        return healthMessage;
    }

    public String getError() {
        return error;
    }

    public List<TreeRow> getRows() {
        return rows;
    }

    /** Tree rows left out to keep the build record small. */
    public int getOmittedRows() {
        return omittedRows;
    }

    /** Unified diff of out-of-sync resources, Secret values masked by the engine. */
    public String getDiff() {
        return diff;
    }

    /** The diff as lines with a kind, for colouring. */
    public List<io.jenkins.plugins.gitops.DiffLines.Line> getDiffLines() {
        return io.jenkins.plugins.gitops.DiffLines.of(diff);
    }

    /** The diff in both layouts a page offers (unified, side by side). */
    public io.jenkins.plugins.gitops.engine.view.DiffView getDiffView() {
        return io.jenkins.plugins.gitops.engine.view.DiffView.of(diff);
    }

    public boolean isDiffTruncated() {
        return diffTruncated;
    }

    /** The changes a sync or rollback applied (its pre-operation diff), Secret values masked; empty otherwise. */
    public String getAppliedDiff() {
        return appliedDiff == null ? "" : appliedDiff;
    }

    public List<io.jenkins.plugins.gitops.DiffLines.Line> getAppliedDiffLines() {
        return io.jenkins.plugins.gitops.DiffLines.of(getAppliedDiff());
    }

    /** The changes the sync applied, in both layouts a page offers. */
    public io.jenkins.plugins.gitops.engine.view.DiffView getAppliedDiffView() {
        return io.jenkins.plugins.gitops.engine.view.DiffView.of(getAppliedDiff());
    }

    public boolean isAppliedDiffTruncated() {
        return appliedDiffTruncated;
    }

    public String getOperationPhase() {
        return operationPhase;
    }

    public String getOperationMessage() {
        return operationMessage;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** Results of ordinary resources (hooks are in {@link #getHookGroups()}). */
    public List<ResultRow> getResults() {
        return results;
    }

    public List<HookGroup> getHookGroups() {
        return hookGroups;
    }

    public boolean isInSync() {
        return "Synced".equals(sync);
    }

    public long getOutOfSyncCount() {
        return rows.stream().filter(r -> "OutOfSync".equals(r.getSync())).count();
    }
}
