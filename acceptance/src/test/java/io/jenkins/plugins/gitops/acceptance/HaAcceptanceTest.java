package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Acceptance.awaitTrue;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.quoted;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jenkins plugin takes part in the election, in the real Jenkins: Jenkins and a {@code gitops controller} process
 * (the built {@code cli/target/gitops.jar}) share one shard through a Lease in a namespace of the harness cluster,
 * with short timings (lease 4 s, renew deadline 3 s, retry 0.5 s). The CLI takes the shard first and syncs the
 * automated application; Jenkins, configured at runtime through the script console like an administrator would,
 * joins the group: its application page names the CLI as the holder, a sync asked of Jenkins is refused, and a drift
 * is healed by the CLI alone (Jenkins only compares). When the CLI is killed with SIGKILL, Jenkins takes the shard
 * within one lease duration (plus one retry period and slack for this shared machine), its page says so, and it heals
 * the next drift. Jenkins is set back to a single controller afterwards, for the other classes on this Jenkins.
 */
class HaAcceptanceTest {

    static final String APP = "acc-ha";
    static final String IDENTITY = "jenkins-acc";
    static final String CLI_IDENTITY = "gitops-cli";
    static final double LEASE = 4;
    static final double RENEW = 3;
    static final double RETRY = 0.5;

    @TempDir
    Path dir;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @AfterAll
    static void singleControllerAgain() {
        String out = RealJenkins.get().admin().groovy("""
                import io.jenkins.plugins.gitops.GitOpsService
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                GitOpsService.get().unregister('%s')
                def cfg = GitOpsConfiguration.get()
                cfg.shards = 0
                cfg.save()
                println 'single controller again'
                """.formatted(APP));
        assertThat(out).contains("single controller again");
    }

