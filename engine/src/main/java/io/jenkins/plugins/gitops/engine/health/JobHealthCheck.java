package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;
import java.util.Optional;

/**
 * batch/Job, as gitops-engine {@code health_job.go}: a true {@code Failed} condition is Degraded, a true
 * {@code Complete} condition is Healthy, a true {@code Suspended} condition is Suspended, anything else is still
 * running (Progressing). Only conditions with status True count, so a resumed Job ({@code Suspended=False}) is
 * Progressing again rather than Healthy.
 */
final class JobHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject job) {
        List<Condition> conditions = Condition.of(job);
        Optional<Condition> failed = trueCondition(conditions, "Failed");
        if (failed.isPresent()) {
            return Optional.of(Health.degraded(failed.get().messageOrReason()));
        }
        Optional<Condition> complete = trueCondition(conditions, "Complete");
        if (complete.isPresent()) {
            return Optional.of(Health.healthy(complete.get().message()));
        }
        Optional<Condition> suspended = trueCondition(conditions, "Suspended");
        if (suspended.isPresent()) {
            return Optional.of(Health.suspended(suspended.get().messageOrReason()));
        }
        long active = Fields.integer(job, "/status/active");
        long succeeded = Fields.integer(job, "/status/succeeded");
        long podFailures = Fields.integer(job, "/status/failed");
        return Optional.of(Health.progressing("Job is running: " + active + " active, " + succeeded + " succeeded, "
                + podFailures + " failed pods"));
    }

    private static Optional<Condition> trueCondition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type().equals(type) && c.isTrue()).findFirst();
    }
}
