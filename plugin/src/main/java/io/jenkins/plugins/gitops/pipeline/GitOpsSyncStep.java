package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.PrintStreamLog;
import io.jenkins.plugins.gitops.RoutingLog;
import io.jenkins.plugins.gitops.action.GitOpsRunAction;
import io.jenkins.plugins.gitops.action.RunSnapshots;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsSync}: syncs an Application (like {@code argocd app sync}) and records the result on the build.
 * With {@code file:} the Application is read from the workspace and registered with the controller as owned by
 * this job, so the GitOps page, drift detection and self-heal follow it afterwards. The sync is queued on the
 * controller like every other operation (one per application at a time; a request made while another runs waits
 * and coalesces with it) and its progress is streamed to the build log. Aborting the build terminates it. Fails
 * the build unless the operation Succeeded; returns {@code [phase, message, revision, sync, health, resources]}.
 */
public class GitOpsSyncStep extends Step {

    static final String NAME = "gitopsSync";

    private String file;
    private String application;
    private boolean prune;
    private boolean dryRun;
    private String revision;
    private List<String> resources = new ArrayList<>();
    private int timeoutSeconds;
    private boolean waitHealthy;
    private int waitTimeoutSeconds = 300;
    private String local;

    @DataBoundConstructor
    public GitOpsSyncStep() {}

    public String getFile() {
        return file;
    }

    /** Workspace path of the Application YAML. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    public String getApplication() {
        return application;
    }

    /** Name of an application registered earlier. */
    @DataBoundSetter
    public void setApplication(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    public boolean isPrune() {
        return prune;
    }

    @DataBoundSetter
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getRevision() {
        return revision;
    }

    @DataBoundSetter
    public void setRevision(String revision) {
        this.revision = Util.fixEmptyAndTrim(revision);
    }

    public List<String> getResources() {
        return resources;
    }

    @DataBoundSetter
    public void setResources(List<String> resources) {
        this.resources = resources == null ? new ArrayList<>() : new ArrayList<>(resources);
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = Math.max(0, timeoutSeconds);
    }

    public boolean isWaitHealthy() {
        return waitHealthy;
    }

    @DataBoundSetter
    public void setWaitHealthy(boolean waitHealthy) {
        this.waitHealthy = waitHealthy;
    }

    public int getWaitTimeoutSeconds() {
        return waitTimeoutSeconds;
    }

    @DataBoundSetter
    public void setWaitTimeoutSeconds(int waitTimeoutSeconds) {
        this.waitTimeoutSeconds = waitTimeoutSeconds <= 0 ? 300 : waitTimeoutSeconds;
    }

    public String getLocal() {
        return local;
    }

    /** Workspace directory to render instead of Git ({@code argocd app sync --local}). */
    @DataBoundSetter
    public void setLocal(String local) {
        this.local = Util.fixEmptyAndTrim(local);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends GitOpsStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient GitOpsSyncStep step;
        private transient volatile EngineRuntime.Lease running;
        private transient volatile String runningApp;

        Execution(GitOpsSyncStep step, StepContext context) {
            super(context, NAME);
            this.step = step;
        }

        /** Waits for the controller's operation; fails clearly when the controller was replaced meanwhile. */
        static SyncOutcome await(CompletableFuture<SyncOutcome> queued, EngineRuntime.Lease lease, String app)
                throws Exception {
            while (true) {
                try {
                    return queued.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException stillRunning) {
                    if (lease.retired() && !queued.isDone()) {
                        throw new AbortException(NAME + " of " + app + " was stopped: the GitOps configuration was "
                                + "saved and the controller restarted; run the step again");
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new AbortException(NAME + " of " + app + " could not run: " + cause.getMessage());
                }
            }
        }

        @Override
        void onStop() {
            EngineRuntime.Lease lease = running;
            String app = runningApp;
            if (lease != null && app != null) {
                lease.engine().terminate(app, "the build was aborted");
            }
        }

        @Override
        public boolean start() throws Exception {
            // validate arguments on the CPS thread so mistakes fail fast with a clear message
            ResourceSelectors.parse(step.resources);
            return runInBackground(this::sync);
        }

        private Object sync(TaskListener listener) throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            AppResolver.Resolved resolved = AppResolver.resolve(NAME, step.file, step.application, workspace,
                    run.getParent(), Item.BUILD);
            String app = resolved.app().name();
            String by = AppResolver.initiatedBy(run);
            if (resolved.fromWorkspace()) {
                try {
                    GitOpsService.get().register(resolved.app(), resolved.yaml(), resolved.file(),
                            run.getParent().getFullName(), by);
                } catch (IllegalStateException e) {
                    throw new AbortException(NAME + ": " + e.getMessage());
                }
            }
            SyncRequest request = SyncRequest.manual(by)
                    .withPrune(step.prune)
                    .withDryRun(step.dryRun)
                    .withRevision(step.revision)
                    .withResources(ResourceSelectors.parse(step.resources))
                    .withTimeout(step.timeoutSeconds > 0 ? Duration.ofSeconds(step.timeoutSeconds) : null);
            EngineLog progress = new PrintStreamLog(listener.getLogger()).withPrefix(app + ": ");
            SyncOutcome outcome;
            try (LocalCopy copy = LocalCopy.of(NAME, step.local, workspace);
                    EngineRuntime.Lease lease = GitOpsService.get().lease();
                    RoutingLog.Subscription sub = lease.log().subscribe(app, progress)) {
                progress.info("sync requested" + (step.dryRun ? " (dry run)" : "") + (step.prune ? " with prune" : "")
                        + "; it waits for any operation already running for " + app);
                running = lease;
                runningApp = app;
                CompletableFuture<SyncOutcome> queued = lease.controller().requestSync(app,
                        request.withLocalDir(LocalCopy.pathOf(copy)));
                outcome = await(queued, lease, app);
            } finally {
                running = null;
            }
            GitOpsRunAction.record(run, RunSnapshots.ofSync(NAME, app, outcome, step.dryRun,
                    System.currentTimeMillis()));
            progress.info("sync " + outcome.phase() + ": " + outcome.message());
            if (!outcome.succeeded()) {
                throw new AbortException(NAME + " of " + app + " ended " + outcome.phase() + ": " + outcome.message());
            }
            LinkedHashMap<String, Object> result = StepResults.ofSync(outcome);
            if (step.waitHealthy && !step.dryRun && !"Healthy".equals(result.get("health"))) {
                return waitForHealth(new HealthWait(app, System.currentTimeMillis(), step.waitTimeoutSeconds, result),
                        listener, step.waitTimeoutSeconds);
            }
            return result;
        }
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Sync a GitOps application to its cluster";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
