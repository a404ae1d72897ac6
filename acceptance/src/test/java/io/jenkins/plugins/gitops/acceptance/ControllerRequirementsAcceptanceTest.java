package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.application;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a controller needs (docs/USER-GUIDE.md, Requirements), checked on the suite's real Jenkins: it runs on a PATH
 * without kubectl or kustomize, with the .hpi as built (no helm-java native library inside, under 30 MB), and the
 * tools are set up as an administrator would (see {@link RealJenkins}): a Kustomize installation installed
 * automatically from a release archive, and helm-java's native jar fetched from a Maven repository. A Kustomize and a
 * Helm application then sync from Git.
 */
class ControllerRequirementsAcceptanceTest {

    private static RealJenkins jenkins;

    @BeforeAll
    static void start() {
        jenkins = RealJenkins.get();
        jenkins.repo
                .write("requirements/kustomize/kustomization.yaml", """
                        namePrefix: kust-
                        commonLabels: {rendered-by: kustomize}
                        resources: [configmap.yaml]
                        """)
                .write("requirements/kustomize/configmap.yaml", Fixtures.configMap("settings", "tool", "kustomize"))
                .write("requirements/helm/Chart.yaml", "apiVersion: v2\nname: req-chart\nversion: 0.1.0\n")
                .write("requirements/helm/values.yaml", "greeting: hello-from-helm\n")
                .write("requirements/helm/templates/configmap.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {{ .Release.Name }}-settings
                        data:
                          greeting: {{ .Values.greeting | quote }}
                          chart: {{ .Chart.Name }}
                        """)
                .commit("Kustomize and Helm applications for the controller requirements");
    }

    @Test
    void jenkinsRunsWithoutKubectlOrKustomizeOnItsPathAndTheHpiBundlesNoHelmNativeLibrary() throws IOException {
        String environ = Files.readString(Path.of("/proc/" + jenkins.pid + "/environ"), StandardCharsets.ISO_8859_1);
        String path = Arrays.stream(environ.split("\0")).filter(e -> e.startsWith("PATH=")).findFirst().orElseThrow()
                .substring(5);
        for (String dir : path.split(":")) {
            assertThat(Path.of(dir, "kubectl")).as("the Jenkins PATH %s", path).doesNotExist();
            assertThat(Path.of(dir, "kustomize")).as("the Jenkins PATH %s", path).doesNotExist();
        }
        assertThat(Path.of(jenkins.pathWithoutKube.toString(), "java")).exists();

        long size = Files.size(jenkins.hpi);
        RealJenkins.log("gitops-sync.hpi is " + size / (1024 * 1024) + " MB");
        // goal (issue 18): under 30 MB. Met by the tool work alone (27.6 MB); Jsonnet's Scala runtime (sjsonnet,
        // scala-library: 7.5 MB) and commons-compress for Helm chart archives (2.4 MB) brought it to 38 MB. This
        // bound keeps it from growing further until those move out (docs/ARCHITECTURE.md, "Packaging").
        assertThat(size).as("the .hpi size (goal: under 30 MB; bound until Jsonnet's runtime moves out: 40 MB)")
                .isLessThan(40L * 1024 * 1024);
        try (var hpi = new java.util.zip.ZipFile(jenkins.hpi.toFile())) {
            assertThat(hpi.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.matches("WEB-INF/lib/(linux|darwin|windows)-(amd64|arm64)-.*\\.jar"))).isEmpty();
        }
    }

    @Test
    void aKustomizeAndAHelmApplicationSyncWithTheToolsInstalledTheJenkinsWay() {
        String repo = jenkins.repo.url();
        String script = """
                node {
                  writeFile file: 'kust.yaml', text: @@KUST@@
                  writeFile file: 'helm.yaml', text: @@HELM@@
                  def k = gitopsSync file: 'kust.yaml'
                  echo "KUSTOMIZE=${k.phase}/${k.sync}"
                  def h = gitopsSync file: 'helm.yaml'
                  echo "HELM=${h.phase}/${h.sync}"
                }
                """.replace("@@KUST@@", groovy(application("req-kustomize", repo, "requirements/kustomize",
                "req-kustomize", false)))
                .replace("@@HELM@@", groovy(application("req-helm", repo, "requirements/helm", "req-helm", false)));

        JenkinsClient.Build b = jenkins.admin().runPipeline("controller-requirements", script, Duration.ofMinutes(5));

        assertThat(b.result()).as(b.console() + "\n" + jenkins.logTail()).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("KUSTOMIZE=Succeeded/Synced", "HELM=Succeeded/Synced");
        ConfigMap kust = jenkins.cluster.client().configMaps().inNamespace("req-kustomize").withName("kust-settings")
                .get();
        assertThat(kust.getData()).containsEntry("tool", "kustomize");
        assertThat(kust.getMetadata().getLabels()).containsEntry("rendered-by", "kustomize");
        ConfigMap helm = jenkins.cluster.client().configMaps().inNamespace("req-helm").withName("req-helm-settings")
                .get();
        assertThat(helm.getData()).containsEntry("greeting", "hello-from-helm").containsEntry("chart", "req-chart");

        // installed where Jenkins installs tools, from the URLs an administrator configured
        Path kustomize = jenkins.home.resolve("tools/io.jenkins.plugins.gitops.tools.KustomizeInstallation/"
                + RealJenkins.KUSTOMIZE_TOOL + "/kustomize");
        assertThat(kustomize).isExecutable();
        List<String> served = jenkins.tools.requests();
        assertThat(served).anyMatch(p -> p.startsWith("/kustomize/v" + RealJenkins.KUSTOMIZE_VERSION + "/kustomize_v"))
                .contains("/kustomize/v" + RealJenkins.KUSTOMIZE_VERSION + "/checksums.txt")
                .anyMatch(p -> p.startsWith("/maven2/com/marcnuri/helm-java/") && p.endsWith(".jar"));
        try (var jars = Files.walk(jenkins.home.resolve("tools/helm-java"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")))
                    .singleElement().satisfies(n -> assertThat(n).matches("(linux|darwin|windows)-(amd64|arm64)-.*"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
