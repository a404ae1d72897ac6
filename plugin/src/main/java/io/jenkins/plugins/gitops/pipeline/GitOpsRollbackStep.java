package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.PrintStreamLog;
import io.jenkins.plugins.gitops.action.GitOpsRunAction;
import io.jenkins.plugins.gitops.action.RunSnapshots;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
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
        return new Execution(this, context);
    }

    static final class Execution extends GitOpsStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient GitOpsRollbackStep step;
        private transient volatile ControllerOperation operation;

        Execution(GitOpsRollbackStep step, StepContext context) {
            super(context, NAME);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            if (step.application == null) {
                throw new AbortException(NAME + ": application: is required");
            }
            return runInBackground(this::rollback);
        }

        @Override
        void onStop() {
            ControllerOperation op = operation;
            if (op != null) {
                op.terminate("the build was aborted");
            }
        }

        private Object rollback(TaskListener listener) throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            AppResolver.Resolved resolved = AppResolver.registered(NAME, step.application, run.getParent(),
                    Item.BUILD);
            String app = resolved.app().name();
            SyncRequest request = SyncRequest.manual(AppResolver.initiatedBy(run))
                    .withPrune(step.prune)
                    .withDryRun(step.dryRun);
            EngineLog progress = new PrintStreamLog(listener.getLogger()).withPrefix(app + ": ");
            ControllerOperation op = new ControllerOperation();
            operation = op;
            SyncOutcome outcome;
            java.util.Map<String, String> hookLogs;
            try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
                progress.info("rollback to " + target(lease.engine().history(app), step.id)
                        + (step.dryRun ? " (dry run)" : "") + " requested; it waits for any operation already "
                        + "running for " + app);
                outcome = op.run(NAME, app, lease, progress, c -> c.requestRollback(app, step.id, request));
                hookLogs = io.jenkins.plugins.gitops.action.HookLogs.ofFailedHooks(outcome, lease, app);
            } finally {
                operation = null;
            }
            GitOpsRunAction.record(run, RunSnapshots.ofSync(NAME, app, outcome, step.dryRun,
                    System.currentTimeMillis(), hookLogs));
            progress.info("rollback " + outcome.phase() + ": " + outcome.message());
            if (!outcome.succeeded()) {
                throw new AbortException(NAME + " of " + app + " ended " + outcome.phase() + ": "
                        + outcome.message());
            }
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
            return "Roll a GitOps application back to an earlier deployment";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
