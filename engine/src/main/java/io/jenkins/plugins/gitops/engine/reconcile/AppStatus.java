package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardHolder;
import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of everything known about one registered application, readable at any time without waiting
 * for a running refresh or operation (the controller swaps snapshots atomically).
 *
 * @param owner           who registered it (the plugin: the job's full name; the CLI: the file)
 * @param comparison      the latest comparison, null before the first refresh finished
 * @param lastOperation   the running or last operation, null if none ever ran
 * @param operationQueued a sync request is waiting behind the running operation (coalesced to the latest)
 * @param automation      the last automation decision in words ("auto-sync to 1a2b3c4 started", "skipped: ...")
 * @param selfHealPause   a person's pause of self-heal, null when not paused (expired pauses are dropped)
 * @param nextSelfHealAt  when self-heal will try again (backoff), null when nothing is pending
 * @param parent          app of apps: the application whose sync created this one, null for a top-level one
 * @param controller      the application's shard and the controller holding it ({@link ShardHolder#sole()} when one
 *                        controller does everything)
 */
public record AppStatus(
        String name,
        String owner,
        Application application,
        AppComparison comparison,
        OperationRecord lastOperation,
        boolean operationQueued,
        List<HistoryEntry> history,
        List<DriftEvent> driftEvents,
        List<AppCondition> conditions,
        String automation,
        SelfHealPause selfHealPause,
        Instant nextSelfHealAt,
        Instant lastRefreshedAt,
        Instant nextRefreshAt,
        String parent,
        ShardHolder controller) {

    /** A top-level application's status, of the single controller (no shards). */
    public AppStatus(String name, String owner, Application application, AppComparison comparison,
            OperationRecord lastOperation, boolean operationQueued, List<HistoryEntry> history,
            List<DriftEvent> driftEvents, List<AppCondition> conditions, String automation,
            SelfHealPause selfHealPause, Instant nextSelfHealAt, Instant lastRefreshedAt, Instant nextRefreshAt) {
        this(name, owner, application, comparison, lastOperation, operationQueued, history, driftEvents, conditions,
                automation, selfHealPause, nextSelfHealAt, lastRefreshedAt, nextRefreshAt, null, ShardHolder.sole());
    }
}
