package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry of health checks: which check assesses which group/kind, and the rules that apply to every object.
 *
 * <p>For one live object: an object being deleted (metadata.deletionTimestamp set, and not a running hook held by
 * Argo CD's hook finalizer) is Progressing, "Pending deletion"; otherwise the check registered for its group and
 * kind answers; kinds without one fall back to the generic {@code status.conditions} rule
 * ({@link ConditionsHealthCheck}), which gives no health to objects that report none (ConfigMap, Secret, ...).
 * A malformed object is Unknown with a message naming the resource and the field.
 *
 * <p>Immutable and thread-safe; {@link #with} returns a new registry.
 */
public final class HealthChecks {

    /**
     * Built-in checks by group and kind, as gitops-engine {@code pkg/health/health.go} {@code GetHealthCheckFunc}
     * (Argo CD's own Application and Argo Workflows/Rollouts are not covered).
     */
    private static final Map<GroupKind, HealthCheck> BUILT_IN = Map.ofEntries(
            Map.entry(new GroupKind("apps", "Deployment"), new DeploymentHealthCheck()),
            Map.entry(new GroupKind("apps", "StatefulSet"), new StatefulSetHealthCheck()),
            Map.entry(new GroupKind("apps", "ReplicaSet"), new ReplicaSetHealthCheck()),
            Map.entry(new GroupKind("apps", "DaemonSet"), new DaemonSetHealthCheck()),
            Map.entry(new GroupKind("extensions", "Ingress"), new IngressHealthCheck()),
            Map.entry(new GroupKind("networking.k8s.io", "Ingress"), new IngressHealthCheck()),
            Map.entry(new GroupKind("apiregistration.k8s.io", "APIService"), new ApiServiceHealthCheck()),
            Map.entry(new GroupKind("", "Service"), new ServiceHealthCheck()),
            Map.entry(new GroupKind("", "PersistentVolumeClaim"), new PersistentVolumeClaimHealthCheck()),
            Map.entry(new GroupKind("", "Pod"), new PodHealthCheck()),
            Map.entry(new GroupKind("batch", "Job"), new JobHealthCheck()),
            Map.entry(new GroupKind("autoscaling", "HorizontalPodAutoscaler"), new HorizontalPodAutoscalerHealthCheck()));

    private static final HealthChecks DEFAULTS = new HealthChecks(BUILT_IN, new ConditionsHealthCheck());

    private final Map<GroupKind, HealthCheck> checks;
    private final HealthCheck fallback;

    private HealthChecks(Map<GroupKind, HealthCheck> checks, HealthCheck fallback) {
        this.checks = Map.copyOf(checks);
        this.fallback = fallback;
    }

    /** The built-in checks plus the generic condition rule. */
    public static HealthChecks defaults() {
        return DEFAULTS;
    }

    /** A registry where {@code check} assesses {@code group}/{@code kind} (replacing any built-in check). */
    public HealthChecks with(String group, String kind, HealthCheck check) {
        Objects.requireNonNull(check, "check");
        Map<GroupKind, HealthCheck> copy = new HashMap<>(checks);
        copy.put(new GroupKind(group == null ? "" : group, Objects.requireNonNull(kind, "kind")), check);
        return new HealthChecks(copy, fallback);
    }

    /** Whether a dedicated (non-generic) check exists for this group and kind. */
    public boolean hasCheck(String group, String kind) {
        return checks.containsKey(new GroupKind(group == null ? "" : group, kind));
    }

    /**
     * Health of one live object, or empty when its kind reports no health.
     *
     * @param live a live object from the cluster, not null
     */
    public Optional<Health> assess(KubeObject live) {
        Objects.requireNonNull(live, "live");
        if (live.hasDeletionTimestamp() && !HookAnnotations.hasHookFinalizer(live)) {
            return Optional.of(Health.progressing("Pending deletion"));
        }
        HealthCheck check = checks.getOrDefault(GroupKind.of(live), fallback);
        try {
            return check.assess(live);
        } catch (IllegalArgumentException e) {
            return Optional.of(Health.unknown("cannot assess health of " + live.key() + ": " + e.getMessage()));
        }
    }
}
