package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageUpdateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void dryRunThenUpdateCommitsTheOverrideFileAndReportsEveryImage() throws Exception {
        try (CliFixture cli = new CliFixture(tmp.resolve("cli"));
                TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
            registry.push("team/web", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
            registry.push("team/web", "1.4.2", Instant.parse("2026-01-02T00:00:00Z"));
            try (Git bare = Git.open(cli.fx.git.repositoryDir("deploy").toFile())) {
                StoredConfig c = bare.getRepository().getConfig();
                c.setBoolean("http", null, "receivepack", true); // anonymous push for this test server
                c.save();
            }
            cli.fx.repo.write("apps/img/kustomization.yaml", "resources: [deployment.yaml]\n")
                    .write("apps/img/deployment.yaml", """
                            apiVersion: apps/v1
                            kind: Deployment
                            metadata: {name: web}
                            spec:
                              selector: {matchLabels: {app: web}}
                              template:
                                metadata: {labels: {app: web}}
                                spec:
                                  containers: [{name: web, image: '%s/team/web:1.0.0'}]
                            """.formatted(registry.host()))
                    .commit("img app");
            Path apps = tmp.resolve("cli/apps");
            cli.write("apps/img.yaml", """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata:
                      name: img
                      annotations:
                        argocd-image-updater.argoproj.io/image-list: web=%s/team/web:1.x
                        argocd-image-updater.argoproj.io/write-back-method: git
                    spec:
                      source: {repoURL: '%s', path: apps/img, targetRevision: main}
                      destination: {server: 'https://kubernetes.default.svc', namespace: shop}
                    """.formatted(registry.host(), cli.fx.repo.url()));
            cli.write("apps/plain.yaml", cli.applicationYaml("plain", "apps/img", "shop", ""));

            CliRun dry = cli.run("image-update", "--apps", apps.toString(), "--dry-run");
            assertThat(dry.exit()).as(dry.err()).isZero();
            assertThat(dry.out()).startsWith("img: would update (" + registry.host() + "/team/web 1.0.0 -> 1.4.2) via git ")
                    .contains("  web " + registry.host() + "/team/web [semver] current 1.0.0, newest allowed 1.4.2")
                    .doesNotContain("plain");

            CliRun run = cli.run("image-update", "--apps", apps.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("img: updated (" + registry.host() + "/team/web 1.0.0 -> 1.4.2) via git ")
                    .contains("apps/img/.argocd-source-img.yaml, commit ");

            CliRun again = cli.run("image-update", "--apps", apps.toString(), "-o", "json");
            assertThat(again.exit()).isZero();
            assertThat(again.out()).contains("\"application\" : \"img\"").contains("\"changes\" : [ ]")
                    .contains("\"current\" : \"1.4.2\"");
        }
    }

    @Test
    void aBadAnnotationFailsWithExitTwoAndAClearLine() throws Exception {
        try (CliFixture cli = new CliFixture(tmp.resolve("cli"))) {
            cli.write("apps/bad.yaml", """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata:
                      name: bad
                      annotations:
                        argocd-image-updater.argoproj.io/image-list: web=nginx
                        argocd-image-updater.argoproj.io/web.update-strategy: newest
                    spec:
                      source: {repoURL: '%s', path: apps/img, targetRevision: main}
                      destination: {server: 'https://kubernetes.default.svc', namespace: shop}
                    """.formatted(cli.fx.repo.url()));
            CliRun run = cli.run("image-update", "--apps", tmp.resolve("cli/apps").toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).startsWith("bad: FAILED: argocd-image-updater.argoproj.io/web.update-strategy: "
                    + "unknown update strategy 'newest'");
        }
    }
}
