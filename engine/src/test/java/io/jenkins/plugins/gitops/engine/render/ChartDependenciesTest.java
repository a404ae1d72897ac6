package io.jenkins.plugins.gitops.engine.render;

import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.SHA;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.source.helm.HelmAuth;
import io.jenkins.plugins.gitops.engine.source.helm.HelmCharts;
import io.jenkins.plugins.gitops.engine.testing.ChartRepositoryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart in Git whose Chart.yaml declares dependencies that are not vendored: fetched as {@code helm dependency
 * build} does (Chart.lock honoured, else the constraint's highest version) from a real chart repository on loopback
 * with basic auth, and from {@code file://} paths inside the repository; rendered by the embedded Helm.
 */
class ChartDependenciesTest {

    @TempDir
    Path dir;

    ChartRepositoryServer server;
    HelmCharts charts;
    Path repo;

    @BeforeEach
    void setUp() throws IOException {
        server = ChartRepositoryServer.http(dir.resolve("server"), "ada", "s3cret-pass");
        for (String v : new String[] {"1.0.0", "1.2.0", "2.0.0"}) {
            server.publish(dir.resolve("work"), "redis", v, Map.of("cm.yaml", """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: {{ .Release.Name }}-redis}
                    data: {version: {{ .Chart.Version | quote }}, greeting: {{ .Values.greeting | quote }}}
                    """), null);
        }
        charts = new HelmCharts(dir.resolve("cache"), url -> url.startsWith(server.url())
                ? new HelmAuth("ada", "s3cret-pass", "") : HelmAuth.none(), Duration.ofSeconds(10));
        repo = Files.createDirectories(dir.resolve("repo"));
        Path app = Files.createDirectories(repo.resolve("apps/shop"));
        Files.createDirectories(app.resolve("templates"));
        Files.writeString(app.resolve("templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shop}\ndata: {x: \"1\"}\n");
        Files.writeString(app.resolve("Chart.yaml"), """
                apiVersion: v2
                name: shop
                version: 0.1.0
                dependencies:
                  - name: redis
                    version: "1.x"
                    repository: %s
                """.formatted(server.url()));
        Files.writeString(app.resolve("values.yaml"), "redis:\n  greeting: from-parent\n");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    RenderedManifests render() {
        ChartRepositories repositories = (r, c, v) -> charts.archive(charts.resolve(r, c, v, null));
        return new ManifestGenerator(RenderSettings.defaults(), null, null, repositories)
                .render(RenderRequest.of(repo, app("shop", "shop", "path: apps/shop"), SHA));
    }

    @Test
    void withoutALockFileTheConstraintsHighestVersionIsFetchedAndRendered() {
        RenderedManifests m = render();
        assertThat(RenderFixtures.find(m, "ConfigMap", "shop-redis").node().path("data").path("version").asText())
                .isEqualTo("1.2.0");
        assertThat(RenderFixtures.find(m, "ConfigMap", "shop-redis").node().path("data").path("greeting").asText())
                .as("the parent's values reach the fetched subchart").isEqualTo("from-parent");
        assertThat(RenderFixtures.find(m, "ConfigMap", "shop")).isNotNull();
        assertThat(Files.exists(repo.resolve("apps/shop/charts"))).as("the Git tree is never written").isFalse();
    }

    @Test
    void chartLockIsHonouredAndCachedArchivesAreReused() throws IOException {
        Files.writeString(repo.resolve("apps/shop/Chart.lock"), """
                dependencies:
                - name: redis
                  repository: %s
                  version: 1.0.0
                digest: sha256:0000
                generated: "2026-01-01T00:00:00Z"
                """.formatted(server.url()));
        assertThat(RenderFixtures.find(render(), "ConfigMap", "shop-redis").node().path("data").path("version")
                .asText()).isEqualTo("1.0.0");
        render();
        assertThat(server.requests("/redis-1.0.0.tgz")).as("downloaded once, then from the cache").isEqualTo(1);
        assertThat(server.requests("/index.yaml")).as("a locked version, once cached, needs no index").isEqualTo(1);
    }

    @Test
    void aLockFileMissingADependencyIsOutOfSync() throws IOException {
        Files.writeString(repo.resolve("apps/shop/Chart.lock"), "dependencies: []\n");
        assertThatThrownBy(this::render).hasMessage("application 'shop': chart 'apps/shop': the lock file is out of "
                + "sync with the dependencies in Chart.yaml ('redis' from " + server.url() + " is not locked); run "
                + "'helm dependency update' and commit the lock file");
    }

    @Test
    void fileDependenciesComeFromTheRepositoryAndMayNotLeaveIt() throws IOException {
        Path common = Files.createDirectories(repo.resolve("libs/common"));
        Files.createDirectories(common.resolve("templates"));
        Files.writeString(common.resolve("templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: common}\ndata: {}\n");
        Files.writeString(common.resolve("Chart.yaml"), "apiVersion: v2\nname: common\nversion: 0.0.1\n");
        Files.writeString(repo.resolve("apps/shop/Chart.yaml"), """
                apiVersion: v2
                name: shop
                version: 0.1.0
                dependencies:
                  - {name: common, version: 0.0.1, repository: "file://../../libs/common"}
                """);
        assertThat(RenderFixtures.find(render(), "ConfigMap", "common")).isNotNull();

        Files.writeString(repo.resolve("apps/shop/Chart.yaml"), """
                apiVersion: v2
                name: shop
                version: 0.1.0
                dependencies:
                  - {name: common, version: 0.0.1, repository: "file://../../../outside"}
                """);
        Files.createDirectories(dir.resolve("outside"));
        assertThatThrownBy(this::render).hasMessageContaining("leaves the repository");
    }

    @Test
    void aWrongPasswordForTheDependencyRepositoryIsOneClearLine() {
        charts = new HelmCharts(dir.resolve("cache2"), url -> new HelmAuth("ada", "nope-wrong", ""),
                Duration.ofSeconds(10));
        assertThatThrownBy(this::render)
                .hasMessage("application 'shop': chart 'apps/shop' dependency 'redis': chart 'redis' from "
                        + server.url() + ": 401 for index.yaml: the configured credentials (user 'ada') were refused")
                .message().doesNotContain("nope-wrong");
    }

    @Test
    void namedRepositoriesAreAClearError() throws IOException {
        Files.writeString(repo.resolve("apps/shop/Chart.yaml"), """
                apiVersion: v2
                name: shop
                version: 0.1.0
                dependencies:
                  - {name: redis, version: 1.x, repository: "@bitnami"}
                """);
        assertThatThrownBy(this::render).hasMessageContaining("dependency 'redis' names the repository '@bitnami' "
                + "by name");
    }
}
