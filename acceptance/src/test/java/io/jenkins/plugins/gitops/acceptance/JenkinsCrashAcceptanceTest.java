package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.application;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.configMap;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Jenkins killed with SIGKILL in the middle of a sync, then started again on the same JENKINS_HOME: the build says
 * the step was interrupted by the restart, the application page shows the operation as interrupted (the engine's
 * journal turned it into an Error on start), the history written before the crash is intact and the application
 * syncs again afterwards. The sync is held in its first wave by a PersistentVolumeClaim that a provisioner is said to
 * work on but none does (Progressing), so the kill reliably lands while the operation runs.
 */
class JenkinsCrashAcceptanceTest {

    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    static String pendingClaim() {
        return """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: data
                  annotations:
                    argocd.argoproj.io/sync-wave: "0"
                    volume.kubernetes.io/storage-provisioner: example.com/nobody
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """;
    }

    @Test
    void killedInTheMiddleOfASync_buildAndPageSayInterrupted_historyIntact_nextSyncWorks() {
        RealJenkins jenkins = RealJenkins.get();
        String first = jenkins.repo.write("crash/config.yaml", configMap("crash-config", "mode", "before"))
                .commit("crash app: config only");
        String yaml = application("acc-crash", jenkins.repo.url(), "crash", "acc-crash", false);
        String script = """
                node {
                  writeFile file: 'crash.yaml', text: @@APP@@
                  gitopsSync file: 'crash.yaml'
                }
                """.replace("@@APP@@", groovy(yaml));
        JenkinsClient admin = jenkins.admin();
        JenkinsClient.Build ok = admin.runPipeline("crash-sync", script, BUILD_TIMEOUT);
        assertThat(ok.succeeded()).as(ok.console()).isTrue();

        jenkins.repo.write("crash/claim.yaml", pendingClaim())
                .write("crash/config.yaml", configMap("crash-config", "mode", "after").replace("metadata:",
                        "metadata:\n  annotations: {argocd.argoproj.io/sync-wave: \"1\"}"))
                .commit("crash app: a claim nobody provisions, before the config");
        int number = admin.startPipeline("crash-sync", script);
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!admin.console("crash-sync", number).contains("waiting for")) {
            assertThat(System.nanoTime()).as("crash-sync #" + number + " waiting for the claim:\n"
                    + admin.console("crash-sync", number)).isLessThan(end);
            Processes.sleep(500);
        }

        jenkins.killAndStartAgain();

        JenkinsClient after = jenkins.admin();
        JenkinsClient.Build interrupted = after.awaitBuild("crash-sync", number, BUILD_TIMEOUT);
        assertThat(interrupted.succeeded()).isFalse();
        assertThat(interrupted.console()).contains("was running when Jenkins restarted");
        String page = after.get("/gitops/app/acc-crash/").body();
        assertThat(page).contains("interrupted").contains(first.substring(0, 7));
        assertThat(jenkins.cluster.client().configMaps().inNamespace("acc-crash").withName("crash-config").get()
                .getData()).as("wave 1 never ran").containsEntry("mode", "before");

        // the journal is readable and the application usable: remove the claim and sync again
        jenkins.repo.delete("crash/claim.yaml").commit("crash app: without the claim");
        JenkinsClient.Build again = after.runPipeline("crash-sync", script, BUILD_TIMEOUT);
        assertThat(again.succeeded()).as(again.console()).isTrue();
        assertThat(jenkins.cluster.client().configMaps().inNamespace("acc-crash").withName("crash-config").get()
                .getData()).containsEntry("mode", "after");
        assertThat(after.get("/gitops/app/acc-crash/").body()).contains(first.substring(0, 7));
    }
}
