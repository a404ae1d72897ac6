package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops status} end to end against Git over HTTP and the fabric8 CRUD mock (applications use client-side
 * apply, {@code ServerSideApply=false}: the mock has no server-side apply). Exit 0 in sync, 1 out of sync, 2 error.
 */
class StatusCommandTest {

    @TempDir
    Path dir;

    CliFixture cli;

    @BeforeEach
    void setUp() {
        cli = new CliFixture(dir).webApp();
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    @Test
    void textTableBeforeAndAfterSync() {
        Path app = cli.web();
        CliRun before = cli.run("status", "-f", app.toString());
        assertThat(before.exit()).as(before.err()).isEqualTo(1);
        String shortSha = cli.fx.repo.head().substring(0, 7);
        assertThat(before.out()).contains("Name:      web\n").contains("Revision:  " + shortSha + " web v1\n")
                .contains("Sync:      OutOfSync\n").contains("Health:    Missing");
        assertThat(before.out().lines().filter(l -> l.startsWith("GROUP"))).singleElement()
                .satisfies(l -> assertThat(l.split("\\s+")).containsExactly("GROUP", "KIND", "NAMESPACE", "NAME",
                        "STATUS", "HEALTH", "MESSAGE"));
        assertThat(before.out().lines().filter(l -> l.contains("Deployment"))).singleElement()
                .satisfies(l -> assertThat(l.split("\\s+", 7)).containsExactly("apps", "Deployment", "shop", "web",
                        "OutOfSync", "Missing", "resource does not exist in the cluster"));

        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        CliRun after = cli.run("status", "-f", app.toString());
        assertThat(after.exit()).as(after.out() + after.err()).isZero();
        assertThat(after.out()).contains("Sync:      Synced\n").contains("Health:    Healthy");
        assertThat(after.out().lines().filter(l -> l.contains("web-config"))).singleElement()
                .satisfies(l -> assertThat(l.split("\\s+")).containsExactly("", "ConfigMap", "shop", "web-config",
                        "Synced"));
    }

    @Test
    void aResourceToPruneIsMarked() {
        Path app = cli.web();
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        cli.fx.repo.delete("apps/web/config.yaml");
        cli.fx.repo.commit("drop config");
        CliRun run = cli.run("status", "-f", app.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> l.contains("web-config"))).singleElement()
                .satisfies(l -> assertThat(l).contains("OutOfSync*"));
    }

    @Test
    void jsonMirrorsTheApplicationStatus() throws Exception {
        Path app = cli.web();
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        CliRun run = cli.run("status", "-f", app.toString(), "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = Yaml.JSON.readTree(run.out());
        assertThat(json.at("/sync/status").asText()).isEqualTo("Synced");
        assertThat(json.at("/sync/revision").asText()).isEqualTo(cli.fx.repo.head());
        assertThat(json.at("/health/status").asText()).isEqualTo("Healthy");
        assertThat(json.get("resources")).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("status").asText()).isEqualTo("Synced");
            assertThat(r.get("requiresPruning").asBoolean()).isFalse();
        });
        // as in Argo CD, only kinds with a health check have a health (a ConfigMap has none)
        assertThat(json.get("resources")).filteredOn(r -> r.get("kind").asText().equals("Deployment")).singleElement()
                .satisfies(r -> assertThat(r.at("/health/status").asText()).isEqualTo("Healthy"));
        assertThat(json.get("resources")).filteredOn(r -> r.get("kind").asText().equals("ConfigMap")).singleElement()
                .satisfies(r -> assertThat(r.has("health")).isFalse());
    }

    @Test
    void aComparisonErrorExitsTwoWithTheConditionInJson() throws Exception {
        cli.fx.repo.write("apps/web/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n");
        cli.fx.repo.commit("broken");
        CliRun text = cli.run("status", "-f", cli.web().toString());
        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.out()).isEmpty();
        assertThat(text.err().strip()).startsWith("error: ").contains("apps/web/broken.yaml").doesNotContain("\n");

        CliRun json = cli.run("status", "-f", cli.web().toString(), "-o", "json");
        assertThat(json.exit()).isEqualTo(2);
        JsonNode status = Yaml.JSON.readTree(json.out());
        assertThat(status.at("/sync/status").asText()).isEqualTo("Unknown");
        assertThat(status.at("/conditions/0/type").asText()).isEqualTo("ComparisonError");
        assertThat(status.at("/conditions/0/message").asText()).contains("apps/web/broken.yaml");
    }
}
