package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;

/**
 * networking.k8s.io/Ingress (and the old extensions/Ingress), as gitops-engine {@code health_ingress.go}:
 * Progressing until the ingress controller has published an address in {@code status.loadBalancer.ingress}.
 */
final class IngressHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject ingress) {
        if (Fields.array(ingress, "/status/loadBalancer/ingress").isEmpty()) {
            return Optional.of(Health.progressing("Waiting for the ingress controller to assign an address"));
        }
        return Optional.of(Health.healthy());
    }
}
