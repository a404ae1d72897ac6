package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * autoscaling/HorizontalPodAutoscaler, as gitops-engine {@code health_hpa.go} with the longer list of failure
 * reasons of Argo CD's current HPA health script ({@code resource_customizations/.../HorizontalPodAutoscaler}).
 *
 * <p>Conditions come from {@code status.conditions} (v2, v2beta*) or, for autoscaling/v1, from the
 * {@code autoscaling.alpha.kubernetes.io/conditions} annotation. Any condition with a failure reason (table below)
 * makes the HPA Degraded; otherwise a true AbleToScale or ScalingLimited condition is Healthy; otherwise the HPA
 * is still "Waiting to Autoscale" (Progressing).
 */
final class HorizontalPodAutoscalerHealthCheck implements HealthCheck {

    static final String V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";

    /** Condition type and reason pairs that mean the autoscaler cannot work. */
    private static final Set<String> DEGRADED = Set.of(
            "AbleToScale/FailedGetScale",
            "AbleToScale/FailedUpdateScale",
            "ScalingActive/FailedGetResourceMetric",
            "ScalingActive/FailedGetObjectMetric",
            "ScalingActive/FailedGetPodsMetric",
            "ScalingActive/FailedGetExternalMetric",
            "ScalingActive/FailedComputeMetricsReplicas",
            "ScalingActive/InvalidSelector");

    private static final Set<String> HEALTHY_WHEN_TRUE = Set.of("AbleToScale", "ScalingLimited");

    @Override
    public Optional<Health> assess(KubeObject hpa) {
        List<Condition> conditions = conditions(hpa);
        for (Condition c : conditions) {
            if (DEGRADED.contains(c.type() + "/" + c.reason())) {
                return Optional.of(Health.degraded(c.messageOrReason()));
            }
        }
        for (Condition c : conditions) {
            if (HEALTHY_WHEN_TRUE.contains(c.type()) && c.isTrue()) {
                return Optional.of(Health.healthy(c.message()));
            }
        }
        return Optional.of(Health.progressing("Waiting to Autoscale"));
    }

    private static List<Condition> conditions(KubeObject hpa) {
        if (!hpa.apiVersion().equals("autoscaling/v1")) {
            return Condition.of(hpa);
        }
        String annotation = hpa.annotation(V1_CONDITIONS);
        if (annotation == null || annotation.isBlank()) {
            return List.of();
        }
        JsonNode parsed;
        try {
            parsed = Yaml.JSON.readTree(annotation);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "annotation " + V1_CONDITIONS + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!parsed.isArray()) {
            throw new IllegalArgumentException("annotation " + V1_CONDITIONS + ": expected a JSON list of conditions");
        }
        return Condition.list(parsed, "annotation " + V1_CONDITIONS);
    }
}
