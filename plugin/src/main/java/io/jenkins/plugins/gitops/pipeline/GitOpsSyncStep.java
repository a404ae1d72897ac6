package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.ApplicationSetSync;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.PrintStreamLog;
import io.jenkins.plugins.gitops.action.GitOpsRunAction;
import io.jenkins.plugins.gitops.action.RunSnapshots;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
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
 *
 * <p>A {@code file:} holding an ApplicationSet registers the set for this job, registers the applications it
 * generates (and unregisters those it no longer generates, as its policy allows), then syncs them one after the
 * other; the result maps each application's name to its result.
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
        private transient volatile ControllerOperation operation;

        Execution(GitOpsSyncStep step, StepContext context) {
            super(context, NAME);
            this.step = step;
        }

        @Override
        void onStop() {
            ControllerOperation op = operation;
            if (op != null) {
                op.terminate("the build was aborted");
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
            if (resolved.isSet()) {
                return syncSet(resolved, run, listener);
            }
            String app = resolved.app().name();
            if (resolved.fromWorkspace()) {
                try {
                    GitOpsService.get().register(resolved.app(), resolved.yaml(), resolved.file(),
                            run.getParent().getFullName(), AppResolver.initiatedBy(run));
                } catch (IllegalStateException e) {
                    throw new AbortException(NAME + ": " + e.getMessage());
                }
            }
            LinkedHashMap<String, Object> result;
            try (LocalCopy copy = LocalCopy.of(NAME, step.local, workspace)) {
                result = syncOne(app, LocalCopy.pathOf(copy), run, listener);
            }
            if (needsWait(result)) {
                return waitForHealth(new HealthWait(app, System.currentTimeMillis(), step.waitTimeoutSeconds, result),
                        listener, step.waitTimeoutSeconds);
            }
            return result;
        }

        /**
         * Generates the set, registers it and its applications for this job, then syncs each application in
         * generation order; the first one that does not succeed fails the step (the rest are not synced).
         */
        private Object syncSet(AppResolver.Resolved resolved, Run<?, ?> run, TaskListener listener) throws Exception {
            if (step.local != null) {
                AppResolver.requireApplication(NAME, resolved, "local:");
            }
            if (!step.resources.isEmpty()) {
                AppResolver.requireApplication(NAME, resolved, "resources:");
            }
            ApplicationSet set = resolved.set();
            EngineLog log = new PrintStreamLog(listener.getLogger());
            ApplicationSetSync.Result registered;
            try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
                Generated generated = AppResolver.generate(NAME, set, lease);
                registered = GitOpsService.get().registerApplicationSet(set, resolved.yaml(), resolved.file(),
                        run.getParent().getFullName(), generated, AppResolver.initiatedBy(run), log);
            } catch (IllegalStateException e) {
                throw new AbortException(NAME + ": " + e.getMessage());
            }
            if (!registered.problems().isEmpty()) {
                throw new AbortException(NAME + ": " + String.join("; ", registered.problems()));
            }
            List<String> names = registered.applications().stream().map(a -> a.name()).toList();
            log.info("ApplicationSet " + set.name() + " generates " + (names.isEmpty() ? "no applications"
                    : String.join(", ", names)) + "; syncing them one after the other");
            LinkedHashMap<String, Object> results = new LinkedHashMap<>();
            List<HealthWait> waits = new ArrayList<>();
            for (String app : names) {
                LinkedHashMap<String, Object> result;
                try {
                    result = syncOne(app, null, run, listener);
                } catch (AbortException failed) {
                    List<String> rest = names.subList(names.indexOf(app) + 1, names.size());
                    throw new AbortException(failed.getMessage() + (rest.isEmpty() ? ""
                            : " (ApplicationSet " + set.name() + ": not synced: " + String.join(", ", rest) + ")"));
                }
                results.put(app, result);
                if (needsWait(result)) {
                    waits.add(new HealthWait(app, System.currentTimeMillis(), step.waitTimeoutSeconds, result));
                }
            }
            if (!waits.isEmpty()) {
                return waitForHealth(waits, results, listener, step.waitTimeoutSeconds);
            }
            return results;
        }

        private boolean needsWait(LinkedHashMap<String, Object> result) {
            return step.waitHealthy && !step.dryRun && !"Healthy".equals(result.get("health"));
        }

        /** Queues a sync of one registered application, follows it in the log and records it on the build. */
        private LinkedHashMap<String, Object> syncOne(String app, Path localDir, Run<?, ?> run, TaskListener listener)
                throws Exception {
            SyncRequest request = SyncRequest.manual(AppResolver.initiatedBy(run))
                    .withPrune(step.prune)
                    .withDryRun(step.dryRun)
                    .withRevision(step.revision)
                    .withResources(ResourceSelectors.parse(step.resources))
                    .withTimeout(step.timeoutSeconds > 0 ? Duration.ofSeconds(step.timeoutSeconds) : null)
                    .withLocalDir(localDir);
            EngineLog progress = new PrintStreamLog(listener.getLogger()).withPrefix(app + ": ");
            ControllerOperation op = new ControllerOperation();
            operation = op;
            SyncOutcome outcome;
            java.util.Map<String, String> hookLogs;
            try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
                progress.info("sync requested" + (step.dryRun ? " (dry run)" : "") + (step.prune ? " with prune" : "")
                        + "; it waits for any operation already running for " + app);
                outcome = op.run(NAME, app, lease, progress, c -> c.requestSync(app, request));
                hookLogs = io.jenkins.plugins.gitops.action.HookLogs.ofFailedHooks(outcome, lease, app);
            } finally {
                operation = null;
            }
            GitOpsRunAction.record(run, RunSnapshots.ofSync(NAME, app, outcome, step.dryRun,
                    System.currentTimeMillis(), hookLogs));
            progress.info("sync " + outcome.phase() + ": " + outcome.message());
            if (!outcome.succeeded()) {
                throw new AbortException(NAME + " of " + app + " ended " + outcome.phase() + ": " + outcome.message());
            }
            return StepResults.ofSync(outcome);
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
