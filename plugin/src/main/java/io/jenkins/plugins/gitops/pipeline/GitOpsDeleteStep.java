package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.engine.DeleteOutcome;
import io.jenkins.plugins.gitops.engine.DeleteRequest;
import io.jenkins.plugins.gitops.engine.sync.run.OutcomeLineLog;
import java.time.Duration;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsDelete}: deletes a registered application like {@code argocd app delete}: PreDelete hooks, then the
 * resources it tracks (unless {@code cascade: 'orphan'}), then PostDelete hooks; on success the application is
 * unregistered. Queued on the controller behind any running operation; progress goes to the build log; aborting
 * the build terminates it. Needs the Configure permission on the job that owns the application when another job
 * runs it. Conversion only: {@code GitOpsEngine.delete} does the work.
 */
public class GitOpsDeleteStep extends Step {

    static final String NAME = "gitopsDelete";

    private final String application;
    private String cascade = "foreground";
    private boolean confirm;
    private int timeoutSeconds;

    @DataBoundConstructor
    public GitOpsDeleteStep(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    public String getApplication() {
        return application;
    }

    public String getCascade() {
        return cascade;
    }

    /** {@code foreground} (default), {@code background} or {@code orphan}. */
    @DataBoundSetter
    public void setCascade(String cascade) {
        String c = Util.fixEmptyAndTrim(cascade);
        this.cascade = c == null ? "foreground" : c;
    }

    public boolean isConfirm() {
        return confirm;
    }

    /** Also delete resources marked {@code Delete=confirm}. */
    @DataBoundSetter
    public void setConfirm(boolean confirm) {
        this.confirm = confirm;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = Math.max(0, timeoutSeconds);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        GitOpsStepExecution.require(NAME, "application", application);
        return new GitOpsStepExecution(context, NAME, this::delete);
    }

    private Object delete(GitOpsStepExecution execution, TaskListener listener) throws Exception {
        DeleteRequest.Cascade mode;
        try {
            mode = DeleteRequest.Cascade.parse(cascade);
        } catch (IllegalArgumentException e) {
            throw new AbortException(NAME + ": cascade: " + e.getMessage());
        }
        Run<?, ?> run = execution.getContext().get(Run.class);
        String app = AppResolver.registered(NAME, application, run.getParent(), Item.CONFIGURE).app().name();
        DeleteRequest request = new DeleteRequest(mode, confirm,
                timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null, AppResolver.initiatedBy(run), null,
                null);
        OutcomeLineLog progress = GitOpsStepExecution.progress(listener, app);
        DeleteOutcome outcome = execution.queue(app, lease -> "deletion (cascade " + mode + ")", progress,
                c -> c.requestDelete(app, request));
        execution.ended(progress, app, outcome.phase(), outcome.message(), outcome.succeeded());
        GitOpsService.get().unregister(app);
        progress.info("unregistered");
        return StepResults.ofDelete(outcome);
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends GitOpsStepDescriptor {

        public DescriptorImpl() {
            super(NAME, "Delete a GitOps application and its resources");
        }

        public ListBoxModel doFillCascadeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("foreground: delete the resources, wait until they and their dependents are gone",
                    "foreground");
            items.add("background: delete the resources, dependents go afterwards", "background");
            items.add("orphan: leave every resource in the cluster", "orphan");
            return items;
        }
    }
}
