package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops history} and {@code gitops rollback}: every invocation is a new engine, so the history the first
 * syncs record must come from {@code --state-dir}. Git over HTTP and the fabric8 CRUD mock (client-side apply,
 * {@code ServerSideApply=false}: the mock has no server-side apply).
 */
class RollbackCommandTest {

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

    String liveImage() {
        return cli.fx.cluster.client().apps().deployments().inNamespace("shop").withName("web").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage();
    }

    List<String> historyRows() {
        CliRun run = cli.run("history", "-f", app.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0).split("\\s+")).startsWith("ID", "DEPLOYED", "REVISION", "INITIATED", "BY", "MESSAGE");
        return lines.subList(1, lines.size());
    }

    @Test
    void historyPersistsAcrossInvocationsAndRollbackRedeploysAnEntry() {
        String v1 = cli.fx.repo.head();
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        cli.fx.repo.write("apps/web/deployment.yaml", CliFixture.DEPLOYMENT.replace("nginx:1.27", "nginx:1.28"));
        String v2 = cli.fx.repo.commit("web v2");
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        assertThat(liveImage()).isEqualTo("nginx:1.28");

        List<String> rows = historyRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains(v1.substring(0, 7)).endsWith("web v1");
        assertThat(rows.get(1)).contains(v2.substring(0, 7)).endsWith("web v2");
        String firstId = rows.get(0).split("\\s+")[0];

        CliRun rollback = cli.run("rollback", "-f", app.toString(), "--id", firstId);
        assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("rolling back web to history entry " + firstId + " (" + v1 + ")")
                .contains("Succeeded: ");
        assertThat(liveImage()).isEqualTo("nginx:1.27");
        assertThat(historyRows()).hasSize(3).last().asString().contains(v1.substring(0, 7));
        // Git still says v2: the application is now out of sync, as in Argo CD after a rollback
        assertThat(cli.run("diff", "-f", app.toString()).exit()).isEqualTo(1);
    }

    @Test
    void rollbackWithoutIdGoesToThePreviousDeployment() {
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        cli.fx.repo.write("apps/web/deployment.yaml", CliFixture.DEPLOYMENT.replace("nginx:1.27", "nginx:1.28"));
        cli.fx.repo.commit("web v2");
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        CliRun rollback = cli.run("rollback", "-f", app.toString());
        assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
        assertThat(liveImage()).isEqualTo("nginx:1.27");
    }

    @Test
    void anUnknownIdOrAnAutomatedAppExitsTwo() {
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        CliRun unknown = cli.run("rollback", "-f", app.toString(), "--id", "42");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("error: ").contains("web has no history entry 42")
                .doesNotContain("\n");

        Path automated = cli.application("web", "apps/web", "shop",
                "syncPolicy:\n  automated: {prune: true}\n  syncOptions: [ServerSideApply=false]\n");
        CliRun refused = cli.run("rollback", "-f", automated.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("refused while automated sync is enabled");
    }
}
