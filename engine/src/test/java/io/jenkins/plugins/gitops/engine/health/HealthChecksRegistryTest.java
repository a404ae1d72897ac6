package io.jenkins.plugins.gitops.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthChecksRegistryTest {

    private final HealthChecks defaults = HealthChecks.defaults();

    @Test
    void knowsWhichKindsHaveADedicatedCheck() {
        assertThat(defaults.hasCheck("apps", "Deployment")).isTrue();
        assertThat(defaults.hasCheck("networking.k8s.io", "Ingress")).isTrue();
        assertThat(defaults.hasCheck("extensions", "Ingress")).isTrue();
        assertThat(defaults.hasCheck("", "Pod")).isTrue();
        assertThat(defaults.hasCheck(null, "PersistentVolumeClaim")).isTrue();
        assertThat(defaults.hasCheck("", "ConfigMap")).isFalse();
        assertThat(defaults.hasCheck("", "Deployment")).as("group matters").isFalse();
    }

    @Test
    void anyObjectBeingDeletedIsPendingDeletion() {
        KubeObject cm = Fixtures.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: default
                  deletionTimestamp: "2024-05-02T11:00:00Z"
                  finalizers: [example.com/cleanup]
                """);
        assertThat(defaults.assess(cm)).contains(Health.progressing("Pending deletion"));
    }

    @Test
    void aCustomCheckReplacesTheBuiltInOne() {
        HealthChecks custom = defaults.with("apps", "Deployment", live -> Optional.of(Health.suspended("custom")));

        assertThat(custom.assess(Fixtures.load("deployment-healthy.yaml"))).contains(Health.suspended("custom"));
        assertThat(defaults.assess(Fixtures.load("deployment-healthy.yaml"))).contains(Health.healthy());
        assertThat(custom.assess(Fixtures.load("pod-crashloop.yaml")).map(Health::status)).contains(HealthStatus.Degraded);
    }

    @Test
    void malformedFieldsNameTheFieldAndResource() {
        KubeObject rs = Fixtures.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web-1, namespace: shop}
                spec: {replicas: 2}
                status:
                  conditions: {type: ReplicaFailure}
                """);
        assertThat(defaults.assess(rs)).contains(Health.unknown(
                "cannot assess health of apps/ReplicaSet shop/web-1: status.conditions: expected a list but found an object"));
    }
}
