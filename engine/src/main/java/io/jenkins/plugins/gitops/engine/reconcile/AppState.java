package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The controller's working state for one application (mutable, guarded by the controller: one refresh and one
 * operation at a time per application). Readers never see it: they get {@link AppStatus} snapshots.
 */
final class AppState {

    volatile AppComparison comparison;
    volatile AutomationState automation;
    volatile String automationMessage = "";
    volatile Instant nextSelfHealAt;
    volatile Instant recheckAt;
    /** Comparisons that failed in a row (Git or the cluster unreachable): the next one is tried sooner. */
    volatile int failedComparisons;
    /** What the last operation wrote and the live cache has not shown yet (see {@link UnseenWrites}). */
    volatile UnseenWrites unseenWrites = UnseenWrites.NONE;
    volatile Instant lastRefreshedAt;
    volatile boolean operationRunning;
    final io.jenkins.plugins.gitops.engine.reconcile.drift.DriftLog drift;
    private final Map<String, AppCondition> conditions = new LinkedHashMap<>();

    AppState(AutomationState automation, io.jenkins.plugins.gitops.engine.reconcile.drift.DriftLog drift) {
        this.automation = automation;
        this.drift = drift;
    }

    synchronized void update(StateStore store, String app, UnaryOperator<AutomationState> change) {
        automation = change.apply(automation);
        automation.save(store, app);
    }

    SelfHealPause activePause(Instant now) {
        SelfHealPause p = automation.pause();
        return p != null && p.activeAt(now) ? p : null;
    }

    synchronized void condition(String type, String message, Instant at) {
        AppCondition old = conditions.get(type);
        if (old == null || !old.message().equals(message)) {
            conditions.put(type, new AppCondition(type, message, at));
        }
    }

    synchronized void clearCondition(String type) {
        conditions.remove(type);
    }

    synchronized List<AppCondition> conditionList() {
        return List.copyOf(new ArrayList<>(conditions.values()));
    }
}
