package io.jenkins.plugins.gitops.engine.reconcile.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.testing.FaultyTcpProxy;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted manual sync is carried to the controller that takes the shard over, on the harness's real API
 * server: controller A (its API server connection through a {@link FaultyTcpProxy}) holds the only shard and runs
 * alice's manual sync of a non-automated application up to its wave-1 gate (a LoadBalancer Service that stays
 * Progressing until the test gives it an address). Then A's connection is cut - from the cluster's side A is dead
 * (as after kill -9 or a partition): it renews nothing and cannot remove its operation record. Controller B takes the
 * lease after its duration, finds the operation lease A left ({@link OperationLeases}), runs alice's sync again and,
 * once the gate opens, finishes it; the record is removed. Nothing else would sync the application: it has no
 * automated policy, so only the hand-over explains B's sync. Lease timing 5 s / 4 s / 0.5 s.
 */
class OperationHandoverOnHarnessTest {

    static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(5), Duration.ofSeconds(4),
            Duration.ofMillis(500));
    static final String APP = "handover";

    @TempDir
    Path dir;

    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    record Member(String id, Controller controller, ShardLeases leases) {
    }

    Member member(String id, KubernetesClient client, String leaseNs, Application app) {
        EngineLog log = new EngineLog() {
            @Override
            public void info(String message) {
                System.out.println(java.time.Instant.now() + " [" + id + "] " + message);
            }

            @Override
            public void warn(String message) {
                System.out.println(java.time.Instant.now() + " [" + id + "] WARNING " + message);
            }
        };
        GitOpsEngine engine = GitOpsEngine.builder().workDir(dir.resolve("engine-" + id))
                .stateStore(new FileStateStore(dir.resolve("state-" + id)))
                .connection(ClusterConnection.ofClient("in-cluster", null, client))
                .pollInterval(Duration.ofMillis(200)).log(log).build();
        closing.add(engine);
        Controller controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofHours(1), Duration.ZERO));
        ShardLeases leases = new ShardLeases(client, new ShardSettings(1, Sharding.NAME, leaseNs, id, TIMING), log);
        controller.useLeadership(leases);
        controller.register(app, "test");
        closing.add(leases);
        closing.add(controller);
        Member m = new Member(id, controller, leases);
        members.add(m);
        return m;
    }

    @Test
    void theNewHolderFinishesTheManualSyncTheDeadHolderLeftInItsMiddle() throws Exception {
        HarnessCluster cluster = HarnessCluster.get();
        KubernetesClient admin = cluster.client();
        String ns = cluster.freshNamespace("handover");
        String leaseNs = cluster.freshNamespace("handover-leases");
        GitHttpServer git = GitHttpServer.start(dir.resolve("git"));
        closing.add(git);
        TestRepo repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        repo.write("gated/resources.yaml", new String(getClass().getResourceAsStream("/ha/gated/resources.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        repo.commit("gated app");
        Application app = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  project: default
                  source: {repoURL: "%s", targetRevision: HEAD, path: gated}
                  destination: {server: "https://kubernetes.default.svc", namespace: %s}
                """.formatted(APP, repo.url(), ns), APP + ".yaml");

        Config direct = Config.fromKubeconfig(cluster.kubeconfigYaml());
        URI server = URI.create(direct.getMasterUrl());
        FaultyTcpProxy link = FaultyTcpProxy.to(server.getPort());
        closing.add(link);
        Config viaProxy = Config.fromKubeconfig(cluster.kubeconfigYaml());
        viaProxy.setMasterUrl("https://" + server.getHost() + ":" + link.port());
        viaProxy.setRequestRetryBackoffLimit(0); // once cut, fail at once (and close quickly)
        viaProxy.setConnectionTimeout(2000);
        KubernetesClient clientA = new KubernetesClientBuilder().withConfig(viaProxy).build();
        KubernetesClient clientB = new KubernetesClientBuilder().withConfig(direct).build();
        closing.add(clientA);
        closing.add(clientB);

        Member a = member("ctl-a", clientA, leaseNs, app);
        a.leases().start();
        await(() -> a.leases().holds(0) ? true : null, 30, "ctl-a to hold the shard");
        Member b = member("ctl-b", clientB, leaseNs, app);
        b.leases().start();
        a.controller().start();
        b.controller().start();
        await(() -> b.leases().liveControllers() == 2 ? true : null, 30, "ctl-b to join");
        assertThat(b.controller().holder(APP).holder()).isEqualTo("ctl-a");

        // 1. alice's manual sync on ctl-a reaches the gate; its record names ctl-a
        var aliceOnA = a.controller().requestSync(APP, SyncRequest.manual("alice").withPrune(true));
        await(() -> admin.services().inNamespace(ns).withName("gate").get(), 60, "the sync to reach the gate");
        Lease record = admin.resources(Lease.class).inNamespace(leaseNs)
                .withName(OperationLeases.leaseName(APP)).get();
        assertThat(record.getSpec().getHolderIdentity()).isEqualTo("ctl-a");
        assertThat(record.getMetadata().getAnnotations()).containsEntry(OperationLeases.APPLICATION_ANNOTATION, APP);
        assertThat(admin.configMaps().inNamespace(ns).withName("last").get()).as("wave 2 waits").isNull();

        // 2. ctl-a dies, as far as the cluster can tell: ctl-b takes the shard and runs alice's sync again
        long cutAt = System.nanoTime();
        link.refuse();
        await(() -> b.leases().holds(0) ? true : null, 30, "ctl-b to take the shard over");
        double takeover = (System.nanoTime() - cutAt) / 1e9;
        await(() -> "ctl-b".equals(Optional.ofNullable(admin.resources(Lease.class).inNamespace(leaseNs)
                .withName(OperationLeases.leaseName(APP)).get()).map(l -> l.getSpec().getHolderIdentity())
                .orElse(null)) ? true : null, 30, "ctl-b to record the resumed operation");
        await(() -> b.controller().status(APP).map(AppStatus::lastOperation).filter(o -> o.inProgress()
                && "alice".equals(o.initiatedBy())).orElse(null), 30, "alice's sync running on ctl-b");

        // 3. the gate opens: ctl-b finishes alice's sync, and its record is removed
        cluster.kubectl("-n", ns, "patch", "service", "gate", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"10.99.0.1\"}]}}}");
        OperationRecord done = await(() -> b.controller().status(APP).map(AppStatus::lastOperation)
                .filter(o -> !o.inProgress() && "alice".equals(o.initiatedBy())).orElse(null), 60,
                "the resumed sync to end");
        assertThat(done.phase()).as(done.message()).isEqualTo("Succeeded");
        assertThat(admin.configMaps().inNamespace(ns).withName("last").get()).isNotNull();
        assertThat(b.controller().status(APP).orElseThrow().history()).extracting(h -> h.initiatedBy())
                .containsExactly("alice");
        await(() -> admin.resources(Lease.class).inNamespace(leaseNs).withName(OperationLeases.leaseName(APP))
                .get() == null ? true : null, 10, "the operation record to be removed");
        // ctl-a's own run (cut off from the API server, its fence closed) has not succeeded
        assertThat(aliceOnA.isDone() && !aliceOnA.isCompletedExceptionally() && aliceOnA.join().succeeded())
                .isFalse();
        System.out.printf("take-over of the shard %.2fs after the holder's connection was cut (lease %ss)%n",
                takeover, TIMING.leaseDuration().toSeconds());
    }

    final List<Member> members = new ArrayList<>();

    <T> T await(Supplier<T> value, long seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(100);
        }
        StringBuilder state = new StringBuilder();
        for (Member m : members) {
            state.append("; ").append(m.id()).append(" holds ").append(m.leases().held()).append(", sees ")
                    .append(m.leases().liveControllers()).append(" controller(s), status ")
                    .append(m.controller().status(APP).map(AppStatus::lastOperation).orElse(null));
        }
        throw new AssertionError("timed out after " + seconds + "s waiting for " + what + state);
    }
}
