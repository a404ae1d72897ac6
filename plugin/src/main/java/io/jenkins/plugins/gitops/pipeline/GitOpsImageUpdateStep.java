package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.engine.imageupdate.AppUpdateResult;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageStatus;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.imageupdate.ImageUpdates;
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
 * {@code gitopsImageUpdate}: runs the image updater now for one registered application ({@code application:}) or for
 * every application this job registered, and returns what changed: a list of
 * {@code [application, changes, commit, writeBack, error, images: [[alias, image, current, newest, message]]]}.
 * {@code dryRun: true} writes nothing. The step fails when an application's update failed (after logging each).
 */
public class GitOpsImageUpdateStep extends Step {

    static final String NAME = "gitopsImageUpdate";

    private String application;
    private boolean dryRun;

    @DataBoundConstructor
    public GitOpsImageUpdateStep() {}

    public String getApplication() {
        return application;
    }

    @DataBoundSetter
    public void setApplication(String application) {
        this.application = Util.fixEmptyAndTrim(application);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new GitOpsStepExecution(context, NAME, this::update);
    }

    private Object update(GitOpsStepExecution execution, TaskListener listener) throws Exception {
        Run<?, ?> run = execution.getContext().get(Run.class);
        List<Application> apps = new ArrayList<>();
        if (application != null) {
            apps.add(AppResolver.registered(NAME, application, run.getParent(), Item.BUILD).app());
        } else {
            String job = run.getParent().getFullName();
            for (Application a : ImageUpdates.registeredApplications()) {
                if (GitOpsService.get().registered(a.name()).filter(r -> r.getOwner().equals(job)).isPresent()) {
                    apps.add(a);
                }
            }
        }
        List<AppUpdateResult> results = ImageUpdates.get().loop().run(apps, dryRun);
        List<Object> out = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (AppUpdateResult r : results) {
            listener.getLogger().println("[gitops] image update of " + r.app() + ": " + (r.failed()
                    ? "FAILED: " + r.error() : r.changes().isEmpty() ? "up to date"
                    : (r.dryRun() ? "would update " : "updated ") + String.join(", ", r.changeLines())
                            + " via " + r.writeBack() + (r.commit().isEmpty() ? "" : " (commit " + r.commit() + ")")));
            if (r.failed()) {
                failures.add(r.app() + ": " + r.error());
            }
            out.add(map(r));
        }
        if (results.isEmpty()) {
            listener.getLogger().println("[gitops] no application with an argocd-image-updater.argoproj.io/"
                    + "image-list annotation");
        }
        if (!failures.isEmpty()) {
            throw new AbortException(NAME + ": " + String.join("; ", failures));
        }
        return out;
    }

    private static LinkedHashMap<String, Object> map(AppUpdateResult r) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("application", r.app());
        m.put("changes", new ArrayList<>(r.changeLines()));
        m.put("commit", r.commit());
        m.put("writeBack", r.writeBack());
        m.put("error", r.error());
        m.put("dryRun", r.dryRun());
        List<Object> images = new ArrayList<>();
        for (ImageStatus s : r.images()) {
            LinkedHashMap<String, Object> i = new LinkedHashMap<>();
            i.put("alias", s.alias());
            i.put("image", s.image());
            i.put("strategy", s.strategy());
            i.put("current", s.current());
            i.put("newest", s.newest());
            i.put("message", s.message());
            images.add(i);
        }
        m.put("images", images);
        return m;
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends GitOpsStepDescriptor {

        public DescriptorImpl() {
            super(NAME, "Check registries for new image tags and write them back (Argo CD Image Updater)");
        }
    }
}
