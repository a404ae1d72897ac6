package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.PluginThreads;
import io.jenkins.plugins.gitops.PrintStreamLog;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.sync.run.OutcomeLineLog;
import io.jenkins.plugins.gitops.action.GitOpsRunAction;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * Execution shared by the GitOps steps: engine work runs on a GitOps thread as the build's authentication (never on
 * the CPS VM thread) and is interrupted when the build is aborted; waiting for health is a chain of timer checks
 * that holds no thread and resumes after a restart. Several applications (an ApplicationSet) are waited for one
 * after the other. Only {@code busy} and the waits are persisted.
 */
class GitOpsStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(GitOpsStepExecution.class.getName());

    /** Returned by {@link Work} when it handed over to {@link #waitForHealth}: the step is not finished yet. */
    static final Object WAITING = new Object() {
        @Override
        public String toString() {
            return "WAITING";
        }
    };

    private static ExecutorService pool;

    /** Engine work of a step, run on a GitOps thread; returns the step's value or {@link #WAITING}. */
    @FunctionalInterface
    interface Work {
        Object run(TaskListener listener) throws Exception;
    }

    /** What a step does, run on a GitOps thread with its execution (context, waits, queued operations). */
    @FunctionalInterface
    interface Body {
        Object run(GitOpsStepExecution execution, TaskListener listener) throws Exception;
    }

    private final String stepName;
    private final transient Body body;
    private transient volatile ControllerOperation operation;
    private volatile boolean busy;
    private volatile HealthWait wait;
    /** Applications still to wait for after {@link #wait}, in order. */
    private volatile ArrayList<HealthWait> nextWaits;
    /** For several applications: each one's result by name, the step's value; null for one application. */
    private volatile LinkedHashMap<String, Object> waitResults;
    private transient volatile Future<?> task;
    private transient volatile ScheduledFuture<?> poll;
    private transient volatile boolean stopped;

    GitOpsStepExecution(StepContext context, String stepName) {
        this(context, stepName, null);
    }

    /** An execution that runs {@code body} in the background (see {@link #start()}). */
    GitOpsStepExecution(StepContext context, String stepName, Body body) {
        super(context);
        this.stepName = stepName;
        this.body = body;
    }

    /** Runs the body off the CPS VM thread; steps that only wait override this. */
    @Override
    public boolean start() throws Exception {
        return runInBackground(listener -> body.run(this, listener));
    }

    /**
     * Queues an operation for {@code app} on the controller (behind any operation already running for it), streams
     * its progress to {@code progress} and returns its outcome; aborting the build terminates it.
     *
     * @param what what is requested, for the log ({@code "sync (dry run)"}); may read the engine through the lease
     */
    final <T> T queue(String app, Function<EngineRuntime.Lease, String> what, EngineLog progress,
            Function<Controller, CompletableFuture<T>> request) throws Exception {
        ControllerOperation op = new ControllerOperation();
        operation = op;
        try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
            progress.info(what.apply(lease) + " requested; it waits for any operation already running for " + app);
            return op.run(stepName, app, lease, progress, request);
        } catch (Exception e) {
            if (progress instanceof OutcomeLineLog lines) {
                lines.flush(); // no outcome to report: show everything the operation said
            }
            throw e;
        } finally {
            operation = null;
        }
    }

    /**
     * The build-log view of one application's operation: lines prefixed with its name, and the engine's own
     * end-of-operation line held back so that {@link #ended} says the outcome once.
     */
    static OutcomeLineLog progress(TaskListener listener, String app) {
        return new OutcomeLineLog(new PrintStreamLog(listener.getLogger()).withPrefix(app + ": "));
    }

    /** The last lines of the logs of an operation's failed hooks, for the build page (empty when none failed). */
    static java.util.Map<String, String> failedHookLogs(io.jenkins.plugins.gitops.engine.SyncOutcome outcome,
            String app) {
        try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
            return io.jenkins.plugins.gitops.action.HookLogs.ofFailedHooks(outcome, lease, app);
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "cannot read the failed hooks' logs of " + app, e);
            return java.util.Map.of();
        }
    }

    /**
     * Reports an operation's end once: a success by the engine's own line, a failure by failing the step with the
     * same words (the engine's line is then dropped, so the console does not say it twice).
     */
    final void ended(OutcomeLineLog progress, String app, String phase, String message, boolean succeeded)
            throws AbortException {
        if (succeeded) {
            progress.flush();
            return;
        }
        progress.outcome(phase + ": " + message);
        throw new AbortException(stepName + " of " + app + " ended " + phase + ": " + message);
    }

    /** Fails with {@code <step>: <field>: is required} when {@code value} is null. */
    static void require(String stepName, String field, Object value) throws AbortException {
        if (value == null) {
            throw new AbortException(stepName + ": " + field + ": is required");
        }
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(PluginThreads.factory("GitOps step"));
        }
        return pool;
    }

    /** Starts {@code work} off the CPS VM thread; call from {@link #start()} and return its value. */
    final boolean runInBackground(Work work) {
        Authentication as = Jenkins.getAuthentication2();
        busy = true;
        task = pool().submit(() -> {
            Object result = null;
            Throwable failure = null;
            try (ACLContext ctx = ACL.as2(as)) {
                result = work.run(getContext().get(TaskListener.class));
            } catch (Throwable t) {
                failure = t;
            } finally {
                busy = false;
                task = null;
            }
            if (stopped) {
                return;
            }
            if (failure != null) {
                getContext().onFailure(failure);
            } else if (result != WAITING) {
                getContext().onSuccess(result);
            }
        });
        return false;
    }

    /** Called from {@link Work}: finish by waiting for {@code w} instead of returning at once. */
    final Object waitForHealth(HealthWait w, TaskListener listener, int timeoutSeconds) {
        return waitForHealth(List.of(w), null, listener, timeoutSeconds);
    }

    /**
     * Called from {@link Work}: finish by waiting for each of {@code waits} in turn; the step then returns
     * {@code results} (each application's result by name, updated as its wait ends), or for a single wait without
     * {@code results} that wait's result.
     */
    final Object waitForHealth(List<HealthWait> waits, LinkedHashMap<String, Object> results, TaskListener listener,
            int timeoutSeconds) {
        wait = waits.get(0);
        nextWaits = new ArrayList<>(waits.subList(1, waits.size()));
        waitResults = results;
        listener.getLogger().println("[gitops] waiting up to " + timeoutSeconds + "s for "
                + String.join(", ", waits.stream().map(HealthWait::app).toList()) + " to become Healthy"
                + (waits.size() > 1 ? ", one after the other" : ""));
        GitOpsService.get().runningRuntime().ifPresent(rt ->
                waits.forEach(x -> rt.controller().requestRefresh(x.app())));
        getContext().saveState();
        schedule(0);
        return WAITING;
    }

    private void schedule(long delayMs) {
        poll = Timer.get().schedule(this::check, delayMs, TimeUnit.MILLISECONDS);
    }

    private void check() {
        HealthWait w = wait;
        if (stopped || w == null) {
            return;
        }
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            Optional<EngineRuntime> rt = GitOpsService.get().runningRuntime();
            AppStatus status = rt.flatMap(r -> r.controller().status(w.app())).orElse(null);
            if (rt.isEmpty()) {
                // Jenkins is still starting: try again later, unless the time is up
                if (System.currentTimeMillis() < w.deadline()) {
                    schedule(w.nextPollMs());
                    return;
                }
            }
            HealthWait.Verdict v = w.assess(status, System.currentTimeMillis());
            switch (v.kind()) {
                case HEALTHY -> {
                    listener.getLogger().println("[gitops] " + v.message());
                    try {
                        GitOpsRunAction.recordStateAfterWait(getContext().get(Run.class), w.app(),
                                status.comparison());
                    } catch (IOException | RuntimeException e) {
                        LOGGER.log(Level.FINE, "could not record the state of " + w.app() + " after the wait", e);
                    }
                    LinkedHashMap<String, Object> all = waitResults;
                    if (all != null) {
                        all.put(w.app(), w.result());
                    }
                    ArrayList<HealthWait> rest = nextWaits;
                    if (rest != null && !rest.isEmpty()) {
                        wait = rest.remove(0);
                        getContext().saveState();
                        schedule(0);
                    } else {
                        wait = null;
                        getContext().onSuccess(all != null ? all : w.result());
                    }
                }
                case FAIL -> {
                    wait = null;
                    nextWaits = null;
                    getContext().onFailure(new AbortException(stepName + ": " + v.message()));
                }
                default -> {
                    if (w.reportable(v.message())) {
                        listener.getLogger().println("[gitops] " + w.app() + ": " + v.message());
                    }
                    rt.get().controller().requestRefresh(w.app());
                    schedule(w.nextPollMs());
                }
            }
        } catch (Exception x) {
            LOGGER.log(Level.FINE, "health check of " + w.app() + " failed", x);
            wait = null;
            nextWaits = null;
            getContext().onFailure(x);
        }
    }

    /** Asks engine work of this step to stop (terminates the queued operation); called before interrupting it. */
    void onStop() {
        ControllerOperation op = operation;
        if (op != null) {
            op.terminate("the build was aborted");
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        stopped = true;
        try {
            onStop();
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "could not stop the engine work of " + stepName, e);
        }
        Future<?> t = task;
        if (t != null) {
            t.cancel(true);
        }
        ScheduledFuture<?> p = poll;
        if (p != null) {
            p.cancel(false);
        }
        wait = null;
        nextWaits = null;
        getContext().onFailure(cause);
    }

    @Override
    public void onResume() {
        if (busy) {
            busy = false;
            getContext().onFailure(new AbortException(stepName + " was running when Jenkins restarted and cannot "
                    + "continue: the engine records the interrupted operation (see the application's page). Check "
                    + "the application and run the step again."));
        } else if (wait != null) {
            schedule(0);
        }
    }

    @Override
    public String getStatus() {
        if (busy) {
            return "running " + stepName;
        }
        HealthWait w = wait;
        return w == null ? null : "waiting for " + w.app() + " to become Healthy";
    }

    @Override
    public boolean blocksRestart() {
        return busy;
    }
}
