package io.jenkins.plugins.gitops.engine.health;

/**
 * Argo CD's health of a resource or an application. The declaration order is the order Argo CD uses to
 * aggregate health, best first (gitops-engine {@code pkg/health/health.go}, {@code healthOrder}): an application
 * takes the worst status of its resources.
 */
public enum HealthStatus {
    /** The resource is 100% healthy. */
    Healthy,
    /** Paused or suspended on purpose (a paused Deployment, a suspended Job). */
    Suspended,
    /** Not healthy yet, but still able to get there (a rollout in progress, a Job running). */
    Progressing,
    /** The resource should exist but is absent from the cluster. */
    Missing,
    /** Failed, or could not become healthy in time (CrashLoopBackOff, ProgressDeadlineExceeded). */
    Degraded,
    /** Health could not be assessed (unexpected phase, malformed status). */
    Unknown;

    /** Whether this status is strictly worse than {@code other} in Argo CD's order. */
    public boolean isWorseThan(HealthStatus other) {
        return compareTo(other) > 0;
    }

    /** The worse of two statuses; {@code a} when they are equal. A null argument counts as absent. */
    public static HealthStatus worst(HealthStatus a, HealthStatus b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.isWorseThan(a) ? b : a;
    }
}
