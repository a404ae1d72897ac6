package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;
import java.util.Optional;

/**
 * The generic rule for kinds without a dedicated check (custom resources), over the conventional
 * {@code status.conditions} of Kubernetes API conventions and kstatus:
 *
 * <ol>
 *   <li>no conditions: no health (the kind simply does not report any);</li>
 *   <li>{@code Stalled=True}: Degraded with its message;</li>
 *   <li>{@code Reconciling=True}, or a {@code status.observedGeneration} behind {@code metadata.generation}:
 *       Progressing (the controller has not caught up with the latest spec);</li>
 *   <li>{@code Ready}, or else {@code Available}: True is Healthy, False is Degraded with the condition's message,
 *       Unknown is Progressing;</li>
 *   <li>{@code Progressing=True}: Progressing;</li>
 *   <li>only other condition types: no health.</li>
 * </ol>
 *
 * Argo CD itself has no such default (custom resources without a Lua script have no health); this rule covers
 * Flux, cert-manager, Crossplane, Knative and most operators written with controller-runtime.
 */
final class ConditionsHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject obj) {
        List<Condition> conditions = Condition.of(obj);
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        Optional<Condition> stalled = trueCondition(conditions, "Stalled");
        if (stalled.isPresent()) {
            return Optional.of(Health.degraded(stalled.get().messageOrReason()));
        }
        Optional<Condition> reconciling = trueCondition(conditions, "Reconciling");
        if (reconciling.isPresent()) {
            return Optional.of(Health.progressing(reconciling.get().messageOrReason()));
        }
        long generation = Fields.integer(obj, "/metadata/generation");
        long observed = Fields.optionalInteger(obj, "/status/observedGeneration").orElse(generation);
        if (observed < generation) {
            return Optional.of(Health.progressing("Waiting for the controller to observe generation " + generation
                    + " (observed " + observed + ")"));
        }
        Optional<Condition> ready = Condition.find(conditions, "Ready").or(() -> Condition.find(conditions, "Available"));
        if (ready.isPresent()) {
            Condition c = ready.get();
            if (c.isTrue()) {
                return Optional.of(Health.healthy(c.message()));
            }
            if (c.isFalse()) {
                return Optional.of(Health.degraded(c.messageOrReason()));
            }
            return Optional.of(Health.progressing(c.messageOrReason()));
        }
        return trueCondition(conditions, "Progressing").map(c -> Health.progressing(c.messageOrReason()));
    }

    private static Optional<Condition> trueCondition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type().equals(type) && c.isTrue()).findFirst();
    }
}
