package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops diff} end to end: Git over HTTP, the fabric8 CRUD mock reached through a kubeconfig file (the
 * applications use client-side apply, {@code ServerSideApply=false}: the mock has no server-side apply). Exit codes
 * as {@code kubectl diff}: 0 in sync, 1 out of sync, 2 error.
 */
class DiffCommandTest {

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
    void outOfSyncExitsOneWithPathsAndAUnifiedDiffThenZeroAfterSync() {
        Path app = cli.web();
        CliRun before = cli.run("diff", "-f", app.toString());
        assertThat(before.exit()).as(before.err()).isEqualTo(1);
        assertThat(before.err()).isEmpty();
        assertThat(before.out())
                .contains("===== ConfigMap shop/web-config\n  (whole object): missing in cluster")
                .contains("===== apps/Deployment shop/web\n  (whole object): missing in cluster")
                .contains("--- live apps/Deployment shop/web (not in the cluster)\n+++ git apps/Deployment shop/web\n")
                .contains("+  replicas: 2\n");

        CliRun sync = cli.run("sync", "-f", app.toString());
        assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
        CliRun after = cli.run("diff", "-f", app.toString());
        assertThat(after.exit()).as(after.out() + after.err()).isZero();
        assertThat(after.out()).isEmpty();
    }

    @Test
    void driftShowsTheFieldPathAndBothValues() {
        Path app = cli.web();
        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        cli.fx.cluster.editDeployment("shop", "web", d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        CliRun drifted = cli.run("diff", "-f", app.toString());
        assertThat(drifted.exit()).isEqualTo(1);
        assertThat(drifted.out()).contains("===== apps/Deployment shop/web\n").contains("spec.replicas")
                .contains("-  replicas: 5\n").contains("+  replicas: 2\n").doesNotContain("web-config");
    }

    @Test
    void jsonHasArgoStatusShape() throws Exception {
        Path app = cli.web();
        CliRun run = cli.run("diff", "-f", app.toString(), "-o", "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        JsonNode json = Yaml.JSON.readTree(run.out());
        assertThat(json.at("/sync/status").asText()).isEqualTo("OutOfSync");
        assertThat(json.at("/sync/revision").asText()).isEqualTo(cli.fx.repo.head());
        assertThat(json.at("/health/status").asText()).isEqualTo("Missing");
        assertThat(json.at("/health").has("message")).isTrue();
        List<String> rows = new ArrayList<>();
        for (JsonNode r : json.get("resources")) {
            rows.add(String.join("|", r.get("group").asText(), r.get("version").asText(), r.get("kind").asText(),
                    r.get("namespace").asText(), r.get("name").asText(), r.get("status").asText(),
                    r.at("/health/status").asText(), String.valueOf(r.get("requiresPruning").asBoolean())));
            assertThat(r.get("health").has("message")).isTrue();
        }
        assertThat(rows).containsExactlyInAnyOrder(
                "|v1|ConfigMap|shop|web-config|OutOfSync|Missing|false",
                "apps|v1|Deployment|shop|web|OutOfSync|Missing|false");

        assertThat(cli.run("sync", "-f", app.toString()).exit()).isZero();
        CliRun synced = cli.run("diff", "-f", app.toString(), "-o", "json");
        assertThat(synced.exit()).isZero();
        JsonNode after = Yaml.JSON.readTree(synced.out());
        assertThat(after.at("/sync/status").asText()).isEqualTo("Synced");
        assertThat(after.at("/health/status").asText()).isEqualTo("Healthy");
    }

    /**
     * As a real process, so that {@code main}'s fail-fast default for the Kubernetes client's retries applies (the
     * client's own default retries ten times with backoff).
     */
    @Test
    void anUnreachableClusterExitsTwoWithOneLine() throws Exception {
        Path app = cli.web();
        Path kubeconfig = cli.write("dead-kubeconfig", cli.fx.kubeconfig().replace(cli.fx.clusterUrl(),
                "https://127.0.0.1:1/"));
        try (CliProcess p = CliProcess.start(List.of("diff", "-f", app.toString(), "--kubeconfig",
                kubeconfig.toString(), "--state-dir", cli.state.toString()))) {
            assertThat(p.waitFor(60)).isEqualTo(2);
            assertThat(p.out()).isEmpty();
            assertThat(p.err()).startsWith("error: ").contains("127.0.0.1:1").doesNotContain("\n");
        }
    }

    @Test
    void aBadApplicationFileExitsTwoNamingTheFileAndField() {
        Path app = cli.write("bad.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: bad}
                spec:
                  source: {repoURL: '%s', path: apps/web}
                """.formatted(cli.fx.repo.url()));
        CliRun run = cli.run("diff", "-f", app.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).startsWith("error: ").contains("bad.yaml").contains("spec.destination")
                .doesNotContain("\n");
    }

    @Test
    void aBrokenManifestInGitExitsTwoNamingTheFile() {
        cli.fx.repo.write("apps/web/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n");
        cli.fx.repo.commit("broken");
        CliRun run = cli.run("diff", "-f", cli.web().toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: ").contains("apps/web/broken.yaml").doesNotContain("\n");
    }
}