    /** Longer than the suite's 6 minutes: with {@code mvn -T 2} it may first wait for the cli module's jar. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void jenkinsAndACliControllerShareTheLeaseAndJenkinsTakesOverWhenTheCliIsKilled() throws Exception {
        RealJenkins jenkins = RealJenkins.get();
        HarnessCluster cluster = jenkins.cluster;
        String ns = cluster.freshNamespace("acc-ha");
        String leaseNs = cluster.freshNamespace("acc-ha-leases");
        jenkins.repo.write("ha/config.yaml", configMap("ha-config", "mode", "git")).commit("ha app");
        String server = cluster.client().getConfiguration().getMasterUrl().replaceAll("/+$", "");
        String app = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                spec:
                  project: default
                  source: {repoURL: "%s", targetRevision: main, path: ha}
                  destination: {server: "%s", namespace: %s}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                """.formatted(APP, jenkins.repo.url(), server, ns);

        // 1. the CLI controller takes the shard and syncs the application
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(apps.resolve(APP + ".yaml"), app);
        Process cli = startCli(jenkins, apps, cluster.kubeconfig(), leaseNs);
        awaitTrue(Duration.ofSeconds(90), () -> CLI_IDENTITY.equals(holder(cluster, leaseNs)), "the CLI to hold the shard");
        awaitTrue(Duration.ofSeconds(90), () -> data(cluster, ns).isPresent(), "the CLI to sync " + APP
                + "\n" + output(cli));

        // 2. Jenkins joins the group and registers the same application: it compares, the CLI holds
        String joined = jenkins.admin().groovy("""
                import io.jenkins.plugins.gitops.GitOpsService
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                import io.jenkins.plugins.gitops.engine.model.ArgoDocuments
                import jenkins.model.Jenkins
                def cfg = GitOpsConfiguration.get()
                cfg.shards = 1
                cfg.sharding = 'name'
                cfg.leaseNamespace = %s
                cfg.controllerIdentity = %s
                cfg.leaseDurationSeconds = %s
                cfg.renewDeadlineSeconds = %s
                cfg.retryPeriodSeconds = %s
                cfg.save()
                if (Jenkins.get().getItem('ha-owner') == null) {
                  Jenkins.get().createProject(org.jenkinsci.plugins.workflow.job.WorkflowJob, 'ha-owner')
                }
                def yaml = %s
                GitOpsService.get().register(ArgoDocuments.parseApplication(yaml, 'acc-ha.yaml'), yaml, 'acc-ha.yaml',
                    'ha-owner', 'admin')
                println 'joined'
                """.formatted(quoted(leaseNs), quoted(IDENTITY), LEASE, RENEW, RETRY, Fixtures.groovy(app)));
        assertThat(joined).contains("joined");
        awaitTrue(Duration.ofSeconds(60), () -> page(jenkins).contains("shard 0 of 1, held by " + CLI_IDENTITY),
                "the page to name the CLI as the holder:\n" + page(jenkins));
        assertThat(holder(cluster, leaseNs)).isEqualTo(CLI_IDENTITY);
        String refused = jenkins.admin().groovy("""
                import io.jenkins.plugins.gitops.GitOpsService
                import io.jenkins.plugins.gitops.engine.SyncRequest
                try {
                  GitOpsService.get().runtime().controller().requestSync('%s', SyncRequest.manual('admin')).get()
                  println 'synced'
                } catch (java.util.concurrent.ExecutionException e) {
                  println 'refused: ' + e.cause.message
                }
                """.formatted(APP));
        assertThat(refused).contains("refused: sync of " + APP + " refused: this controller does not hold its shard 0"
                + " of 1, held by " + CLI_IDENTITY);

        // a drift while the CLI holds the shard: the CLI heals it (Jenkins compares and says it is read-only there)
        drift(cluster, ns);
        awaitTrue(Duration.ofSeconds(60), () -> data(cluster, ns).equals(Optional.of("git")), "the CLI to heal the drift"
                + "\n" + output(cli));
        assertThat(output(cli)).contains(APP + ": drift detected");
        assertThat(page(jenkins)).contains("read-only here");

        // 3. kill -9 the CLI: Jenkins takes the shard within a lease duration, then heals the next drift itself
        long killedAt = System.nanoTime();
        cli.destroyForcibly();
        awaitTrue(Duration.ofSeconds(30), () -> IDENTITY.equals(holder(cluster, leaseNs)), "Jenkins to take the shard");
        double takeover = (System.nanoTime() - killedAt) / 1e9;
        assertThat(takeover).as("take-over by Jenkins after kill -9 of the CLI (s)").isLessThan(LEASE + RETRY + 3.0);
        awaitTrue(Duration.ofSeconds(30), () -> page(jenkins).contains("shard 0 of 1, held by " + IDENTITY
                + " (this controller)"), "the page to name Jenkins as the holder");
        drift(cluster, ns);
        awaitTrue(Duration.ofSeconds(60), () -> data(cluster, ns).equals(Optional.of("git")),
                "Jenkins to heal the drift");
        RealJenkins.log(String.format("HA: Jenkins took the shard over %.2fs after kill -9 of the CLI controller "
                + "(lease %ss, retry %ss)", takeover, LEASE, RETRY));
    }

    Process startCli(RealJenkins jenkins, Path apps, Path kubeconfig, String leaseNs) throws IOException {
        Path jar = Acceptance.cliJar(jenkins.projectRoot);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "controller", "--apps",
                apps.toString(), "--interval", "2", "--kubeconfig", kubeconfig.toString(), "--state-dir",
                dir.resolve("cli-state").toString(), "--repo-username", RealJenkins.GIT_USER, "--repo-password-env",
                "ACC_GIT_PASSWORD", "--shards", "1", "--sharding", "name", "--lease-namespace", leaseNs, "--identity",
                CLI_IDENTITY, "--lease-duration", String.valueOf(LEASE), "--renew-deadline", String.valueOf(RENEW),
                "--retry-period", String.valueOf(RETRY));
        pb.environment().putAll(Map.of("ACC_GIT_PASSWORD", RealJenkins.GIT_PASSWORD));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    String output(Process cli) {
        try {
            return Files.readString(dir.resolve("cli.log"));
        } catch (IOException e) {
            return "(no CLI output: " + e.getMessage() + ")";
        }
    }

    static String page(RealJenkins jenkins) {
        return jenkins.admin().get("/gitops/app/" + APP + "/").body();
    }

    static String holder(HarnessCluster cluster, String leaseNs) {
        Lease l = cluster.client().resources(Lease.class).inNamespace(leaseNs).withName("gitops-shard-0").get();
        return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
    }

    static Optional<String> data(HarnessCluster cluster, String ns) {
        ConfigMap cm = cluster.client().configMaps().inNamespace(ns).withName("ha-config").get();
        return cm == null || cm.getData() == null ? Optional.empty() : Optional.ofNullable(cm.getData().get("mode"));
    }

    static void drift(HarnessCluster cluster, String ns) {
        cluster.client().configMaps().inNamespace(ns).withName("ha-config")
                .edit(cm -> {
                    cm.getData().put("mode", "drifted");
                    return cm;
                });
    }
}
