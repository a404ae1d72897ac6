package io.jenkins.plugins.gitops.pipeline;

import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.security.Permission;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The options of the steps that take an application and what to render it from ({@code gitopsSync},
 * {@code gitopsDiff}): {@code file:} (an Application or ApplicationSet YAML in the workspace) or {@code application:}
 * (a registered one), the Git {@code revision:} to render instead of the target revision, and a {@code local:}
 * workspace directory to render instead of Git ({@code argocd app sync/diff --local}). One place declares and
 * resolves them, so each step's file shows only what that step does.
 */
public abstract class ApplicationSourceStep extends Step {

    private String file;
    private String application;
    private String revision;
    private String local;

    public String getFile() {
        return file;
    }

    /** Workspace path of the Application (or ApplicationSet) YAML. */
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

    public String getRevision() {
        return revision;
    }

    @DataBoundSetter
    public void setRevision(String revision) {
        this.revision = Util.fixEmptyAndTrim(revision);
    }

    public String getLocal() {
        return local;
    }

    /** Workspace directory to render instead of Git. */
    @DataBoundSetter
    public void setLocal(String local) {
        this.local = Util.fixEmptyAndTrim(local);
    }

    /**
     * The application (or set) named by {@code file:} or {@code application:}, checked against {@code permission}
     * on the job that owns it.
     */
    final AppResolver.Resolved resolve(String stepName, GitOpsStepExecution execution, Permission permission)
            throws Exception {
        Run<?, ?> run = execution.getContext().get(Run.class);
        return AppResolver.resolve(stepName, file, application, workspace(execution), run.getParent(), permission);
    }

    static FilePath workspace(GitOpsStepExecution execution) throws Exception {
        return execution.getContext().get(FilePath.class);
    }
}
