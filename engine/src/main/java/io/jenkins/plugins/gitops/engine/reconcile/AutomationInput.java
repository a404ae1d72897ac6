package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@link AutomationPolicy} needs to decide about one application after a refresh.
 *
 * @param policy          the application's sync policy
 * @param syncStatus      the app's sync status from the comparison
 * @param resources       the compared resources (OutOfSync ones drive self-heal)
 * @param revision        the commit Git resolved to now
 * @param sourceKey       identity of the source (repo, path, targetRevision), so a changed source counts as new
 * @param desiredCount    how many resources Git declares (allowEmpty guard)
 * @param lastAttempt     the last automated attempt, null if none
 * @param operationRunning an operation is running or queued for this app
 * @param pause           a person's self-heal pause, null if none
 * @param now             the controller clock's now
 */
public record AutomationInput(SyncPolicy policy, SyncStatus syncStatus, List<ResourceStatus> resources,
        String revision, String sourceKey, int desiredCount, AutoSyncAttempt lastAttempt, boolean operationRunning,
        SelfHealPause pause, Instant now) {}
