package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * apps/Deployment, as gitops-engine {@code health_deployment.go} (itself kubectl's rollout status): paused is
 * Suspended; until the controller has observed the latest generation the rollout is Progressing; a
 * {@code ProgressDeadlineExceeded} Progressing condition is Degraded; fewer updated or available replicas than
 * desired, or old replicas still terminating, is Progressing.
 */
final class DeploymentHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject d) {
        if (Fields.bool(d, "/spec/paused")) {
            return Optional.of(Health.suspended("Deployment is paused"));
        }
        long generation = Fields.integer(d, "/metadata/generation");
        long observed = Fields.integer(d, "/status/observedGeneration");
        if (generation > observed) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed deployment generation less than desired generation"));
        }
        boolean deadlineExceeded = Condition.find(Condition.of(d), "Progressing")
                .filter(c -> c.reason().equals("ProgressDeadlineExceeded"))
                .isPresent();
        if (deadlineExceeded) {
            return Optional.of(Health.degraded("Deployment \"" + d.name() + "\" exceeded its progress deadline"));
        }
        OptionalLong desired = Fields.optionalInteger(d, "/spec/replicas");
        long replicas = Fields.integer(d, "/status/replicas");
        long updated = Fields.integer(d, "/status/updatedReplicas");
        long available = Fields.integer(d, "/status/availableReplicas");
        if (desired.isPresent() && updated < desired.getAsLong()) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + updated + " out of "
                    + desired.getAsLong() + " new replicas have been updated..."));
        }
        if (replicas > updated) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: " + (replicas - updated) + " old replicas are pending termination..."));
        }
        if (available < updated) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + available + " of " + updated
                    + " updated replicas are available..."));
        }
        return Optional.of(Health.healthy());
    }
}
