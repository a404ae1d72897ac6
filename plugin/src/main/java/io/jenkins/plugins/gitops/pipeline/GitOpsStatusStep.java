package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsStatus}: the sync and health of a registered application as the controller last saw it (or freshly
 * compared with {@code refresh: true}, or when the controller has not compared it yet). Returns
 * {@code [sync, health, healthMessage, revision, resources, outOfSync, error, operationPhase, operationMessage]}.
 */
public class GitOpsStatusStep extends Step {

    static final String NAME = "gitopsStatus";

    private final String application;
    private boolean refresh;

    @DataBoundConstructor
    public GitOpsStatusStep(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    public String getApplication() {
        return application;
    }

    public boolean isRefresh() {
        return refresh;
    }

    @DataBoundSetter
    public void setRefresh(boolean refresh) {
        this.refresh = refresh;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends GitOpsStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient GitOpsStatusStep step;

        Execution(GitOpsStatusStep step, StepContext context) {
            super(context, NAME);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            if (step.application == null) {
                throw new AbortException(NAME + ": application: is required");
            }
            return runInBackground(this::status);
        }

        private Object status(TaskListener listener) throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            AppResolver.Resolved resolved = AppResolver.registered(NAME, step.application, run.getParent(),
                    Item.READ);
            try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
                AppStatus status = lease.controller().status(step.application).orElse(null);
                AppComparison c = status == null ? null : status.comparison();
                if (c == null || step.refresh) {
                    c = lease.engine().compare(resolved.app(), null, null);
                }
                listener.getLogger().println("[gitops] " + StepResults.summary(c)
                        + (c.error() == null ? "" : ": " + c.error()));
                return StepResults.ofStatus(status, c);
            }
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
            return "Read the sync and health status of a GitOps application";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
