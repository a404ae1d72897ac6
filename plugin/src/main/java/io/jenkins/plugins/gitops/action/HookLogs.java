package io.jenkins.plugins.gitops.action;

import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.cluster.ResourceInspector;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.view.HookLogTails;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the last log lines of the hooks that failed in a sync or rollback, through the application's cluster
 * connection, for the build's GitOps page. Never fails the step: an unreadable log becomes a line saying why.
 */
public final class HookLogs {

    private HookLogs() {}

    public static Map<String, String> ofFailedHooks(SyncOutcome outcome, EngineRuntime.Lease lease, String app) {
        if (outcome == null || outcome.resources() == null
                || outcome.resources().stream().noneMatch(HookLogTails::failedHook)) {
            return Map.of();
        }
        Optional<Application> a = lease.controller().application(app);
        if (a.isEmpty() || a.get().destination() == null) {
            return Map.of();
        }
        try {
            ResourceInspector inspector = new ResourceInspector(lease.engine().clusters().resolve(
                    a.get().destination().server(), a.get().destination().name()));
            return HookLogTails.collect(outcome.resources(), key -> inspector.hookLogTail(key, HookLogTails.LINES));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
