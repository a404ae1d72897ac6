package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;

/**
 * apps/DaemonSet, as gitops-engine {@code health_daemonset.go}: Progressing until the latest generation is
 * observed; OnDelete is then Healthy (pods change only when deleted); otherwise Progressing until every scheduled
 * pod is updated and available.
 */
final class DaemonSetHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject ds) {
        long generation = Fields.integer(ds, "/metadata/generation");
        long observed = Fields.integer(ds, "/status/observedGeneration");
        if (generation > observed) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed daemon set generation less than desired generation"));
        }
        long desired = Fields.integer(ds, "/status/desiredNumberScheduled");
        long updated = Fields.integer(ds, "/status/updatedNumberScheduled");
        long available = Fields.integer(ds, "/status/numberAvailable");
        if (Fields.text(ds, "/spec/updateStrategy/type").equals("OnDelete")) {
            return Optional.of(Health.healthy("daemon set " + updated + " out of " + desired + " new pods have been updated"));
        }
        if (updated < desired) {
            return Optional.of(Health.progressing("Waiting for daemon set \"" + ds.name() + "\" rollout to finish: "
                    + updated + " out of " + desired + " new pods have been updated..."));
        }
        if (available < desired) {
            return Optional.of(Health.progressing("Waiting for daemon set \"" + ds.name() + "\" rollout to finish: "
                    + available + " of " + desired + " updated pods are available..."));
        }
        return Optional.of(Health.healthy());
    }
}
