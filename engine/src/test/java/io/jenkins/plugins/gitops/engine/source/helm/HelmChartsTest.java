package io.jenkins.plugins.gitops.engine.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.testing.ChartRepositoryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts from a real chart repository on loopback (JDK HTTP server, charts packaged by helm-java, basic auth): version
 * selection as Argo CD does it, the digest-keyed cache, and every bad input as one line without the password.
 */
class HelmChartsTest {

    static final String CM = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: {{ .Release.Name }}-cm}
            data: {version: {{ .Chart.Version | quote }}, greeting: {{ .Values.greeting }}}
            """;

    @TempDir
    Path dir;

    ChartRepositoryServer repo;

    @BeforeEach
    void setUp() {
        repo = ChartRepositoryServer.http(dir.resolve("server"), "ada", "s3cret-pass");
        for (String v : new String[] {"1.0.0", "1.2.0", "1.3.0-rc.1", "2.0.0"}) {
            repo.publish(dir.resolve("work"), "web", v, Map.of("cm.yaml", CM), null);
        }
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    HelmCharts charts(String user, String password) {
        return new HelmCharts(dir.resolve("cache"), url -> new HelmAuth(user, password, ""), Duration.ofSeconds(10));
    }

    @Test
    void semverConstraintsPickTheHighestMatchingReleaseAsArgoCdDoes() throws IOException {
        HelmCharts charts = charts("ada", "s3cret-pass");
        assertThat(charts.resolve(repo.url(), "web", "1.x", null).version()).isEqualTo("1.2.0");
        assertThat(charts.resolve(repo.url(), "web", ">=1.0 <2", null).version()).isEqualTo("1.2.0");
        assertThat(charts.resolve(repo.url(), "web", ">=1.3.0-0 <2.0.0-0", null).version()).isEqualTo("1.3.0-rc.1");
        assertThat(charts.resolve(repo.url(), "web", "", null).version()).isEqualTo("2.0.0");
        HelmCharts.ResolvedChart pinned = charts.resolve(repo.url() + "/", "web", "1.0.0", null);
        assertThat(pinned.version()).isEqualTo("1.0.0");
        assertThat(pinned.description()).isEqualTo("test chart web");
        Path tree = charts.tree(pinned);
        assertThat(tree.getFileName().toString()).isEqualTo("web");
        assertThat(Files.readString(tree.resolve("Chart.yaml"))).contains("version: 1.0.0");
        assertThat(Files.readString(tree.resolve("templates/cm.yaml"))).contains(".Chart.Version");
    }

    @Test
    void archivesAreDownloadedOnceByDigestAndAPinnedVersionNeedsNoRequestOnceCached() {
        HelmCharts charts = charts("ada", "s3cret-pass");
        RefreshCycle cycle = RefreshCycle.begin();
        HelmCharts.ResolvedChart first = charts.resolve(repo.url(), "web", "1.x", cycle);
        HelmCharts.ResolvedChart again = charts.resolve(repo.url(), "web", "~1.2", cycle);
        assertThat(again.digest()).isEqualTo(first.digest());
        assertThat(repo.requests("/index.yaml")).as("index read once per refresh cycle").isEqualTo(1);
        assertThat(repo.requests("/web-1.2.0.tgz")).as("archive downloaded once").isEqualTo(1);
        assertThat(charts.downloads()).isEqualTo(1);

        charts.resolve(repo.url(), "web", "1.x", RefreshCycle.begin());
        assertThat(repo.requests("/index.yaml")).as("a new cycle reads the index again").isEqualTo(2);
        assertThat(repo.requests("/web-1.2.0.tgz")).as("but not the archive it already has").isEqualTo(1);

        HelmCharts restarted = charts("ada", "s3cret-pass");
        HelmCharts.ResolvedChart pinned = restarted.resolve(repo.url(), "web", "1.2.0", RefreshCycle.begin());
        assertThat(pinned.digest()).isEqualTo(first.digest());
        assertThat(repo.requests("/index.yaml")).as("a pinned, cached version asks nothing").isEqualTo(2);
        assertThat(restarted.tree(pinned)).isEqualTo(charts.tree(first));
    }

    @Test
    void aWrongPasswordIsOneLineNamingChartRepositoryAndUserButNeverThePassword() {
        assertThatThrownBy(() -> charts("ada", "wrong-pass").resolve(repo.url(), "web", "1.x", null))
                .isInstanceOf(HelmRepositoryException.class)
                .hasMessage("chart 'web' from " + repo.url()
                        + ": 401 for index.yaml: the configured credentials (user 'ada') were refused")
                .message().doesNotContain("wrong-pass");
        assertThatThrownBy(() -> charts("", "").resolve(repo.url(), "web", "1.x", null))
                .hasMessageContaining("the repository requires credentials and none are configured for it");
    }

    @Test
    void aMissingChartAConstraintMatchingNothingAndAnUnpublishedPinAreClear() {
        HelmCharts charts = charts("ada", "s3cret-pass");
        assertThatThrownBy(() -> charts.resolve(repo.url(), "nginx", "15.x", null))
                .hasMessage("chart 'nginx' from " + repo.url() + ": the repository's index.yaml has no chart 'nginx'");
        assertThatThrownBy(() -> charts.resolve(repo.url(), "web", "9.x", null))
                .hasMessage("chart 'web' from " + repo.url() + ": no version matches the constraint '9.x' (newest: "
                        + "2.0.0, 1.3.0-rc.1, 1.2.0, 1.0.0)");
        assertThatThrownBy(() -> charts.resolve(repo.url(), "web", "1.1.0", null))
                .hasMessageContaining("version 1.1.0 is not published");
        assertThatThrownBy(() -> charts.resolve(repo.url(), "web", "main", null))
                .hasMessageContaining("targetRevision 'main' is neither a published version nor a semver constraint");
    }

    @Test
    void anUnreachableRepositoryAndANonRepositoryAreClear() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> charts("", "").resolve(closed, "web", "1.x", null))
                .isInstanceOf(HelmRepositoryException.class)
                .hasMessage("chart 'web' from " + closed + ": " + closed + " is unreachable (connection refused)");
        assertThatThrownBy(() -> charts("ada", "s3cret-pass").resolve(repo.url() + "/nothing-here", "web", "1.x",
                null)).hasMessageContaining("index.yaml not found (404); is repoURL a Helm chart repository?");
    }

    @Test
    void aDownloadThatDoesNotMatchThePublishedDigestIsRefused() throws IOException {
        ChartRepositoryServer.Published p = repo.publish(dir.resolve("work2"), "api", "0.1.0", Map.of("cm.yaml", CM),
                null);
        repo.corrupt(p);
        assertThatThrownBy(() -> charts("ada", "s3cret-pass").resolve(repo.url(), "api", "0.1.0", null))
                .hasMessageContaining("does not match the published sha256:" + p.digest());
    }

    @Test
    void httpsWithAPrivateCaNeedsTheCaAndWorksWithIt() {
        try (ChartRepositoryServer tls = ChartRepositoryServer.https(dir.resolve("tls"), "ada", "s3cret-pass")) {
            tls.publish(dir.resolve("work3"), "web", "3.1.4", Map.of("cm.yaml", CM), null);
            assertThatThrownBy(() -> charts("ada", "s3cret-pass").resolve(tls.url(), "web", "3.x", null))
                    .hasMessageContaining("TLS failure")
                    .hasMessageContaining("configure the repository's CA certificate");
            HelmCharts trusting = new HelmCharts(dir.resolve("cache-tls"),
                    url -> new HelmAuth("ada", "s3cret-pass", tls.caPem()), Duration.ofSeconds(10));
            assertThat(trusting.resolve(tls.url(), "web", "3.x", null).version()).isEqualTo("3.1.4");
        }
    }
}
