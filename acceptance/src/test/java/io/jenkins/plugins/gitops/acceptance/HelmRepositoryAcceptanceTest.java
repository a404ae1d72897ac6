package io.jenkins.plugins.gitops.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.gitops.engine.testing.ChartRepositoryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 in the real Jenkins: repository credentials configured in Jenkins (a Username with password credential
 * on a repository entry whose URL prefix is a Helm chart repository) reach the chart repository, and a pipeline
 * syncs an Application with {@code chart} to the harness cluster at the version its constraint selects. A chart that
 * does not exist fails the build with one line naming the application, chart and repository, without the password.
 * The repository entry is added at runtime through the script console and removed afterwards.
 */
class HelmRepositoryAcceptanceTest {

    private static final String PASSWORD = "helm-acc-pass-7";
    private static RealJenkins jenkins;
    private static ChartRepositoryServer charts;

    @BeforeAll
    static void start() throws IOException {
        jenkins = RealJenkins.get();
        Path dir = Files.createTempDirectory("gitops-helm-acc");
        charts = ChartRepositoryServer.http(dir.resolve("server"), "helm-deployer", PASSWORD);
        String cm = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: helm-settings}
                data: {chartVersion: {{ .Chart.Version | quote }}}
                """;
        charts.publish(dir.resolve("work"), "acc-chart", "0.1.0", Map.of("cm.yaml", cm), null);
        charts.publish(dir.resolve("work"), "acc-chart", "0.2.0", Map.of("cm.yaml", cm), null);
        configureRepository(charts.url());
    }

    @AfterAll
    static void stop() {
        if (jenkins != null && charts != null) {
            configureRepository(null);
        }
        if (charts != null) {
            charts.close();
        }
    }

    /** Adds (url != null) or removes the Helm repository entry, keeping every other entry; waits for the restart. */
    private static void configureRepository(String url) {
        String out = jenkins.admin().groovy("""
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                import io.jenkins.plugins.gitops.config.RepositoryConfig

                def store = SystemCredentialsProvider.getInstance().getStore()
                if (store.getCredentials(Domain.global()).find { it.id == 'acc-helm-repo' } == null) {
                  store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL,
                      'acc-helm-repo', 'Helm chart repository', 'helm-deployer', 'PASSWORD'))
                }
                def cfg = GitOpsConfiguration.get()
                def kept = cfg.repositories.findAll { !it.urlPrefix.startsWith('http://127.0.0.1:HELMPORT') }
                if (URL != null) {
                  def r = new RepositoryConfig(URL)
                  r.credentialsId = 'acc-helm-repo'
                  kept = kept + [r]
                }
                cfg.repositories = kept
                cfg.save()
                println "helm repositories: ${cfg.repositories.size()}"
                """.replace("PASSWORD", PASSWORD)
                .replace("HELMPORT", charts.url().substring(charts.url().lastIndexOf(':') + 1))
                .replace("URL != null", url == null ? "false" : "true")
                .replace("new RepositoryConfig(URL)", "new RepositoryConfig('" + url + "')"));
        assertThat(out).contains("helm repositories:");
        // saving restarts the controller; the webhook answers 503 until it runs again
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jenkins.anonymous().post("/gitops-webhook/", "application/json", "{}", false,
                Map.of("X-Nothing", "1")).status() == 503) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the GitOps controller did not come back within 60 s after the save");
            }
            Processes.sleep(200);
        }
    }

    private static String application(String name, String chart) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: '@@NAME@@'}
                spec:
                  project: default
                  source: {repoURL: '@@URL@@', chart: '@@CHART@@', targetRevision: 0.x}
                  destination: {name: '@@CLUSTER@@', namespace: acc-helm}
                  syncPolicy:
                    syncOptions: [CreateNamespace=true]
                """.replace("@@NAME@@", name).replace("@@URL@@", charts.url()).replace("@@CHART@@", chart)
                .replace("@@CLUSTER@@", RealJenkins.CLUSTER);
    }

    @Test
    void credentialsConfiguredInJenkinsReachTheChartRepositoryAndTheChartVersionIsTheRevision() {
        String script = """
                node {
                  writeFile file: 'helm.yaml', text: @@APP@@
                  def r = gitopsSync file: 'helm.yaml'
                  echo "HELM_SYNC=${r.phase}/${r.revision}"
                  def s = gitopsStatus file: 'helm.yaml', refresh: true
                  echo "HELM_STATUS=${s.sync}/${s.revision}"
                }
                """.replace("@@APP@@", Fixtures.groovy(application("acc-helm", "acc-chart")));
        JenkinsClient.Build b = jenkins.admin().runPipeline("helm-repo-sync", script, Duration.ofMinutes(4));
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("HELM_SYNC=Succeeded/0.2.0", "HELM_STATUS=Synced/0.2.0")
                .doesNotContain(PASSWORD);
        ConfigMap cm = jenkins.cluster.client().configMaps().inNamespace("acc-helm").withName("helm-settings").get();
        assertThat(cm.getData()).containsEntry("chartVersion", "0.2.0");
    }

    @Test
    void aChartThatDoesNotExistFailsTheBuildWithOneLine() {
        String script = """
                node {
                  writeFile file: 'missing.yaml', text: @@APP@@
                  gitopsSync file: 'missing.yaml'
                }
                """.replace("@@APP@@", Fixtures.groovy(application("acc-helm-missing", "no-such-chart")));
        JenkinsClient.Build b = jenkins.admin().runPipeline("helm-repo-missing", script, Duration.ofMinutes(4));
        assertThat(b.result()).isEqualTo("FAILURE");
        assertThat(b.console()).contains("chart 'no-such-chart' from " + charts.url()
                + ": the repository's index.yaml has no chart 'no-such-chart'").doesNotContain(PASSWORD);
    }
}
