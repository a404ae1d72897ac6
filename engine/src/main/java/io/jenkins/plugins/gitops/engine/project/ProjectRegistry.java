package io.jenkins.plugins.gitops.engine.project;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.project.ProjectViolation.Violation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The known {@code AppProject}s by name. As in Argo CD, a project named {@code default} exists even without a
 * document and then allows everything ({@link AppProject#permissiveDefault()}); a document named {@code default}
 * replaces it. Every project's globs and sync windows are validated when the registry is built.
 */
public final class ProjectRegistry {

    private final Map<String, ProjectPolicy> policies = new LinkedHashMap<>();
    private final Map<String, SyncWindows> windows = new LinkedHashMap<>();

    private ProjectRegistry(Collection<AppProject> projects) {
        add(AppProject.permissiveDefault());
        for (AppProject p : projects) {
            add(p);
        }
    }

    /**
     * A registry of the given projects plus the implicit default project.
     *
     * @throws IllegalArgumentException when two documents define the same project
     * @throws io.jenkins.plugins.gitops.engine.model.ValidationException when a project has a malformed glob or sync
     *     window (names the file and field)
     */
    public static ProjectRegistry of(Collection<AppProject> projects) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (AppProject p : projects) {
            String previous = seen.put(p.name(), p.file());
            if (previous != null) {
                throw new IllegalArgumentException("project '" + p.name() + "' is defined twice (" + previous
                        + " and " + p.file() + ")");
            }
        }
        return new ProjectRegistry(projects);
    }

    private void add(AppProject p) {
        policies.put(p.name(), ProjectPolicy.of(p));
        windows.put(p.name(), SyncWindows.of(p));
    }

    /** Project names, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(policies.keySet()));
    }

    public Optional<ProjectPolicy> find(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    /** The policy of a project; an unknown name is an error that lists the known projects. */
    public ProjectPolicy require(String name) {
        ProjectPolicy p = policies.get(name);
        if (p == null) {
            throw new IllegalArgumentException("project '" + name + "' does not exist (known projects: "
                    + String.join(", ", names()) + ")");
        }
        return p;
    }

    /** The policy of the application's project; an unknown project is a {@link ProjectViolation}. */
    public ProjectPolicy policyFor(Application app) {
        ProjectPolicy p = policies.get(app.project());
        if (p == null) {
            throw new ProjectViolation(app.project(), List.of(new Violation(ProjectRule.PROJECT,
                    "application '" + app.name() + "' references project '" + app.project()
                            + "', which does not exist (known projects: " + String.join(", ", names()) + ")")));
        }
        return p;
    }

    /** The sync windows of the application's project (validated when the registry was built). */
    public SyncWindows syncWindowsFor(Application app) {
        policyFor(app);
        return windows.get(app.project());
    }
}
