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
            if ((step.application == null) == (step.file == null)) {
                throw new AbortException(NAME + ": give exactly one of application: (the name of a registered "
                        + "application) or file: (an Application or ApplicationSet YAML in the workspace)");
            }
            return runInBackground(this::status);
        }

        private Object status(TaskListener listener) throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            if (step.file != null) {
                return statusOfFile(run, listener);
            }
            AppResolver.Resolved resolved = AppResolver.registered(NAME, step.application, run.getParent(),
                    Item.READ);
            try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
                AppStatus status = lease.controller().status(step.application).orElse(null);
                return status(resolved.app(), status, lease, listener);
            }
        }

        /**
         * For each application of the file (one, or those an ApplicationSet generates): the controller's view when
         * this job registered it, else a fresh comparison. One application gives its map; a set a map by name.
         */
        private Object statusOfFile(Run<?, ?> run, TaskListener listener) throws Exception {
            AppResolver.Resolved resolved = AppResolver.fromWorkspace(NAME, step.file,
                    getContext().get(FilePath.class));
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
            if (c == null || step.refresh) {
                c = lease.engine().compare(app, null, null);
            }
            listener.getLogger().println("[gitops] " + StepResults.summary(c)
                    + (c.error() == null ? "" : ": " + c.error()));
            return StepResults.ofStatus(status, c);
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
