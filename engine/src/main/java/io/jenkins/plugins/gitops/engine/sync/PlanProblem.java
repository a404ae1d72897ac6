package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a sync must not start: an invalid annotation or option on a resource, a shared resource, a refused empty sync.
 *
 * @param resource the resource concerned; null for problems of the whole plan
 * @param message a complete sentence that names the resource, annotation or option
 */
public record PlanProblem(ResourceKey resource, String message) {

    public PlanProblem {
        Objects.requireNonNull(message, "message");
    }

    public Optional<ResourceKey> resourceKey() {
        return Optional.ofNullable(resource);
    }

    @Override
    public String toString() {
        return message;
    }
}
