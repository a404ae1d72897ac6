package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.RoutingLog;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * An operation a step queued on the controller (a sync, a rollback or a deletion), so it runs after any operation already
 * running for the application, like every other operation. While the step waits, the build log follows the
 * operation's progress; if the configuration is saved meanwhile (the controller is replaced) the step fails saying
 * so; when the build is aborted the operation is terminated. One operation at a time per step execution.
 */
final class ControllerOperation {

    private volatile EngineRuntime.Lease lease;
    private volatile String app;

    /**
     * Queues {@code request} and waits for its outcome.
     *
     * @throws AbortException when the controller refuses the request (the message says why) or was replaced
     */
    <T> T run(String stepName, String appName, EngineRuntime.Lease held, EngineLog progress,
            Function<Controller, CompletableFuture<T>> request) throws Exception {
        lease = held;
        app = appName;
        try (RoutingLog.Subscription ignored = held.log().subscribe(appName, progress)) {
            return await(stepName, request.apply(held.controller()), held, appName);
        } finally {
            lease = null;
            app = null;
        }
    }

    /** Terminates the operation this step is waiting for, if it is running (the build was aborted). */
    void terminate(String reason) {
        EngineRuntime.Lease l = lease;
        String a = app;
        if (l != null && a != null) {
            l.engine().terminate(a, reason);
        }
    }

    /** Waits for the controller's operation; fails clearly when the controller was replaced meanwhile. */
    static <T> T await(String stepName, CompletableFuture<T> queued, EngineRuntime.Lease lease,
            String app) throws Exception {
        while (true) {
            try {
                return queued.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                if (lease.retired() && !queued.isDone()) {
                    throw new AbortException(stepName + " of " + app + " was stopped: the GitOps configuration was "
                            + "saved and the controller restarted; run the step again");
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new AbortException(stepName + " of " + app + " could not run: " + cause.getMessage());
            }
        }
    }
}
