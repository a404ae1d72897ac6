package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Health of an application from the health of its managed resources, as Argo CD's
 * {@code controller/health.go} {@code setApplicationHealth}:
 *
 * <ul>
 *   <li>hooks (flagged by the caller, or annotated {@code argocd.argoproj.io/hook} / {@code helm.sh/hook}) do not
 *       count at all;</li>
 *   <li>objects annotated {@code argocd.argoproj.io/ignore-healthcheck: "true"} and kinds without health do not
 *       count;</li>
 *   <li>a Missing resource does not degrade the application (its OutOfSync status already tells), but when no
 *       counted resource exists live at all the application is Missing;</li>
 *   <li>otherwise the application takes the worst status, with the aggregate-as table below applied first.</li>
 * </ul>
 *
 * The message names the resource that decided the status, e.g.
 * {@code apps/Deployment shop/web is Degraded: Deployment "web" exceeded its progress deadline}; it is empty when
 * the application is Healthy.
 */
public final class AppHealth {

    /**
     * Statuses a kind contributes to the application as another status (gitops-engine {@code AggregateAs}):
     * a suspended Job is Suspended itself but does not make the application Suspended.
     */
    private static final Map<GroupKind, Map<HealthStatus, HealthStatus>> AGGREGATE_AS = Map.of(
            new GroupKind("batch", "Job"), Map.of(HealthStatus.Suspended, HealthStatus.Healthy));

    /**
     * One managed resource of the application.
     *
     * @param key  identity of the resource as declared in Git (or tracked live)
     * @param live the live object, null when the resource is missing from the cluster
     * @param hook whether the sync machinery treats the resource as a hook
     */
    public record Resource(ResourceKey key, KubeObject live, boolean hook) {
        public Resource {
            Objects.requireNonNull(key, "key");
        }
    }

    private final HealthChecks checks;

    public AppHealth(HealthChecks checks) {
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    /** Aggregation with the {@linkplain HealthChecks#defaults() default checks}. */
    public AppHealth() {
        this(HealthChecks.defaults());
    }

    /** The application's health; Healthy for an application without counted resources. */
    public Health assess(List<Resource> resources) {
        boolean containsResources = false;
        boolean containsLive = false;
        HealthStatus worst = HealthStatus.Healthy;
        Resource culprit = null;
        Health culpritHealth = null;
        for (Resource r : resources) {
            if (r.hook() || HookAnnotations.isHook(r.live())) {
                continue;
            }
            containsResources = true;
            if (r.live() == null) {
                continue; // Missing: does not affect app health, see the class comment
            }
            containsLive = true;
            if ("true".equals(r.live().annotation(AnnotationNames.IGNORE_HEALTHCHECK))) {
                continue;
            }
            Optional<Health> health = checks.assess(r.live());
            if (health.isEmpty()) {
                continue;
            }
            HealthStatus counted = aggregateAs(r.key(), health.get().status());
            if (counted.isWorseThan(worst) || (culprit != null && counted == worst && r.key().compareTo(culprit.key()) < 0)) {
                worst = counted;
                culprit = r;
                culpritHealth = health.get();
            }
        }
        if (containsResources && !containsLive && HealthStatus.Missing.isWorseThan(worst)) {
            return Health.missing("none of the application's resources exist in the cluster");
        }
        if (culprit == null || worst == HealthStatus.Healthy) {
            return Health.healthy();
        }
        String reason = culpritHealth.message().isEmpty() ? "" : ": " + culpritHealth.message();
        return new Health(worst, culprit.key() + " is " + culpritHealth.status() + reason);
    }

    private static HealthStatus aggregateAs(ResourceKey key, HealthStatus status) {
        return AGGREGATE_AS.getOrDefault(new GroupKind(key.group(), key.kind()), Map.of()).getOrDefault(status, status);
    }
}
