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
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.util.LinkedHashMap;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsStatus}: the sync and health of a registered application as the controller last saw it (or freshly
 * compared with {@code refresh: true}, or when the controller has not compared it yet). Returns
 * {@code [sync, health, healthMessage, revision, resources, outOfSync, error, operationPhase, operationMessage]}.
 * With {@code file:} instead of {@code application:}, the Application in the workspace file, or every application
 * the ApplicationSet in it generates (then a map by name); registers nothing.
 */
public class GitOpsStatusStep extends Step {

    static final String NAME = "gitopsStatus";

    private final String application;
    private String file;
    private boolean refresh;

    @DataBoundConstructor
    public GitOpsStatusStep(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    public String getApplication() {
        return application;
    }

    public String getFile() {
        return file;
    }

    /** Workspace path of an Application or ApplicationSet YAML, instead of {@code application}. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
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
        if ((application == null) == (file == null)) {
            throw new AbortException(NAME + ": give exactly one of application: (the name of a registered "
                    + "application) or file: (an Application or ApplicationSet YAML in the workspace)");
        }
        return new GitOpsStepExecution(context, NAME, this::status);
    }

    private Object status(GitOpsStepExecution execution, TaskListener listener) throws Exception {
        Run<?, ?> run = execution.getContext().get(Run.class);
        if (file != null) {
            return statusOfFile(execution, run, listener);
        }
        AppResolver.Resolved resolved = AppResolver.registered(NAME, application, run.getParent(),
                Item.READ);
        try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
            AppStatus status = lease.controller().status(application).orElse(null);
            return status(resolved.app(), status, lease, listener);
        }
    }

    /**
     * For each application of the file (one, or those an ApplicationSet generates): the controller's view when
     * this job registered it, else a fresh comparison. One application gives its map; a set a map by name.
     */
    private Object statusOfFile(GitOpsStepExecution execution, Run<?, ?> run, TaskListener listener)
            throws Exception {
        AppResolver.Resolved resolved = AppResolver.fromWorkspace(NAME, file,
                execution.getContext().get(FilePath.class));
        String job = run.getParent().getFullName();
        try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
            List<Application> apps = resolved.isSet()
                    ? AppResolver.generate(NAME, resolved.set(), lease).list() : List.of(resolved.app());
            LinkedHashMap<String, Object> results = new LinkedHashMap<>();
            for (Application app : apps) {
                boolean ours = GitOpsService.get().registered(app.name())
                        .filter(r -> r.getOwner().equals(job)).isPresent();
                AppStatus status = ours ? lease.controller().status(app.name()).orElse(null) : null;
                results.put(app.name(), status(app, status, lease, listener));
            }
            return resolved.isSet() ? results : results.get(resolved.app().name());
        }
    }

    private LinkedHashMap<String, Object> status(Application app, AppStatus status, EngineRuntime.Lease lease,
            TaskListener listener) {
        AppComparison c = status == null ? null : status.comparison();
        if (c == null || refresh) {
            c = lease.engine().compare(app, null, null);
        }
        listener.getLogger().println("[gitops] " + StepResults.summary(c)
                + (c.error() == null ? "" : ": " + c.error()));
        return StepResults.ofStatus(status, c);
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends GitOpsStepDescriptor {

        public DescriptorImpl() {
            super(NAME, "Read the sync and health status of a GitOps application");
        }
    }
}
