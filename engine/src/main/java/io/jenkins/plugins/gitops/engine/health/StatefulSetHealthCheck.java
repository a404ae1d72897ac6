package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * apps/StatefulSet, as gitops-engine {@code health_statefulset.go}: Progressing until the controller has observed
 * the latest generation and every desired pod is ready; with a RollingUpdate partition, until the pods above the
 * partition are updated; OnDelete is Healthy once pods are ready; otherwise Progressing until the update revision
 * has become the current revision.
 */
final class StatefulSetHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject sts) {
        long generation = Fields.integer(sts, "/metadata/generation");
        long observed = Fields.integer(sts, "/status/observedGeneration");
        if (observed == 0 || generation > observed) {
            return Optional.of(Health.progressing("Waiting for statefulset spec update to be observed..."));
        }
        OptionalLong desired = Fields.optionalInteger(sts, "/spec/replicas");
        long ready = Fields.integer(sts, "/status/readyReplicas");
        long updated = Fields.integer(sts, "/status/updatedReplicas");
        if (desired.isPresent() && ready < desired.getAsLong()) {
            return Optional.of(Health.progressing("Waiting for " + (desired.getAsLong() - ready) + " pods to be ready..."));
        }
        String strategy = Fields.text(sts, "/spec/updateStrategy/type");
        boolean hasRollingUpdate = !sts.at("/spec/updateStrategy/rollingUpdate").isMissingNode();
        if ((strategy.isEmpty() || strategy.equals("RollingUpdate")) && hasRollingUpdate) {
            OptionalLong partition = Fields.optionalInteger(sts, "/spec/updateStrategy/rollingUpdate/partition");
            if (desired.isPresent() && partition.isPresent()) {
                long toUpdate = desired.getAsLong() - partition.getAsLong();
                if (updated < toUpdate) {
                    return Optional.of(Health.progressing("Waiting for partitioned roll out to finish: " + updated
                            + " out of " + toUpdate + " new pods have been updated..."));
                }
            }
            return Optional.of(Health.healthy("partitioned roll out complete: " + updated + " new pods have been updated..."));
        }
        if (strategy.equals("OnDelete")) {
            return Optional.of(Health.healthy("statefulset has " + ready + " ready pods"));
        }
        String updateRevision = Fields.text(sts, "/status/updateRevision");
        String currentRevision = Fields.text(sts, "/status/currentRevision");
        if (!updateRevision.equals(currentRevision)) {
            return Optional.of(Health.progressing("waiting for statefulset rolling update to complete " + updated
                    + " pods at revision " + updateRevision + "..."));
        }
        long current = Fields.integer(sts, "/status/currentReplicas");
        return Optional.of(Health.healthy(
                "statefulset rolling update complete " + current + " pods at revision " + currentRevision + "..."));
    }
}
