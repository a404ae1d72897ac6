package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.time.Instant;
import java.util.List;

/**
 * Argo CD's automated-sync rules (controller/appcontroller.go {@code autoSync}), as one pure function:
 * <ol>
 *   <li>no automation, an operation in progress, or not OutOfSync: nothing;</li>
 *   <li>without {@code prune: true}, when every OutOfSync resource only needs pruning: nothing (they stay OutOfSync);</li>
 *   <li>{@code allowEmpty: false} and Git declares nothing while live resources would be pruned: refused;</li>
 *   <li>a new (revision, source): one automated sync;</li>
 *   <li>the same (revision, source) already attempted: a failed attempt is not repeated; a successful one is followed
 *       by drift, which selfHeal repairs with a sync of only the drifted resources after a growing backoff, unless a
 *       person paused self-heal (then the drift is only reported).</li>
 * </ol>
 */
public final class AutomationPolicy {

    private final SelfHealBackoff backoff;

    public AutomationPolicy(SelfHealBackoff backoff) {
        this.backoff = backoff;
    }

    public AutomationDecision decide(AutomationInput in) {
        SyncPolicy.Automated auto = in.policy().automated();
        if (auto == null || !auto.enabled()) {
            return AutomationDecision.none("automated sync is not enabled");
        }
        if (in.operationRunning()) {
            return AutomationDecision.none("an operation is already running; the request waits in the queue");
        }
        if (in.syncStatus() != SyncStatus.OutOfSync) {
            return AutomationDecision.none("application is " + in.syncStatus() + "; nothing to do");
        }
        List<ResourceStatus> outOfSync = in.resources().stream()
                .filter(r -> r.status() == SyncStatus.OutOfSync && !r.hook()).toList();
        boolean onlyPruning = !outOfSync.isEmpty() && outOfSync.stream().allMatch(ResourceStatus::requiresPruning);
        if (!auto.prune() && onlyPruning) {
            return AutomationDecision.none("skipped: only pruning is needed and automated.prune is false");
        }
        if (!auto.allowEmpty() && in.desiredCount() == 0 && onlyPruning) {
            return AutomationDecision.none("refused: the sync would delete every resource of the application "
                    + "and automated.allowEmpty is false");
        }
        AutoSyncAttempt last = in.lastAttempt();
        boolean sameTarget = last != null && last.revision().equals(in.revision())
                && last.sourceKey().equals(in.sourceKey());
        if (!sameTarget) {
            return AutomationDecision.sync("auto-sync to " + shortSha(in.revision()));
        }
        if (!last.succeeded() && last.selfHealAttempts() == 0) {
            return AutomationDecision.none("skipped: the automated sync to " + shortSha(in.revision())
                    + " failed; it is not retried for the same revision (push a fix or sync by hand)");
        }
        if (!auto.selfHeal()) {
            return AutomationDecision.none("drift detected on " + shortSha(in.revision())
                    + "; selfHeal is off, so it is only reported");
        }
        if (in.pause() != null && in.pause().activeAt(in.now())) {
            return AutomationDecision.none("self-heal paused by " + in.pause().by() + " until " + in.pause().until()
                    + (in.pause().reason().isEmpty() ? "" : " (" + in.pause().reason() + ")"));
        }
        Instant due = last.finishedAt().plus(backoff.delay(last.selfHealAttempts()));
        if (in.now().isBefore(due)) {
            return AutomationDecision.waitUntil(due, "self-heal backoff: next attempt at " + due);
        }
        List<ResourceKey> drifted = outOfSync.stream().map(ResourceStatus::key).toList();
        return AutomationDecision.selfHeal(drifted, "self-heal of " + drifted.size() + " drifted resource(s)");
    }

    static String shortSha(String sha) {
        return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
    }
}
