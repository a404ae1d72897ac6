package io.jenkins.plugins.gitops.engine.project;

import static io.jenkins.plugins.gitops.engine.project.ProjectFixtures.app;
import static io.jenkins.plugins.gitops.engine.project.ProjectFixtures.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Destination;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectRegistryTest {

    private final ProjectRegistry registry = ProjectRegistry.of(List.of(project("team-a.yaml"),
            project("windows.yaml")));

    @Test
    void defaultProjectExistsWithoutADocument() {
        assertThat(registry.names()).containsExactly("default", "team-a", "team-w");
        assertThat(registry.require("default").isSourcePermitted("https://anything.example/x")).isTrue();
    }

    @Test
    void applicationIsCheckedAgainstItsProject() {
        Application app = app("web", "https://github.com/team-a/web", Destination.IN_CLUSTER, "team-a-web");
        assertThat(registry.policyFor(app).projectName()).isEqualTo("team-a");
        assertThat(registry.policyFor(app).applicationViolations(app)).isEmpty();
        assertThat(registry.syncWindowsFor(app).windows()).isEmpty();
    }

    @Test
    void unknownProjectIsAClearError() {
        Application app = app("web", "https://github.com/team-a/web", Destination.IN_CLUSTER, "x");
        Application other = new Application(app.name(), app.namespace(), "team-b", app.labels(), app.annotations(),
                app.sources(), false, app.destination(), app.syncPolicy(), app.ignoreDifferences(),
                app.revisionHistoryLimit(), app.file());
        assertThatThrownBy(() -> registry.policyFor(other))
                .isInstanceOfSatisfying(ProjectViolation.class,
                        v -> assertThat(v.violations().get(0).rule()).isEqualTo(ProjectRule.PROJECT))
                .hasMessage("application 'web' references project 'team-b', which does not exist "
                        + "(known projects: default, team-a, team-w)");
        assertThatThrownBy(() -> registry.require("nope"))
                .hasMessage("project 'nope' does not exist (known projects: default, team-a, team-w)");
    }

    @Test
    void duplicateProjectIsRejected() {
        assertThatThrownBy(() -> ProjectRegistry.of(List.of(project("team-a.yaml"), project("team-a.yaml"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("project 'team-a' is defined twice");
    }
}
