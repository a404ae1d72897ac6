package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;

/**
 * Assesses the health of one live object of the kind it is registered for in {@link HealthChecks}.
 *
 * <p>Checks read only the object itself, never the cluster. They return {@link Optional#empty()} when the object
 * carries no health information (only the generic condition rule does so; kind-specific checks always answer).
 * A check may throw {@link IllegalArgumentException} naming the offending field when the object is malformed;
 * {@link HealthChecks} turns that into {@link HealthStatus#Unknown} with a message naming the resource.
 */
@FunctionalInterface
public interface HealthCheck {

    Optional<Health> assess(KubeObject live);
}
