package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Job;
import hudson.security.Permission;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.RegisteredApplication;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import java.io.IOException;
import jenkins.model.Jenkins;

/**
 * Finds the Application a step works on: from a YAML file in the workspace, or by the name of an application a
 * job registered. Runs as the build's authentication: an application owned by another job is only available when
 * the build holds {@code permission} on that job.
 */
final class AppResolver {

    /** An application, the YAML it was read from, and where that YAML came from. */
    record Resolved(Application app, String yaml, String file, boolean fromWorkspace) {}

    private AppResolver() {}

    static Resolved resolve(String stepName, String file, String application, FilePath workspace, Job<?, ?> job,
            Permission permission) throws IOException, InterruptedException {
        if ((file == null) == (application == null)) {
            throw new AbortException(stepName + ": give exactly one of file: (an Application YAML in the workspace) "
                    + "or application: (the name of a registered application)");
        }
        return file != null ? fromWorkspace(stepName, file, workspace) : registered(stepName, application, job,
                permission);
    }

    static Resolved fromWorkspace(String stepName, String file, FilePath workspace)
            throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(stepName + "(file: '" + file + "') reads the workspace: call it inside a node "
                    + "block, or use application: with the name of a registered application");
        }
        FilePath f = workspace.child(file);
        if (!f.exists()) {
            throw new AbortException(stepName + ": " + file + " does not exist in the workspace " + workspace.getRemote());
        }
        String yaml = f.readToString();
        try {
            return new Resolved(ArgoDocuments.parseApplication(yaml, file), yaml, file, true);
        } catch (ValidationException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
    }

    static Resolved registered(String stepName, String name, Job<?, ?> job, Permission permission)
            throws AbortException {
        RegisteredApplication reg = GitOpsService.get().registered(name).orElseThrow(() -> new AbortException(
                stepName + ": no application named '" + name + "' is registered; register it with "
                        + "gitopsSync(file: 'path/to/application.yaml')"));
        if (!reg.getOwner().equals(job.getFullName())) {
            Job<?, ?> owner = Jenkins.get().getItemByFullName(reg.getOwner(), Job.class);
            if (owner == null || !owner.hasPermission(permission)) {
                throw new AbortException(stepName + ": application '" + name + "' belongs to another job, and "
                        + "this build lacks the " + (permission == Item.BUILD ? "Build" : "Read")
                        + " permission on it");
            }
        }
        try {
            return new Resolved(ArgoDocuments.parseApplication(reg.getYaml(), reg.getFile()), reg.getYaml(),
                    reg.getFile(), false);
        } catch (ValidationException e) {
            throw new AbortException(stepName + ": the registered application '" + name + "' is no longer valid: "
                    + e.getMessage());
        }
    }

    /** {@code folder/job #12}: what the engine records as initiatedBy. */
    static String initiatedBy(hudson.model.Run<?, ?> run) {
        return run.getParent().getFullName() + " #" + run.getNumber();
    }
}
