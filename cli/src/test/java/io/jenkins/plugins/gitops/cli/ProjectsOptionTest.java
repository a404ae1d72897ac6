package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --projects}: the AppProject is enforced before any render or apply, for every command. The "team" project
 * here allows only the namespace {@code prod}; the application deploys to {@code shop} (client-side apply,
 * {@code ServerSideApply=false}: the fabric8 CRUD mock has no server-side apply).
 */
class ProjectsOptionTest {

    static final String TEAM = """
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata: {name: team}
            spec:
              sourceRepos: ['*']
              destinations: [{server: '*', namespace: prod}]
            """;

    @TempDir
    Path dir;

    CliFixture cli;
    Path app;
    Path project;

    @BeforeEach
    void setUp() {
        cli = new CliFixture(dir).webApp();
        app = cli.application("web", "apps/web", "shop", "project: team\n" + CliFixture.CSA);
        project = cli.write("projects/team.yaml", TEAM);
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    static void assertRefusedByDestinationRule(CliRun run) {
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: ")
                .contains("application 'web' may not deploy to namespace 'shop'")
                .contains("not permitted by project 'team'").contains("destinations").doesNotContain("\n");
    }

    @Test
    void syncIsRefusedAndNothingIsApplied() {
        CliRun run = cli.run("sync", "-f", app.toString(), "--projects", project.toString());
        assertRefusedByDestinationRule(run);
        assertThat(cli.fx.cluster.writes()).isEmpty();
        assertThat(cli.fx.cluster.exists(new ResourceKey("", "ConfigMap", "shop", "web-config"))).isFalse();
    }

    @Test
    void renderDiffAndStatusAreRefusedToo() {
        CliRun render = cli.run("render", "-f", app.toString(), "--projects", project.toString());
        assertRefusedByDestinationRule(render);
        assertThat(render.out()).isEmpty();
        assertRefusedByDestinationRule(cli.run("diff", "-f", app.toString(), "--projects", project.toString()));
        assertRefusedByDestinationRule(cli.run("status", "-f", app.toString(), "--projects", project.toString()));
        assertThat(cli.fx.cluster.writes()).isEmpty();
    }

    @Test
    void aDirectoryOfProjectsWorksAndAPermittedAppSyncs() {
        Path prod = cli.application("web", "apps/web", "prod", "project: team\n" + CliFixture.CSA);
        CliRun run = cli.run("sync", "-f", prod.toString(), "--projects", project.getParent().toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(cli.fx.cluster.exists(new ResourceKey("apps", "Deployment", "prod", "web"))).isTrue();
    }

    @Test
    void anUnknownProjectIsAnError() {
        CliRun run = cli.run("sync", "-f", app.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: ")
                .contains("references project 'team', which does not exist (known projects: default)");
        assertThat(cli.fx.cluster.writes()).isEmpty();
    }

    @Test
    void badProjectPathsAreNamed() {
        Path twice = cli.write("more/team.yaml", TEAM);
        CliRun duplicate = cli.run("render", "-f", app.toString(), "--projects", project.toString(), "--projects",
                twice.toString());
        assertThat(duplicate.exit()).isEqualTo(2);
        assertThat(duplicate.err()).contains("project 'team' is defined twice").contains("projects/team.yaml")
                .contains("more/team.yaml");

        CliRun none = cli.run("render", "-f", app.toString(), "--projects", app.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("error: --projects " + app + ": no AppProject found");

        CliRun missing = cli.run("render", "-f", app.toString(), "--projects", dir.resolve("nope").toString());
        assertThat(missing.err().strip()).isEqualTo("error: --projects " + dir.resolve("nope")
                + ": no such file or directory");
    }
}
