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
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.Application;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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
 * {@code gitopsDiff}: compares an Application's desired state (Git, a revision, or a workspace directory) with the
 * cluster, prints the diff (Secret values masked) and records it on the build. Changes nothing and registers
 * nothing. Returns {@code true} when in sync; with {@code failOnDiff} a difference fails the build. A {@code file:}
 * holding an ApplicationSet compares every application it generates and returns whether each is in sync, by name;
 * it registers nothing either, so a diff of a pull request never deploys its Applications.
 */
public class GitOpsDiffStep extends ApplicationSourceStep {

    static final String NAME = "gitopsDiff";

    private boolean failOnDiff;

    @DataBoundConstructor
    public GitOpsDiffStep() {}

    public boolean isFailOnDiff() {
        return failOnDiff;
    }

    @DataBoundSetter
    public void setFailOnDiff(boolean failOnDiff) {
        this.failOnDiff = failOnDiff;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new GitOpsStepExecution(context, NAME, this::diff);
    }

    private Object diff(GitOpsStepExecution execution, TaskListener listener) throws Exception {
        Run<?, ?> run = execution.getContext().get(Run.class);
        FilePath workspace = workspace(execution);
        AppResolver.Resolved resolved = resolve(NAME, execution, Item.READ);
        if (resolved.isSet()) {
            return diffSet(resolved, run, listener);
        }
        AppComparison c;
        try (LocalCopy copy = LocalCopy.of(NAME, getLocal(), workspace);
                EngineRuntime.Lease lease = GitOpsService.get().lease()) {
            c = compare(resolved.app(), LocalCopy.pathOf(copy), lease, run, listener);
        }
        if (c.error() != null) {
            throw new AbortException(NAME + ": cannot compare " + c.app() + ": " + c.error());
        }
        if (!c.inSync() && failOnDiff) {
            throw new AbortException(NAME + ": " + c.app() + " is " + c.syncStatus() + " ("
                    + c.outOfSync().size() + " resources differ) and failOnDiff is set");
        }
        return c.inSync();
    }

    /**
     * Compares every application the set generates (registering nothing); returns whether each is in sync, by
     * name. Fails after comparing them all when one cannot be compared, or differs and failOnDiff is set.
     */
    private Object diffSet(AppResolver.Resolved resolved, Run<?, ?> run, TaskListener listener)
            throws Exception {
        if (getLocal() != null) {
            AppResolver.requireApplication(NAME, resolved, "local:");
        }
        LinkedHashMap<String, Object> results = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
            Generated generated = AppResolver.generate(NAME, resolved.set(), lease);
            listener.getLogger().println("[gitops] ApplicationSet " + resolved.set().name() + " generates "
                    + generated.list().size() + " application(s)");
            for (Application app : generated.list()) {
                AppComparison c = compare(app, null, lease, run, listener);
                results.put(app.name(), c.error() == null && c.inSync());
                if (c.error() != null) {
                    errors.add(app.name() + ": " + c.error());
                } else if (!c.inSync()) {
                    differing.add(app.name());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new AbortException(NAME + ": cannot compare " + String.join("; ", errors));
        }
        if (!differing.isEmpty() && failOnDiff) {
            throw new AbortException(NAME + ": " + String.join(", ", differing) + " differ from the cluster "
                    + "and failOnDiff is set");
        }
        return results;
    }

    /** Compares one application, records the comparison on the build and prints it. */
    private AppComparison compare(Application app, Path localDir, EngineRuntime.Lease lease, Run<?, ?> run,
            TaskListener listener) throws IOException {
        AppComparison c = lease.engine().compare(app, getRevision(), localDir);
        GitOpsRunAction.record(run, RunSnapshots.ofComparison(NAME, c, System.currentTimeMillis()));
        if (c.error() != null) {
            return c;
        }
        PrintStream out = listener.getLogger();
        out.println("[gitops] " + StepResults.summary(c));
        for (ResourceStatus r : c.outOfSync()) {
            out.println("[gitops]   " + r.key() + (r.requiresPruning() ? " (to prune)" : "") + ": "
                    + String.join(", ", r.diffPaths()));
        }
        if (c.diff() != null && !c.diff().isEmpty()) {
            out.println(c.diff());
        }
        return c;
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends GitOpsStepDescriptor {

        public DescriptorImpl() {
            super(NAME, "Show how a GitOps application differs from its cluster");
        }
    }
}
