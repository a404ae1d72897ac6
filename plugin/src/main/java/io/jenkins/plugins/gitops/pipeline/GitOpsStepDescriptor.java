package io.jenkins.plugins.gitops.pipeline;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * Descriptor shared by the GitOps steps: a function name, a display name, and the context every step needs (the
 * build and its log; steps that read the workspace ask for it when they run, so they also work outside
 * {@code node}).
 */
public abstract class GitOpsStepDescriptor extends StepDescriptor {

    private final String functionName;
    private final String displayName;

    protected GitOpsStepDescriptor(String functionName, String displayName) {
        this.functionName = functionName;
        this.displayName = displayName;
    }

    @Override
    public final String getFunctionName() {
        return functionName;
    }

    @Override
    public final String getDisplayName() {
        return displayName;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }
}
