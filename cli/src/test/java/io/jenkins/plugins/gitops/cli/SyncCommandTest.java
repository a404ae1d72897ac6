package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops sync} end to end against Git over HTTP and the fabric8 CRUD mock (the applications use client-side
 * apply, {@code ServerSideApply=false}: the mock has no server-side apply; fake controllers roll the Deployment
 * out). Exit 0 Succeeded, 1 Failed, 2 error.
 */
class SyncCommandTest {

    static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "shop", "web");
    static final ResourceKey CONFIG = new ResourceKey("", "ConfigMap", "shop", "web-config");

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

    @Test
    void streamsWavesAndResultsAndSucceeds() {
        CliRun run = cli.run("sync", "-f", app.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("web: wave -1 Sync: ConfigMap shop/web-config created\n")
                .contains("web: wave 1 Sync: apps/Deployment shop/web created\n")
                .doesNotContain("web: web:");
        assertThat(run.out().indexOf("wave -1")).isLessThan(run.out().indexOf("wave 1"));
        assertThat(run.out().strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("Succeeded: ");
        assertThat(cli.fx.cluster.exists(DEPLOYMENT)).isTrue();
        assertThat(cli.fx.cluster.exists(CONFIG)).isTrue();
    }

    @Test
    void aRejectedObjectFailsTheSyncWithExitOneAndNothingApplied() {
        cli.fx.cluster.reject("web", "admission webhook denied: image not signed");
        CliRun run = cli.run("sync", "-f", app.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Failed: ").contains("image not signed");
        assertThat(cli.fx.cluster.writes()).isEmpty();
        assertThat(cli.fx.cluster.exists(CONFIG)).isFalse();
    }

    @Test
    void dryRunChangesNothing() {
        CliRun run = cli.run("sync", "-f", app.toString(), "--dry-run");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(cli.fx.cluster.writes()).isEmpty();
        assertThat(cli.fx.cluster.exists(DEPLOYMENT)).isFalse();
        assertThat(cli.run("diff", "-f", app.toString()).exit()).isEqualTo(1);
        assertThat(cli.run("history", "-f", app.toString()).out().lines()).hasSize(1); // header only
    }

    @Test
    void pruneDeletesOnlyWhenAsked() {
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        cli.fx.repo.delete("apps/web/config.yaml");
        cli.fx.repo.commit("drop config");

        CliRun kept = cli.run("sync", "-f", app.toString());
        assertThat(kept.exit()).as(kept.out()).isZero();
        assertThat(kept.out()).contains("ConfigMap shop/web-config ignored: prune not enabled");
        assertThat(cli.fx.cluster.exists(CONFIG)).isTrue();

        CliRun pruned = cli.run("sync", "-f", app.toString(), "--prune");
        assertThat(pruned.exit()).as(pruned.out()).isZero();
        assertThat(pruned.out()).contains("ConfigMap shop/web-config pruned");
        assertThat(cli.fx.cluster.exists(CONFIG)).isFalse();
        assertThat(cli.run("diff", "-f", app.toString()).exit()).isZero();
    }

    @Test
    void resourceSyncsOnlyTheSelectedObject() {
        CliRun run = cli.run("sync", "-f", app.toString(), "--resource", "apps:Deployment:web");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(cli.fx.cluster.exists(DEPLOYMENT)).isTrue();
        assertThat(cli.fx.cluster.exists(CONFIG)).isFalse();
        assertThat(cli.run("diff", "-f", app.toString()).out()).contains("===== ConfigMap shop/web-config")
                .doesNotContain("===== apps/Deployment");

        CliRun core = cli.run("sync", "-f", app.toString(), "--resource", ":ConfigMap:shop/web-config");
        assertThat(core.exit()).as(core.out() + core.err()).isZero();
        assertThat(cli.fx.cluster.exists(CONFIG)).isTrue();
    }

    @Test
    void aMalformedResourceArgumentExitsTwo() {
        CliRun run = cli.run("sync", "-f", app.toString(), "--resource", "Deployment/web");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --resource must be GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME,"
                + " not 'Deployment/web'");
        assertThat(cli.fx.cluster.writes()).isEmpty();
    }

    @Test
    void jsonMirrorsArgoOperationState() throws Exception {
        CliRun run = cli.run("sync", "-f", app.toString(), "-o", "json");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode op = Yaml.JSON.readTree(run.out());
        assertThat(op.get("phase").asText()).isEqualTo("Succeeded");
        assertThat(op.get("message").asText()).isNotEmpty();
        Instant started = Instant.parse(op.get("startedAt").asText());
        assertThat(Instant.parse(op.get("finishedAt").asText())).isAfterOrEqualTo(started);
        assertThat(op.at("/syncResult/revision").asText()).isEqualTo(cli.fx.repo.head());
        assertThat(op.at("/syncResult/resources")).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("status").asText()).isEqualTo("Synced");
            assertThat(r.get("version").asText()).isEqualTo("v1");
            assertThat(r.get("namespace").asText()).isEqualTo("shop");
            assertThat(r.get("syncPhase").asText()).isEqualTo("Sync");
        });
        assertThat(op.at("/syncResult/resources")).extracting(r -> r.get("group").asText() + "/"
                + r.get("kind").asText() + "/" + r.get("name").asText())
                .containsExactlyInAnyOrder("/ConfigMap/web-config", "apps/Deployment/web");
    }
}
