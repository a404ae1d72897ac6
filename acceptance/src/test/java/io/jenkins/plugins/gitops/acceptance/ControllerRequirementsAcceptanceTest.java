package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.application;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.gitops.engine.render.JsonnetRuntime;
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
 * without kubectl or kustomize, with the .hpi as built (no helm-java native library and no Jsonnet runtime inside,
 * under 30 MB), and the tools are set up as an administrator would (see {@link RealJenkins}): a Kustomize installation
 * installed automatically from a release archive, helm-java's native jar and the Jsonnet runtime (sjsonnet and Scala)
 * fetched from a Maven repository. A Kustomize, a Helm and a Jsonnet application then sync from Git.
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
                .write("requirements/jsonnet/main.jsonnet", """
                        local lib = import 'lib.libsonnet';
                        {
                          apiVersion: 'v1', kind: 'ConfigMap',
                          metadata: { name: lib.prefix + '-settings' },
                          data: { tool: 'jsonnet', md5: std.md5('gitops') },
                        }
                        """)
                .write("requirements/jsonnet/lib.libsonnet", "{ prefix: 'jsonnet' }\n")
                .commit("Kustomize, Helm and Jsonnet applications for the controller requirements");
    }

    @Test
    void jenkinsRunsWithoutKubectlOrKustomizeOnItsPathAndTheHpiBundlesNeitherHelmNativesNorJsonnet() throws IOException {
        String environ = Files.readString(Path.of("/proc/" + jenkins.pid + "/environ"), StandardCharsets.ISO_8859_1);
        String path = Arrays.stream(environ.split("\0")).filter(e -> e.startsWith("PATH=")).findFirst().orElseThrow()
                .substring(5);
        for (String dir : path.split(":")) {
            assertThat(Path.of(dir, "kubectl")).as("the Jenkins PATH %s", path).doesNotExist();
            assertThat(Path.of(dir, "kustomize")).as("the Jenkins PATH %s", path).doesNotExist();
        }
        assertThat(Path.of(jenkins.pathWithoutKube.toString(), "java")).exists();

        long size = Files.size(jenkins.hpi);
        RealJenkins.log("gitops-sync.hpi is " + size + " bytes");
        // goal (issue 18): under 30 MB. The Jsonnet runtime and helm-java's native library are fetched on first use,
        // not bundled (docs/ARCHITECTURE.md, "Packaging").
        assertThat(size).as("the .hpi size (goal: under 30 MB)").isLessThan(30L * 1024 * 1024);
        try (var hpi = new java.util.zip.ZipFile(jenkins.hpi.toFile())) {
            assertThat(hpi.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.matches("WEB-INF/lib/(linux|darwin|windows)-(amd64|arm64)-.*\\.jar"))).isEmpty();
            assertThat(hpi.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.matches("WEB-INF/lib/(sjsonnet|scala-library).*\\.jar"))).isEmpty();
        }
    }

    @Test
    void aKustomizeAHelmAndAJsonnetApplicationSyncWithTheToolsInstalledTheJenkinsWay() throws IOException {
        String repo = jenkins.repo.url();
        String script = """
                node {
                  writeFile file: 'kust.yaml', text: @@KUST@@
                  writeFile file: 'helm.yaml', text: @@HELM@@
                  writeFile file: 'jsonnet.yaml', text: @@JSONNET@@
                  def k = gitopsSync file: 'kust.yaml'
                  echo "KUSTOMIZE=${k.phase}/${k.sync}"
                  def h = gitopsSync file: 'helm.yaml'
                  echo "HELM=${h.phase}/${h.sync}"
                  def j = gitopsSync file: 'jsonnet.yaml'
                  echo "JSONNET=${j.phase}/${j.sync}"
                }
                """.replace("@@KUST@@", groovy(application("req-kustomize", repo, "requirements/kustomize",
                "req-kustomize", false)))
                .replace("@@HELM@@", groovy(application("req-helm", repo, "requirements/helm", "req-helm", false)))
                .replace("@@JSONNET@@", groovy(application("req-jsonnet", repo, "requirements/jsonnet", "req-jsonnet",
                        false)));

        JenkinsClient.Build b = jenkins.admin().runPipeline("controller-requirements", script, Duration.ofMinutes(5));

        assertThat(b.result()).as(b.console() + "\n" + jenkins.logTail()).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("KUSTOMIZE=Succeeded/Synced", "HELM=Succeeded/Synced",
                "JSONNET=Succeeded/Synced");
        ConfigMap kust = jenkins.cluster.client().configMaps().inNamespace("req-kustomize").withName("kust-settings")
                .get();
        assertThat(kust.getData()).containsEntry("tool", "kustomize");
        assertThat(kust.getMetadata().getLabels()).containsEntry("rendered-by", "kustomize");
        ConfigMap helm = jenkins.cluster.client().configMaps().inNamespace("req-helm").withName("req-helm-settings")
                .get();
        assertThat(helm.getData()).containsEntry("greeting", "hello-from-helm").containsEntry("chart", "req-chart");
        ConfigMap jsonnet = jenkins.cluster.client().configMaps().inNamespace("req-jsonnet")
                .withName("jsonnet-settings").get();
        assertThat(jsonnet.getData()).containsEntry("tool", "jsonnet")
                .containsEntry("md5", "f74e019b95812ad55fbab22e19ea7db9");

        // installed where Jenkins installs tools, from the URLs an administrator configured
        Path kustomize = jenkins.home.resolve("tools/io.jenkins.plugins.gitops.tools.KustomizeInstallation/"
                + RealJenkins.KUSTOMIZE_TOOL + "/kustomize");
        assertThat(kustomize).isExecutable();
        List<String> served = jenkins.tools.requests();
        assertThat(served).anyMatch(p -> p.startsWith("/kustomize/v" + RealJenkins.KUSTOMIZE_VERSION + "/kustomize_v"))
                .contains("/kustomize/v" + RealJenkins.KUSTOMIZE_VERSION + "/checksums.txt")
                .anyMatch(p -> p.startsWith("/maven2/com/marcnuri/helm-java/") && p.endsWith(".jar"))
                .contains(JsonnetRuntime.ARTIFACTS.stream()
                        .map(a -> "/maven2/" + a.repositoryPath()).toArray(String[]::new));
        try (var jars = Files.walk(jenkins.home.resolve("tools/helm-java"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")))
                    .singleElement().satisfies(n -> assertThat(n).matches("(linux|darwin|windows)-(amd64|arm64)-.*"));
        }
        try (var jars = Files.list(jenkins.home.resolve("tools/jsonnet"))) {
            assertThat(jars.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                    JsonnetRuntime.ARTIFACTS.stream()
                            .map(JsonnetRuntime.Artifact::fileName).toList());
        }
    }
}
