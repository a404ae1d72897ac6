package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthChecks;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one look at the cluster says about a {@link Watched} object: its phase (Running, Succeeded, Failed) and why.
 * The tables mirror gitops-engine: {@code getOperationPhase} for hooks (Unknown and Degraded fail, Progressing and
 * Suspended run) and the health update of running tasks for resources (only Healthy succeeds, only Degraded fails).
 * Objects without health succeed at once. Errors that may pass (unreachable server, 5xx) keep the object Running.
 */
record Observation(OperationPhase phase, String message, String health) {

    private static final Map<HealthStatus, OperationPhase> HOOK = new EnumMap<>(Map.of(
            HealthStatus.Healthy, OperationPhase.Succeeded,
            HealthStatus.Suspended, OperationPhase.Running,
            HealthStatus.Progressing, OperationPhase.Running,
            HealthStatus.Missing, OperationPhase.Running,
            HealthStatus.Degraded, OperationPhase.Failed,
            HealthStatus.Unknown, OperationPhase.Failed));

    private static final Map<HealthStatus, OperationPhase> RESOURCE = new EnumMap<>(Map.of(
            HealthStatus.Healthy, OperationPhase.Succeeded,
            HealthStatus.Suspended, OperationPhase.Running,
            HealthStatus.Progressing, OperationPhase.Running,
            HealthStatus.Missing, OperationPhase.Running,
            HealthStatus.Degraded, OperationPhase.Failed,
            HealthStatus.Unknown, OperationPhase.Running));

    private static final Set<ClusterException.Reason> TRANSIENT =
            Set.of(ClusterException.Reason.UNREACHABLE, ClusterException.Reason.SERVER_ERROR);

    static Observation of(Watched w, RunContext run) {
        Optional<KubeObject> live;
        try {
            live = run.applier().get(w.key());
        } catch (ClusterException e) {
            OperationPhase phase = TRANSIENT.contains(e.reason()) ? OperationPhase.Running : OperationPhase.Failed;
            return new Observation(phase, e.getMessage(), "");
        }
        return of(w, live, run);
    }

    /** What {@code live} (the object as just read, empty when it does not exist) says about {@code w}. */
    static Observation of(Watched w, Optional<KubeObject> live, RunContext run) {
        if (w.kind() == Watched.Kind.DELETED) {
            return live.isEmpty() ? new Observation(OperationPhase.Succeeded, "", "")
                    : new Observation(OperationPhase.Running, "waiting for deletion", "");
        }
        if (live.isEmpty()) {
            return new Observation(OperationPhase.Failed, (w.kind() == Watched.Kind.HOOK ? "hook " : "resource ")
                    + w.key() + " is missing, it might have been deleted", "");
        }
        return ofHealth(w.kind(), run.context().healthChecks(), live.get());
    }

    static Observation ofHealth(Watched.Kind kind, HealthChecks checks, KubeObject live) {
        Optional<Health> health = checks.assess(live);
        if (health.isEmpty()) {
            return new Observation(OperationPhase.Succeeded, "", "");
        }
        Map<HealthStatus, OperationPhase> table = kind == Watched.Kind.HOOK ? HOOK : RESOURCE;
        return new Observation(table.get(health.get().status()), health.get().message(),
                health.get().status().name());
    }
}
