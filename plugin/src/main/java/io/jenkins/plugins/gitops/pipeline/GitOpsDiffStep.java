package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.action.GitOpsRunAction;
import io.jenkins.plugins.gitops.action.RunSnapshots;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import java.io.PrintStream;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsDiff}: compares an Application's desired state (Git, a revision, or a workspace directory) with the
 * cluster, prints the diff (Secret values masked) and records it on the build. Changes nothing and registers
 * nothing. Returns {@code true} when in sync; with {@code failOnDiff} a difference fails the build.
 */
public class GitOpsDiffStep extends Step {

    static final String NAME = "gitopsDiff";

    private String file;
    private String application;
    private String revision;
    private String local;
    private boolean failOnDiff;

    @DataBoundConstructor
    public GitOpsDiffStep() {}

    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    public String getApplication() {
        return application;
    }

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

    @DataBoundSetter
    public void setLocal(String local) {
        this.local = Util.fixEmptyAndTrim(local);
    }

    public boolean isFailOnDiff() {
        return failOnDiff;
    }

    @DataBoundSetter
    public void setFailOnDiff(boolean failOnDiff) {
        this.failOnDiff = failOnDiff;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends GitOpsStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient GitOpsDiffStep step;

        Execution(GitOpsDiffStep step, StepContext context) {
            super(context, NAME);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            return runInBackground(this::diff);
        }

        private Object diff(TaskListener listener) throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            AppResolver.Resolved resolved = AppResolver.resolve(NAME, step.file, step.application, workspace,
                    run.getParent(), Item.READ);
            AppComparison c;
            try (LocalCopy copy = LocalCopy.of(NAME, step.local, workspace);
                    EngineRuntime.Lease lease = GitOpsService.get().lease()) {
                c = lease.engine().compare(resolved.app(), step.revision, LocalCopy.pathOf(copy));
            }
            GitOpsRunAction.record(run, RunSnapshots.ofComparison(NAME, c, System.currentTimeMillis()));
            PrintStream out = listener.getLogger();
            if (c.error() != null) {
                throw new AbortException(NAME + ": cannot compare " + c.app() + ": " + c.error());
            }
            out.println("[gitops] " + StepResults.summary(c));
            for (ResourceStatus r : c.outOfSync()) {
                out.println("[gitops]   " + r.key() + (r.requiresPruning() ? " (to prune)" : "") + ": "
                        + String.join(", ", r.diffPaths()));
            }
            if (c.diff() != null && !c.diff().isEmpty()) {
                out.println(c.diff());
            }
            if (!c.inSync() && step.failOnDiff) {
                throw new AbortException(NAME + ": " + c.app() + " is " + c.syncStatus() + " ("
                        + c.outOfSync().size() + " resources differ) and failOnDiff is set");
            }
            return c.inSync();
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
            return "Show how a GitOps application differs from its cluster";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
