package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;

/**
 * core/Service, as gitops-engine {@code health_service.go}: a Service is Healthy, except one of type
 * LoadBalancer, which is Progressing until the cloud has assigned it an address
 * ({@code status.loadBalancer.ingress} is not empty).
 */
final class ServiceHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject svc) {
        if (Fields.text(svc, "/spec/type").equals("LoadBalancer")
                && Fields.array(svc, "/status/loadBalancer/ingress").isEmpty()) {
            return Optional.of(Health.progressing("Waiting for the load balancer to be assigned an address"));
        }
        return Optional.of(Health.healthy());
    }
}
