package io.jenkins.plugins.gitops.config;

import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.project.ProjectRegistry;
import java.util.List;

/**
 * The AppProjects of the global configuration: a YAML stream of {@code AppProject} documents, read by the engine's
 * own parser and checked the way the engine will use them (globs, sync windows, one document per name). Only
 * administrators write them; a pipeline cannot bring its own project, so an Application cannot escape the rules of
 * the project it names.
 */
public final class ProjectDocuments {

    /** Names the configuration in error messages, where a file name would be. */
    public static final String SOURCE = "GitOps AppProjects (Manage Jenkins, System)";

    private ProjectDocuments() {}

    /**
     * The projects in {@code yaml}; none for empty text.
     *
     * @throws IllegalArgumentException (or the engine's ValidationException) naming the document and field at fault
     */
    public static List<AppProject> parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return List.of();
        }
        ArgoDocuments docs = ArgoDocuments.parse(yaml, SOURCE);
        if (!docs.applications().isEmpty() || !docs.applicationSets().isEmpty()) {
            throw new IllegalArgumentException(SOURCE + ": only AppProject documents belong here, found "
                    + docs.applications().size() + " Application(s) and " + docs.applicationSets().size()
                    + " ApplicationSet(s); pipelines register those with gitopsSync");
        }
        ProjectRegistry.of(docs.projects());
        return docs.projects();
    }

    /** Form validation: the project names when valid, else the first problem. */
    static FormValidation check(String yaml) {
        try {
            List<AppProject> projects = parse(yaml);
            if (projects.isEmpty()) {
                return FormValidation.ok("No AppProjects: every Application uses the built-in 'default' project, "
                        + "which allows any repository, destination and kind");
            }
            return FormValidation.ok(projects.size() + " AppProject(s): " + String.join(", ",
                    projects.stream().map(AppProject::name).toList()));
        } catch (RuntimeException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Stands in for unreadable projects: a {@code default} project that permits nothing, so a broken configuration
     * refuses every application rather than letting all of them through.
     */
    public static AppProject denyAll() {
        return new AppProject("default", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                SOURCE);
    }
}
