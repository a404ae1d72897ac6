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
import io.jenkins.plugins.gitops.engine.sync.run.OutcomeLineLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
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
public class GitOpsSyncStep extends ApplicationSourceStep {

    static final String NAME = "gitopsSync";

    private boolean prune;
    private boolean dryRun;
    private List<String> resources = new ArrayList<>();
    private int timeoutSeconds;
    private boolean waitHealthy;
    private int waitTimeoutSeconds = 300;

    @DataBoundConstructor
    public GitOpsSyncStep() {}

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

    @Override
    public StepExecution start(StepContext context) throws Exception {
        // validate arguments on the CPS thread so mistakes fail fast with a clear message
        ResourceSelectors.parse(resources);
        return new GitOpsStepExecution(context, NAME, this::sync);
    }

    private Object sync(GitOpsStepExecution execution, TaskListener listener) throws Exception {
        Run<?, ?> run = execution.getContext().get(Run.class);
        FilePath workspace = workspace(execution);
        AppResolver.Resolved resolved = resolve(NAME, execution, Item.BUILD);
        if (resolved.isSet()) {
            return syncSet(execution, resolved, run, listener);
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
        try (LocalCopy copy = LocalCopy.of(NAME, getLocal(), workspace)) {
            result = syncOne(execution, app, LocalCopy.pathOf(copy), run, listener);
        }
        if (needsWait(result)) {
            return execution.waitForHealth(new HealthWait(app, System.currentTimeMillis(), waitTimeoutSeconds,
                    result), listener, waitTimeoutSeconds);
        }
        return result;
    }

    /**
     * Generates the set, registers it and its applications for this job, then syncs each application in
     * generation order; the first one that does not succeed fails the step (the rest are not synced).
     */
    private Object syncSet(GitOpsStepExecution execution, AppResolver.Resolved resolved, Run<?, ?> run,
            TaskListener listener) throws Exception {
        if (getLocal() != null) {
            AppResolver.requireApplication(NAME, resolved, "local:");
        }
        if (!resources.isEmpty()) {
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
                result = syncOne(execution, app, null, run, listener);
            } catch (AbortException failed) {
                List<String> rest = names.subList(names.indexOf(app) + 1, names.size());
                throw new AbortException(failed.getMessage() + (rest.isEmpty() ? ""
                        : " (ApplicationSet " + set.name() + ": not synced: " + String.join(", ", rest) + ")"));
            }
            results.put(app, result);
            if (needsWait(result)) {
                waits.add(new HealthWait(app, System.currentTimeMillis(), waitTimeoutSeconds, result));
            }
        }
        if (!waits.isEmpty()) {
            return execution.waitForHealth(waits, results, listener, waitTimeoutSeconds);
        }
        return results;
    }

    private boolean needsWait(LinkedHashMap<String, Object> result) {
        return waitHealthy && !dryRun && !"Healthy".equals(result.get("health"));
    }

    /** Queues a sync of one registered application, follows it in the log and records it on the build. */
    private LinkedHashMap<String, Object> syncOne(GitOpsStepExecution execution, String app, Path localDir,
            Run<?, ?> run, TaskListener listener) throws Exception {
        SyncRequest request = SyncRequest.manual(AppResolver.initiatedBy(run))
                .withPrune(prune)
                .withDryRun(dryRun)
                .withRevision(getRevision())
                .withResources(ResourceSelectors.parse(resources))
                .withTimeout(timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null)
                .withLocalDir(localDir);
        OutcomeLineLog progress = GitOpsStepExecution.progress(listener, app);
        SyncOutcome outcome = execution.queue(app, lease -> "sync" + (dryRun ? " (dry run)" : "")
                + (prune ? " with prune" : ""), progress, c -> c.requestSync(app, request));
        GitOpsRunAction.record(run, RunSnapshots.ofSync(NAME, app, outcome, dryRun, System.currentTimeMillis(),
                GitOpsStepExecution.failedHookLogs(outcome, app)));
        execution.ended(progress, app, outcome.phase(), outcome.message(), outcome.succeeded());
        return StepResults.ofSync(outcome);
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends GitOpsStepDescriptor {

        public DescriptorImpl() {
            super(NAME, "Sync a GitOps application to its cluster");
        }
    }
}
