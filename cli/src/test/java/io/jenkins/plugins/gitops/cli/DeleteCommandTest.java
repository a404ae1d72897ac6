package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops delete} against Git over HTTP and the fabric8 CRUD mock (its fake controllers complete Jobs, and fail
 * those whose name contains "fail"). The same deletion on a real control plane is proven by the engine's
 * {@code DeleteOnHarnessTest}. Exit 0 deleted, 1 Failed, 2 error.
 */
class DeleteCommandTest {

    static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "shop", "web");
    static final ResourceKey CONFIG = new ResourceKey("", "ConfigMap", "shop", "web-config");
    static final ResourceKey BACKUP = new ResourceKey("batch", "Job", "shop", "backup");

    @TempDir
    Path dir;

    CliFixture cli;
    Path app;

    @BeforeEach
    void setUp() {
        cli = new CliFixture(dir).webApp();
        app = cli.web();
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    static String job(String name, String hook) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                  annotations: {argocd.argoproj.io/hook: %s}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: j, image: busybox}]
                """.formatted(name, hook);
    }

    void syncWithHooks(String preDeleteJob) {
        cli.fx.repo.write("apps/web/backup.yaml", job(preDeleteJob, "PreDelete"));
        cli.fx.repo.write("apps/web/notify.yaml", job("notify", "PostDelete"));
        cli.fx.repo.commit("delete hooks");
        CliRun sync = cli.run("sync", "-f", app.toString());
        assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).doesNotContain("backup").doesNotContain("notify");
    }

    @Test
    void deletesTheResourcesBetweenPreDeleteAndPostDeleteHooks() {
        syncWithHooks("backup");

        CliRun run = cli.run("delete", "-f", app.toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String out = run.out();
        assertThat(out).contains("web: deleting application web (cascade foreground)\n")
                .contains("web: PreDelete hook batch/Job shop/backup created")
                .contains("web: wave 1 Sync: ConfigMap shop/web-config pruned") // prunes take mirrored waves
                .contains("web: PostDelete hook batch/Job shop/notify created");
        assertThat(out.indexOf("PreDelete hook batch/Job shop/backup Succeeded"))
                .isLessThan(out.indexOf("apps/Deployment shop/web pruned"));
        assertThat(out.indexOf("ConfigMap shop/web-config pruned"))
                .isLessThan(out.indexOf("PostDelete hook batch/Job shop/notify created"));
        assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow())
                .startsWith("Succeeded: application web deleted (cascade foreground): 3 resource(s) deleted");
        assertThat(out.split("application web deleted", -1)).as("the outcome is said once:\n" + out).hasSize(2);
        assertThat(cli.fx.cluster.exists(DEPLOYMENT)).isFalse();
        assertThat(cli.fx.cluster.exists(CONFIG)).isFalse();
        assertThat(cli.run("status", "-f", app.toString()).out()).contains("Missing");
    }

    @Test
    void aFailingPreDeleteHookExitsOneAndDeletesNothing() {
        syncWithHooks("backup-fail");

        CliRun run = cli.run("delete", "-f", app.toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Failed: deletion of web stopped: PreDelete hook(s) did not complete")
                .contains("backup-fail").contains("Nothing was deleted");
        assertThat(run.out().split("deletion of web stopped", -1)).as("the outcome is said once:\n" + run.out())
                .hasSize(2);
        assertThat(cli.fx.cluster.exists(DEPLOYMENT)).isTrue();
        assertThat(cli.fx.cluster.exists(CONFIG)).isTrue();
    }

    @Test
    void orphanLeavesTheResourcesAndJsonDescribesTheOutcome() throws Exception {
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();

        CliRun run = cli.run("delete", "-f", app.toString(), "--cascade", "orphan", "-y", "-o", "json");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode json = Yaml.JSON.readTree(run.out());
        assertThat(json.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(json.path("cascade").asText()).isEqualTo("orphan");
        assertThat(json.path("resources")).isEmpty();
        assertThat(cli.fx.cluster.exists(DEPLOYMENT)).isTrue();
        assertThat(cli.fx.cluster.exists(CONFIG)).isTrue();
    }

    @Test
    void withoutYesAndWithoutATerminalNothingIsDeleted() {
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();

        CliRun run = cli.run("delete", "-f", app.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: deletion of web not confirmed (no terminal to ask on: pass --yes)");
        assertThat(cli.fx.cluster.exists(DEPLOYMENT)).isTrue();
    }

    @Test
    void anUnknownCascadeIsAnError() {
        CliRun run = cli.run("delete", "-f", app.toString(), "--cascade", "sideways", "--yes");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown cascade 'sideways'; expected one of foreground, background, orphan");
    }
}
