package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.PrintStreamLog;
import io.jenkins.plugins.gitops.engine.DeleteOutcome;
import io.jenkins.plugins.gitops.engine.DeleteRequest;
import io.jenkins.plugins.gitops.engine.EngineLog;
import java.time.Duration;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
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
        return new Execution(this, context);
    }

    static final class Execution extends GitOpsStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient GitOpsDeleteStep step;
        private transient volatile ControllerOperation operation;

        Execution(GitOpsDeleteStep step, StepContext context) {
            super(context, NAME);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            if (step.application == null) {
                throw new AbortException(NAME + ": application: is required");
            }
            return runInBackground(this::delete);
        }

        @Override
        void onStop() {
            ControllerOperation op = operation;
            if (op != null) {
                op.terminate("the build was aborted");
            }
        }

        private Object delete(TaskListener listener) throws Exception {
            DeleteRequest.Cascade cascade;
            try {
                cascade = DeleteRequest.Cascade.parse(step.cascade);
            } catch (IllegalArgumentException e) {
                throw new AbortException(NAME + ": cascade: " + e.getMessage());
            }
            Run<?, ?> run = getContext().get(Run.class);
            AppResolver.Resolved resolved = AppResolver.registered(NAME, step.application, run.getParent(),
                    Item.CONFIGURE);
            String app = resolved.app().name();
            DeleteRequest request = new DeleteRequest(cascade, step.confirm,
                    step.timeoutSeconds > 0 ? Duration.ofSeconds(step.timeoutSeconds) : null,
                    AppResolver.initiatedBy(run), null, null);
            EngineLog progress = new PrintStreamLog(listener.getLogger()).withPrefix(app + ": ");
            ControllerOperation op = new ControllerOperation();
            operation = op;
            DeleteOutcome outcome;
            try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
                progress.info("deletion (cascade " + cascade + ") requested; it waits for any operation already "
                        + "running for " + app);
                outcome = op.run(NAME, app, lease, progress, c -> c.requestDelete(app, request));
            } finally {
                operation = null;
            }
            if (!outcome.succeeded()) {
                throw new AbortException(NAME + " of " + app + " ended " + outcome.phase() + ": "
                        + outcome.message());
            }
            GitOpsService.get().unregister(app);
            progress.info("deleted and unregistered: " + outcome.message());
            return StepResults.ofDelete(outcome);
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
            return "Delete a GitOps application and its resources";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
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
