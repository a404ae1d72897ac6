package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * apps/ReplicaSet, as gitops-engine {@code health_replicaset.go}: Progressing until the latest generation is
 * observed; a true {@code ReplicaFailure} condition (quota exceeded, forbidden pods) is Degraded; fewer available
 * replicas than desired is Progressing.
 */
final class ReplicaSetHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject rs) {
        long generation = Fields.integer(rs, "/metadata/generation");
        long observed = Fields.integer(rs, "/status/observedGeneration");
        if (generation > observed) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed replica set generation less than desired generation"));
        }
        Optional<Condition> failure = Condition.find(Condition.of(rs), "ReplicaFailure").filter(Condition::isTrue);
        if (failure.isPresent()) {
            return Optional.of(Health.degraded(failure.get().messageOrReason()));
        }
        OptionalLong desired = Fields.optionalInteger(rs, "/spec/replicas");
        long available = Fields.integer(rs, "/status/availableReplicas");
        if (desired.isPresent() && available < desired.getAsLong()) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + available + " out of "
                    + desired.getAsLong() + " new replicas are available..."));
        }
        return Optional.of(Health.healthy());
    }
}
