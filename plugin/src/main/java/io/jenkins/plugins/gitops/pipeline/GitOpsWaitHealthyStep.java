package io.jenkins.plugins.gitops.pipeline;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.LinkedHashMap;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsWaitHealthy}: waits until a registered application is Healthy (no operation running, a comparison
 * newer than the wait), like {@code argocd app wait --health}. Holds no thread while waiting (timer checks) and
 * continues after a Jenkins restart. Fails on timeout with the last state seen. Returns {@code [app, health, sync]}.
 */
public class GitOpsWaitHealthyStep extends Step {

    static final String NAME = "gitopsWaitHealthy";

    private final String application;
    private int timeoutSeconds = 300;

    @DataBoundConstructor
    public GitOpsWaitHealthyStep(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    public String getApplication() {
        return application;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds <= 0 ? 300 : timeoutSeconds;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends GitOpsStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient GitOpsWaitHealthyStep step;

        Execution(GitOpsWaitHealthyStep step, StepContext context) {
            super(context, NAME);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            require(NAME, "application", step.application);
            // the permission check reads the registry (no I/O beyond memory), then waiting is timer-driven
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            AppResolver.registered(NAME, step.application, run.getParent(), Item.READ);
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("app", step.application);
            result.put("health", "Unknown");
            result.put("sync", "Unknown");
            waitForHealth(new HealthWait(step.application, System.currentTimeMillis(), step.timeoutSeconds, result),
                    listener, step.timeoutSeconds);
            return false;
        }
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends GitOpsStepDescriptor {

        public DescriptorImpl() {
            super(NAME, "Wait until a GitOps application is Healthy");
        }
    }
}
