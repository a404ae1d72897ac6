package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;

/**
 * apiregistration.k8s.io/APIService, as gitops-engine {@code health_apiservice.go}: Healthy when the
 * {@code Available} condition is True, Progressing otherwise (also before the aggregator has processed it).
 */
final class ApiServiceHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject apiService) {
        return Optional.of(Condition.find(Condition.of(apiService), "Available")
                .map(c -> c.isTrue()
                        ? Health.healthy(c.reason() + ": " + c.message())
                        : Health.progressing(c.reason() + ": " + c.message()))
                .orElse(Health.progressing("Waiting to be processed")));
    }
}
