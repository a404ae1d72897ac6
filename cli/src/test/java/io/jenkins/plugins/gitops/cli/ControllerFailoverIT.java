package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.cli.WriteRecordingProxy.Write;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Destination;
import io.jenkins.plugins.gitops.engine.reconcile.shard.Sharding;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * High availability end to end: three real {@code gitops controller} processes (the built {@code gitops.jar}) share
 * three shards through Leases on the harness's real API server. The application's sync waits in its middle wave on a
 * LoadBalancer Service the test releases. The holder is killed with SIGKILL mid-sync: another controller takes the
 * shard over within a lease duration (plus one retry period) and runs the sync again; that one is frozen with
 * SIGSTOP mid-sync, the third takes over, and the frozen one, resumed after its lease expired, stops with "lost
 * leadership of shard k to ..." without writing anything; the third finishes the sync.
 *
 * <p>Writes are recorded by one {@link WriteRecordingProxy} per controller (the harness's kube-apiserver cannot be
 * started with an audit log): every write to the application's resources must come from the controller that made
 * the last successful write of the shard's lease before it, so no resource is ever written by two controllers at
 * once. The managedFields of the last wave's ConfigMap are checked against the take-over time as well.
 *
 * <p>Short lease timings (5 s / 3.5 s / 0.5 s). The waits are long because the harness's etcd 3.4 sends no watch
 * progress notifications: with three controllers renewing leases every half second, the API server's watch cache of
 * an idle kind cannot prove it is fresh, so the controllers' informers often need tens of seconds to start (the first
 * comparison); the test takes two to four minutes on the shared two-core machine. Runs as a failsafe integration test,
 * after {@code package}, because it needs the shaded jar.
 */
class ControllerFailoverIT {

    static final double LEASE = 5;
    static final double RENEW = 3.5;
    static final double RETRY = 0.5;
    static final String APP = "ha-gated";

    @TempDir
    Path dir;

