package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Job;
import hudson.security.Permission;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.PluginThreads;
import io.jenkins.plugins.gitops.RegisteredApplication;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import java.io.IOException;
import jenkins.model.Jenkins;

/**
 * Finds what a step works on: an Application or an ApplicationSet from a YAML file in the workspace, or the
 * Application a job registered under a name. Runs as the build's authentication: an application owned by another
 * job is only available when the build holds {@code permission} on that job. A workspace file may not define
 * AppProjects: projects are the administrators' fence around applications, so pipelines cannot bring their own.
 */
final class AppResolver {

    /**
     * An application or an ApplicationSet (exactly one of {@code app} and {@code set} is set), the YAML it was read
     * from, and where that YAML came from.
     */
    record Resolved(Application app, ApplicationSet set, String yaml, String file, boolean fromWorkspace) {

        boolean isSet() {
            return set != null;
        }
    }

    private AppResolver() {}

    static Resolved resolve(String stepName, String file, String application, FilePath workspace, Job<?, ?> job,
            Permission permission) throws IOException, InterruptedException {
        if ((file == null) == (application == null)) {
            throw new AbortException(stepName + ": give exactly one of file: (an Application or ApplicationSet YAML in "
                    + "the workspace) or application: (the name of a registered application)");
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
        ArgoDocuments docs;
        try {
            docs = ArgoDocuments.parse(yaml, file);
        } catch (ValidationException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
        if (!docs.projects().isEmpty()) {
            throw new AbortException(stepName + ": " + file + " defines AppProject '" + docs.projects().get(0).name()
                    + "': projects are configured by administrators (Manage Jenkins, System, GitOps), not by "
                    + "pipelines");
        }
        int apps = docs.applications().size();
        int sets = docs.applicationSets().size();
        if (apps == 1 && sets == 0) {
            return new Resolved(docs.applications().get(0), null, yaml, file, true);
        }
        if (sets == 1 && apps == 0) {
            return new Resolved(null, docs.applicationSets().get(0), yaml, file, true);
        }
        throw new AbortException(stepName + ": " + file + " must hold exactly one Application or one ApplicationSet, "
                + "not " + apps + " Application(s) and " + sets + " ApplicationSet(s)");
    }

    /** Refuses an ApplicationSet where {@code parameter} only makes sense for one Application. */
    static Resolved requireApplication(String stepName, Resolved resolved, String parameter) throws AbortException {
        if (resolved.isSet()) {
            throw new AbortException(stepName + ": " + parameter + " applies to one Application, but " + resolved.file()
                    + " holds ApplicationSet '" + resolved.set().name() + "'");
        }
        return resolved;
    }

    /**
     * The Applications an ApplicationSet generates now (git generators read Git).
     *
     * @throws AbortException naming the set, the generator element and the parameters at fault
     */
    static Generated generate(String stepName, ApplicationSet set, EngineRuntime.Lease lease) throws AbortException {
        try {
            return PluginThreads.withPluginLoader(() -> lease.engine().generate(set));
        } catch (RuntimeException e) {
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
                        + "this build lacks the " + permission.name
                        + " permission on it");
            }
        }
        try {
            return new Resolved(ArgoDocuments.parseApplication(reg.getYaml(), reg.getFile()), null, reg.getYaml(),
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
