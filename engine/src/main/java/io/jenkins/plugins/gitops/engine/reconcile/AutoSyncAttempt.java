package io.jenkins.plugins.gitops.engine.reconcile;

import java.time.Instant;

/**
 * The last automated sync the controller started for an application: which revision (and source) it aimed at, how
 * it ended and how many self-heal attempts followed on that same revision. Argo CD keeps the equivalent in
 * {@code status.operationState}; it decides whether an automated sync may be tried again.
 */
public record AutoSyncAttempt(String revision, String sourceKey, boolean succeeded, Instant finishedAt,
        int selfHealAttempts) {

    public AutoSyncAttempt withSelfHeal(boolean ok, Instant at) {
        return new AutoSyncAttempt(revision, sourceKey, ok, at, selfHealAttempts + 1);
    }
}