    final List<CliProcess> controllers = new ArrayList<>();
    final List<WriteRecordingProxy> proxies = new ArrayList<>();
    final List<Write> writes = new ArrayList<>();
    GitHttpServer git;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (CliProcess c : controllers) {
            // the timeline of every controller, in the failsafe report (where the minutes of this test go)
            System.out.println("--- controller pid " + c.pid() + "\n" + c.out());
        }
        for (CliProcess c : controllers) {
            if (c.isAlive()) {
                c.signal("CONT");
            }
            c.close();
        }
        proxies.forEach(WriteRecordingProxy::close);
        if (git != null) {
            git.close();
        }
    }

    @Test
    void killedAndPausedHoldersNeverWriteAfterAnotherTookTheirShard() throws Exception {
        HarnessCluster cluster = HarnessCluster.get();
        phase("harness up");
        KubernetesClient admin = cluster.client();
        String ns = cluster.freshNamespace("ha-app");
        String leaseNs = cluster.freshNamespace("ha-leases");
        git = GitHttpServer.start(dir.resolve("git"));
        TestRepo repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        repo.write("gated/resources.yaml", resource("ha/gated/resources.yaml"));
        repo.commit("gated app");
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(apps.resolve(APP + ".yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                spec:
                  project: default
                  source: {repoURL: "%s", targetRevision: HEAD, path: gated}
                  destination: {server: "https://kubernetes.default.svc", namespace: %s}
                  syncPolicy:
                    automated: {}
                """.formatted(APP, repo.url(), ns));
        int shard = Sharding.NAME.shardOf(new Application(APP, "argocd", "default", Map.of(), Map.of(), List.of(),
                false, new Destination("https://kubernetes.default.svc", null, ns), null, List.of(), 10, "x"), 3);
        String leaseName = "gitops-shard-" + shard;

        Path jar = Path.of(Objects.requireNonNull(System.getProperty("gitops.jar"), "system property gitops.jar"));
        Map<String, CliProcess> byId = new LinkedHashMap<>();
        for (String id : List.of("ctl-a", "ctl-b", "ctl-c")) {
            WriteRecordingProxy proxy = new WriteRecordingProxy(id, cluster.kubeconfig(), writes);
            proxies.add(proxy);
            CliProcess p = CliProcess.startJar(jar, List.of("controller", "--apps", apps.toString(),
                    "--interval", "2", "--kubeconfig", proxy.kubeconfig(dir.resolve(id + ".kubeconfig")).toString(),
                    "--state-dir", dir.resolve("state-" + id).toString(), "--shards", "3", "--sharding", "name",
                    "--lease-namespace", leaseNs, "--identity", id, "--lease-duration", String.valueOf(LEASE),
                    "--renew-deadline", String.valueOf(RENEW), "--retry-period", String.valueOf(RETRY)));
            controllers.add(p);
            byId.put(id, p);
        }

        phase("controllers started");
        // 1. the holder of the app's shard syncs up to the gate (wave 1) and waits there
        String first = awaitValue(() -> writesTo("/services/gate").stream().findFirst().map(Write::controller)
                .orElse(null), 240, "the first sync to reach the gate");
        phase(first + " reached the gate");
        assertThat(holder(admin, leaseNs, leaseName)).isEqualTo(first);
        assertThat(admin.configMaps().inNamespace(ns).withName("last").get()).as("wave 2 waits").isNull();

        // 2. kill -9 the holder in the middle of the sync: another controller takes over and syncs again
        long killedAt = System.nanoTime();
        byId.get(first).signal("KILL");
        String second = awaitValue(() -> other(holder(admin, leaseNs, leaseName), first), 30, "a new holder");
        double takeover = (System.nanoTime() - killedAt) / 1e9;
        phase("take-over after kill -9 of " + first + " by " + second + String.format(" in %.2fs", takeover));
        // a lease duration after the last renewal the others saw, plus at most one retry period; plus slack for a
        // loaded machine (the test polls the lease, the controllers share two cores with everything else)
        assertThat(takeover).as("take-over after kill -9 (s)").isLessThan(LEASE + RETRY + 2.0);
        awaitValue(() -> writesTo("/services/gate").stream().filter(w -> w.controller().equals(second)).findFirst()
                .orElse(null), 120, second + " to re-run the sync up to the gate");

        // 3. freeze the new holder mid-sync (a partition): the third controller takes over
        String third = List.of("ctl-a", "ctl-b", "ctl-c").stream().filter(id -> !id.equals(first)
                && !id.equals(second)).findFirst().orElseThrow();
        byId.get(second).signal("STOP");
        long stoppedAt = System.nanoTime();
        awaitValue(() -> third.equals(holder(admin, leaseNs, leaseName)) ? third : null, 30, third + " to take over");
        double partitionTakeover = (System.nanoTime() - stoppedAt) / 1e9;
        phase("take-over after SIGSTOP of " + second + " by " + third + String.format(" in %.2fs", partitionTakeover));
        long thirdHeldAt = System.nanoTime();
        awaitValue(() -> writesTo("/services/gate").stream().filter(w -> w.controller().equals(third)).findFirst()
                .orElse(null), 120, third + " to re-run the sync up to the gate");

        phase(third + " re-ran the sync up to the gate");
        // 4. resume the frozen one after its lease expired: its operation stops without writing
        byId.get(second).signal("CONT");
        byId.get(second).awaitLine(l -> l.contains("lost leadership of shard " + shard + " to " + third), 30,
                "the resumed controller reporting the loss");

        phase(second + " resumed and reported the loss");
        // 5. open the gate: the holder finishes the sync
        long gateOpenedAt = System.nanoTime();
        cluster.kubectl("-n", ns, "patch", "service", "gate", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"10.99.0.1\"}]}}}");
        // generous: on a loaded machine (load average above 20) the lone holder's own renewals can miss the short
        // renew deadline of this test (3.5 s) several times in a row; each miss closes its fence (a new term) and
        // stops its running sync, which its next comparison starts again (seen once: 60 s were not enough)
        ConfigMap last = awaitValue(() -> admin.configMaps().inNamespace(ns).withName("last").get(), 180,
                "wave 2 applied");
        byId.get(third).awaitLine(l -> l.contains(APP + ": Succeeded"), 120, "the sync to succeed");

        phase(third + " finished the sync");
        // no write by a controller that was not the last to write the shard's lease
        List<Write> log;
        synchronized (writes) {
            log = List.copyOf(writes);
        }
        List<String> violations = new ArrayList<>();
        for (Write w : log) {
            if (!w.path().contains("/namespaces/" + ns + "/")) {
                continue;
            }
            String leaseHolder = log.stream().filter(l -> l.path().endsWith("/leases/" + leaseName) && l.succeeded()
                    && l.arrivedNanos() < w.arrivedNanos()).reduce((a, b) -> b).map(Write::controller).orElse("none");
            if (!leaseHolder.equals(w.controller())) {
                violations.add(w + " while " + leaseHolder + " held " + leaseName);
            }
        }
        assertThat(violations).as("writes by a controller that did not hold the lease").isEmpty();
        assertThat(log).as("the resumed controller wrote nothing of the application after the take-over")
                .filteredOn(w -> w.controller().equals(second) && w.arrivedNanos() > thirdHeldAt
                        && w.path().contains("/namespaces/" + ns + "/"))
                .isEmpty();
        // while the third controller synced the app, every attempt of the resumed one to write the app's shard
        // lease (a stale renewal) was refused; it may get shards later, when the third gives back what exceeds its
        // fair share
        assertThat(log).filteredOn(w -> w.controller().equals(second) && w.arrivedNanos() > thirdHeldAt
                && w.arrivedNanos() < gateOpenedAt && w.path().endsWith("/leases/" + leaseName))
                .allMatch(w -> w.status() == 409);
        // the last wave was written (for real; every holder dry-ran it) only by the last holder, after it took over
        // (managedFields time, 1 s precision)
        assertThat(writesTo("/configmaps/last")).filteredOn(w -> !w.dryRun()).extracting(Write::controller)
                .containsOnly(third);
        Instant thirdWall = log.stream().filter(w -> w.controller().equals(third)
                && w.path().endsWith("/leases/" + leaseName) && w.succeeded() && w.arrivedNanos() >= stoppedAt)
                .findFirst().orElseThrow().arrivedAt();
        List<ManagedFieldsEntry> managed = last.getMetadata().getManagedFields();
        assertThat(managed).isNotEmpty().allSatisfy(m -> assertThat(Instant.parse(m.getTime()))
                .isAfterOrEqualTo(thirdWall.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        Service gate = admin.services().inNamespace(ns).withName("gate").get();
        assertThat(gate.getMetadata().getManagedFields()).isNotEmpty();

        // gitops status reads the leases and names the holder
        try (CliProcess status = CliProcess.startJar(jar, List.of("status", "-f", apps.resolve(APP + ".yaml").toString(),
                "--kubeconfig", cluster.kubeconfig().toString(), "--state-dir", dir.resolve("state-status").toString(),
                "--lease-namespace", leaseNs))) {
            status.waitFor(60);
            assertThat(status.out()).contains("Controller: shard " + shard + " of 3, held by " + third);
        }

        System.out.printf("take-over after kill -9: %.2fs; after SIGSTOP: %.2fs (lease %ss, retry %ss); %d writes "
                + "recorded%n", takeover, partitionTakeover, LEASE, RETRY, log.size());
    }

    private final long began = System.nanoTime();

    private void phase(String what) {
        System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - began) / 1e9, what);
    }

    private List<Write> writesTo(String suffix) {
        synchronized (writes) {
            return writes.stream().filter(w -> w.path().endsWith(suffix) && w.succeeded()).toList();
        }
    }

    private static String holder(KubernetesClient admin, String ns, String lease) {
        Lease l = admin.resources(Lease.class).inNamespace(ns).withName(lease).get();
        return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
    }

    private static String other(String holder, String not) {
        return holder == null || holder.isEmpty() || holder.equals(not) ? null : holder;
    }

    private <T> T awaitValue(Supplier<T> value, long seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(50);
        }
        StringBuilder out = new StringBuilder();
        for (CliProcess c : controllers) {
            List<String> lines = c.out().lines().toList();
            out.append("\n--- controller pid ").append(c.pid()).append(" (last 40 lines)\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                    .append("\nstderr: ").append(c.err());
        }
        throw new AssertionError("timed out after " + seconds + "s waiting for " + what + out);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ControllerFailoverIT.class.getClassLoader().getResourceAsStream(path)) {
            return new String(Objects.requireNonNull(in, path).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
