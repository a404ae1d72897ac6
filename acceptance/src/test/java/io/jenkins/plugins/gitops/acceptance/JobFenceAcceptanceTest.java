package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.application;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.configMap;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The job fence in the real Jenkins: the harness cluster is set to admit only the jobs of the folder-like prefix
 * {@code fence-ok*}; a Pipeline of another job that names the cluster is refused by {@code gitopsSync} with a line
 * naming job, cluster and rule, and nothing reaches the cluster; an admitted job syncs the same kind of application.
 * The rule is removed afterwards so the other classes sharing this Jenkins are not fenced.
 */
class JobFenceAcceptanceTest {

    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    static void allowedJobs(String patterns) {
        String out = RealJenkins.get().admin().groovy("""
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                def cfg = GitOpsConfiguration.get()
                cfg.clusters.find { it.name == '%s' }.allowedJobs = %s
                cfg.save()
                println 'fence set'
                """.formatted(RealJenkins.CLUSTER, patterns == null ? "null" : "'" + patterns + "'"));
        assertThat(out).contains("fence set");
    }

    @AfterAll
    static void openTheFence() {
        allowedJobs(null);
    }

    static String pipeline(String app) {
        return """
                node {
                  writeFile file: 'app.yaml', text: @@APP@@
                  gitopsSync file: 'app.yaml'
                }
                """.replace("@@APP@@", groovy(application(app, RealJenkins.get().repo.url(), "fence", app, false)));
    }

    @Test
    void aJobTheClusterDoesNotAdmitIsRefusedAndAnAdmittedOneDeploys() {
        RealJenkins jenkins = RealJenkins.get();
        jenkins.repo.write("fence/config.yaml", configMap("fenced", "mode", "git")).commit("fence app");
        allowedJobs("fence-ok*");

        JenkinsClient.Build refused = jenkins.admin().runPipeline("fence-other", pipeline("acc-fence-other"),
                BUILD_TIMEOUT);
        assertThat(refused.succeeded()).as(refused.console()).isFalse();
        assertThat(refused.console()).contains("job 'fence-other' may not deploy to cluster '" + RealJenkins.CLUSTER
                + "'", "fence-ok*");
        assertThat(jenkins.cluster.client().namespaces().withName("acc-fence-other").get()).isNull();

        JenkinsClient.Build allowed = jenkins.admin().runPipeline("fence-ok-deploy", pipeline("acc-fence-ok"),
                BUILD_TIMEOUT);
        assertThat(allowed.succeeded()).as(allowed.console()).isTrue();
        assertThat(jenkins.cluster.client().configMaps().inNamespace("acc-fence-ok").withName("fenced").get())
                .isNotNull();
    }
}
