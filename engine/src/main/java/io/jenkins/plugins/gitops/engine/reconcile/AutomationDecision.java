package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.time.Instant;
import java.util.List;

/**
 * What automation does with an application after a refresh: nothing (with the reason, shown in the status), a full
 * automated sync of the new revision, a self-heal of only the drifted resources, or wait until {@code notBefore}
 * (backoff). Invariant: {@code resources} is non-empty only for {@link Action#SELF_HEAL}.
 */
public record AutomationDecision(Action action, String reason, List<ResourceKey> resources, Instant notBefore) {

    public enum Action { NONE, SYNC, SELF_HEAL, WAIT }

    static AutomationDecision none(String reason) {
        return new AutomationDecision(Action.NONE, reason, List.of(), null);
    }

    static AutomationDecision sync(String reason) {
        return new AutomationDecision(Action.SYNC, reason, List.of(), null);
    }

    static AutomationDecision selfHeal(List<ResourceKey> resources, String reason) {
        return new AutomationDecision(Action.SELF_HEAL, reason, List.copyOf(resources), null);
    }

    static AutomationDecision waitUntil(Instant when, String reason) {
        return new AutomationDecision(Action.WAIT, reason, List.of(), when);
    }
}
