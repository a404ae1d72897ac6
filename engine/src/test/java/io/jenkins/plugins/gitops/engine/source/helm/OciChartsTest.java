package io.jenkins.plugins.gitops.engine.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.testing.RegistryTokenServer;
import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts from a real OCI registry on loopback (Debian's docker-registry, the CNCF distribution registry): charts
 * pushed by helm-java's {@code helm push} (Helm's own OCI layout), versions from the tag list, basic-auth challenges.
 */
class OciChartsTest {

    @TempDir
    Path dir;

    Path packaged(String name, String version) throws IOException {
        Path chart = Files.createDirectories(dir.resolve("src-" + version).resolve(name));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: oci-cm}\ndata: {v: {{ .Chart.Version | quote }}}\n");
        Path out = Files.createDirectories(dir.resolve("pkg"));
        new Helm(chart).packageIt().withDestination(out).call();
        return out.resolve(name + "-" + version + ".tgz");
    }

    HelmCharts charts(String user, String password) {
        return new HelmCharts(dir.resolve("cache"), url -> new HelmAuth(user, password, ""), Duration.ofSeconds(10));
    }

    @Test
    void chartsPushedByHelmResolveByConstraintAndDownloadOnce() throws IOException {
        try (TestRegistry registry = TestRegistry.start(dir.resolve("registry"))) {
            for (String v : new String[] {"0.1.0", "0.2.0", "0.3.0+build.7", "1.0.0"}) {
                Helm.push().withChart(packaged("podinfo", v)).withRemote(URI.create("oci://" + registry.host()
                        + "/charts")).plainHttp().call();
            }
            String url = "oci://" + registry.host() + "/charts";
            HelmCharts charts = charts("", "");
            RefreshCycle cycle = RefreshCycle.begin();
            HelmCharts.ResolvedChart chart = charts.resolve(url, "podinfo", "0.x", cycle);
            assertThat(chart.version()).as("Helm's '_' tag read back as '+'").isEqualTo("0.3.0+build.7");
            assertThat(Files.readString(charts.tree(chart).resolve("Chart.yaml"))).contains("0.3.0+build.7");
            assertThat(charts.resolve(url, "podinfo", "~0.3", cycle).digest()).isEqualTo(chart.digest());
            assertThat(charts.downloads()).isEqualTo(1);
            assertThat(charts.listings()).as("tags listed once per cycle").isEqualTo(1);
            assertThat(charts.resolve(url, "podinfo", "1.0.0", null).version()).isEqualTo("1.0.0");

            assertThatThrownBy(() -> charts.resolve(url, "podinfo", ">=2", null))
                    .hasMessage("chart 'podinfo' from " + url + ": no version matches the constraint '>=2' (newest: "
                            + "1.0.0, 0.3.0+build.7, 0.2.0, 0.1.0)");
            assertThatThrownBy(() -> charts.resolve(url, "nginx", "1.x", null))
                    .hasMessage("chart 'nginx' from " + url + ": chart not found (the registry has no repository "
                            + "charts/nginx)");
            assertThatThrownBy(() -> charts.resolve(url, "podinfo", "0.9.0", null))
                    .hasMessage("chart 'podinfo' from " + url + ": version 0.9.0 not found in the registry");
        }
    }

    @Test
    void aRegistryBehindBasicAuthNeedsTheRightPasswordAndNeverShowsIt() throws IOException {
        try (TestRegistry registry = TestRegistry.start(dir.resolve("registry"), "robot", "tok3n-value")) {
            Path tgz = packaged("api", "2.4.0");
            registry.pushHelmChart("team/api", "2.4.0", "{\"name\":\"api\",\"version\":\"2.4.0\"}",
                    Files.readAllBytes(tgz));
            String url = "oci://" + registry.host() + "/team";
            HelmCharts.ResolvedChart chart = charts("robot", "tok3n-value").resolve(url, "api", "^2", null);
            assertThat(chart.version()).isEqualTo("2.4.0");
            assertThat(chart.digest()).isEqualTo(TestRegistry.digest(Files.readAllBytes(tgz)).substring(7));

            assertThatThrownBy(() -> new HelmCharts(dir.resolve("cache2"), u -> new HelmAuth("robot", "bad-token", ""),
                    Duration.ofSeconds(10)).resolve(url, "api", "^2", null))
                    .hasMessage("chart 'api' from " + url + ": 401 for the tag list: the configured credentials "
                            + "(user 'robot') were refused")
                    .message().doesNotContain("bad-token");
            assertThatThrownBy(() -> new HelmCharts(dir.resolve("cache3"), u -> HelmAuth.none(),
                    Duration.ofSeconds(10)).resolve(url, "api", "2.4.0", null))
                    .hasMessageContaining("the registry requires credentials and none are configured for it");
        }
    }

    @Test
    void aRegistryWithTokenAuthenticationGetsAPullTokenWithTheConfiguredCredentials() throws IOException {
        try (RegistryTokenServer tokens = RegistryTokenServer.start(dir.resolve("tokens"), "robot", "tok3n-value",
                List.of("team/api"));
                TestRegistry registry = TestRegistry.startWithTokenAuth(dir.resolve("registry"), tokens)) {
            Path tgz = packaged("api", "3.0.1");
            registry.pushHelmChart("team/api", "3.0.1", "{\"name\":\"api\",\"version\":\"3.0.1\"}",
                    Files.readAllBytes(tgz));
            String url = "oci://" + registry.host() + "/team";
            HelmCharts charts = charts("robot", "tok3n-value");
            HelmCharts.ResolvedChart chart = charts.resolve(url, "api", "3.x", RefreshCycle.begin());
            assertThat(chart.version()).isEqualTo("3.0.1");
            assertThat(Files.readString(charts.tree(chart).resolve("Chart.yaml"))).contains("version: 3.0.1");
            assertThat(tokens.issued()).as("one pull token, reused for tags, manifest and blob").isEqualTo(1);

            assertThatThrownBy(() -> new HelmCharts(dir.resolve("cache2"), u -> new HelmAuth("robot", "bad-token", ""),
                    Duration.ofSeconds(10)).resolve(url, "api", "3.x", null))
                    .hasMessage("chart 'api' from " + url + ": the registry's token service refused the configured "
                            + "credentials (user 'robot')")
                    .message().doesNotContain("bad-token");
        }
    }
}
