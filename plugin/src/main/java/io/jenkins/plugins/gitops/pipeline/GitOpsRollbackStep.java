package io.jenkins.plugins.gitops.pipeline;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.action.GitOpsRunAction;
import io.jenkins.plugins.gitops.action.RunSnapshots;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.sync.run.OutcomeLineLog;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsRollback}: syncs a registered application back to a revision of its history
 * ({@code argocd app rollback}); {@code id} is a history id, default the entry before the current one. The rollback
 * is queued on the controller like a sync: it waits for an operation already running for the application, its
 * progress is streamed to the build log, and aborting the build terminates it. Refused while automated sync is
 * enabled (it would undo the rollback), as in Argo CD. Returns what {@code gitopsSync} returns.
 */
public class GitOpsRollbackStep extends Step {

    static final String NAME = "gitopsRollback";

    private final String application;
    private long id = -1;
    private boolean prune;
    private boolean dryRun;

    @DataBoundConstructor
    public GitOpsRollbackStep(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    public String getApplication() {
        return application;
    }

    public long getId() {
        return id;
    }

    /** History id to go back to; negative (the default) for the previous entry. */
    @DataBoundSetter
    public void setId(long id) {
        this.id = id;
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

    @Override
    public StepExecution start(StepContext context) throws Exception {
        GitOpsStepExecution.require(NAME, "application", application);
        return new GitOpsStepExecution(context, NAME, this::rollback);
    }

    private Object rollback(GitOpsStepExecution execution, TaskListener listener) throws Exception {
        Run<?, ?> run = execution.getContext().get(Run.class);
        String app = AppResolver.registered(NAME, application, run.getParent(), Item.BUILD).app().name();
        SyncRequest request = SyncRequest.manual(AppResolver.initiatedBy(run)).withPrune(prune).withDryRun(dryRun);
        OutcomeLineLog progress = GitOpsStepExecution.progress(listener, app);
        SyncOutcome outcome = execution.queue(app, lease -> "rollback to " + target(lease.engine().history(app), id)
                + (dryRun ? " (dry run)" : ""), progress, c -> c.requestRollback(app, id, request));
        GitOpsRunAction.record(run, RunSnapshots.ofSync(NAME, app, outcome, dryRun, System.currentTimeMillis(),
                GitOpsStepExecution.failedHookLogs(outcome, app)));
        execution.ended(progress, app, outcome.phase(), outcome.message(), outcome.succeeded());
        return StepResults.ofSync(outcome);
    }

    /** {@code history entry 3 (1a2b3c4)} or {@code the previous deployment}, for the log. */
    static String target(List<HistoryEntry> history, long id) {
        if (id < 0) {
            return "the previous deployment";
        }
        return history.stream().filter(h -> h.id() == id && h.revision() != null).findFirst()
                .map(h -> "history entry " + id + " (" + h.revision().substring(0, Math.min(7,
                        h.revision().length())) + ")")
                .orElse("history entry " + id);
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends GitOpsStepDescriptor {

        public DescriptorImpl() {
            super(NAME, "Roll a GitOps application back to an earlier deployment");
        }
    }
}
