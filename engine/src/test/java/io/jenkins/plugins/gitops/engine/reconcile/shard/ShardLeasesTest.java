package io.jenkins.plugins.gitops.engine.reconcile.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.sync.run.WriteFence;
import io.jenkins.plugins.gitops.engine.testing.RealApiServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shard leases on a real kube-apiserver (kube-api-test): acquisition, the fair share, take-over of a silent
 * controller's shards after the lease duration, fencing of its operations, and release on close. Each controller has
 * its own monotonic clock that the test moves, and rounds run when the test calls them: no sleeping.
 */
class ShardLeasesTest {

    static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(2));

    KubernetesClient client;
    String namespace;
    final List<ShardLeases> opened = new ArrayList<>();

    @BeforeEach
    void namespace() {
        client = RealApiServer.client();
        namespace = "leases-" + Long.toString(System.nanoTime() & 0xffffffL, 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(ShardLeases::close);
    }

    final class Member {
        final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));
        final ShardLeases leases;

        Member(String identity, int shards) {
            leases = new ShardLeases(client, new ShardSettings(shards, Sharding.NAME, namespace, identity, TIMING),
                    EngineLog.NONE, Clock.systemUTC(), nanos::get);
            opened.add(leases);
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    @Test
    void aLoneControllerTakesEveryShardAndWritesTheLeases() {
        Member a = new Member("ctl-a", 3);

        a.leases.round();

        assertThat(a.leases.held()).containsExactlyInAnyOrder(0, 1, 2);
        Lease lease = client.resources(Lease.class).inNamespace(namespace).withName("gitops-shard-1").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("ctl-a");
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(15);
        assertThat(lease.getMetadata().getAnnotations()).containsEntry(ShardLeases.SHARDS_ANNOTATION, "3")
                .containsEntry(ShardLeases.SHARDING_ANNOTATION, "name");
        assertThat(a.leases.holder(app("x"))).extracting(ShardHolder::holder, ShardHolder::mine)
                .containsExactly("ctl-a", true);
    }

    @Test
    void controllersSpreadTheShardsToTheirFairShare() {
        Member a = new Member("ctl-a", 3);
        Member b = new Member("ctl-b", 3);
        Member c = new Member("ctl-c", 3);
        a.leases.round();
        for (int i = 0; i < 4; i++) {
            b.leases.round();
            c.leases.round();
            a.leases.round();
        }

        assertThat(List.of(a.leases.held().size(), b.leases.held().size(), c.leases.held().size()))
                .containsExactly(1, 1, 1);
        assertThat(a.leases.liveControllers()).isEqualTo(3);
        Application app = app("web");
        int shard = Sharding.NAME.shardOf(app, 3);
        Member holder = List.of(a, b, c).stream().filter(m -> m.leases.holds(shard)).findFirst().orElseThrow();
        Member other = holder == a ? b : a;
        assertThat(other.leases.holder(app).mine()).isFalse();
        assertThat(other.leases.holder(app).holder()).isEqualTo(holder.leases.settings().identity());
        assertThat(other.leases.fence(app).lost()).get().asString()
                .isEqualTo("lost leadership of shard " + shard + " to " + holder.leases.settings().identity());
    }

    @Test
    void aSilentHoldersShardsMoveAfterTheLeaseDurationAndItsFenceCloses() {
        Member a = new Member("ctl-a", 2);
        Member b = new Member("ctl-b", 2);
        a.leases.round();
        b.leases.round();
        Application app = app("web");
        WriteFence fence = a.leases.fence(app);
        assertThat(fence.lost()).isEmpty();

        // a stops renewing (killed, paused, partitioned); b waits a lease duration from when it saw a's last renewal
        b.advance(TIMING.leaseDuration().minusSeconds(1));
        b.leases.round();
        assertThat(b.leases.held()).isEmpty();
        b.advance(Duration.ofSeconds(2));
        b.leases.round();
        assertThat(b.leases.held()).containsExactlyInAnyOrder(0, 1);

        // a's own clock: past its renew deadline the fence is closed, whatever the loop thread did or did not do
        a.advance(TIMING.renewDeadline().plusMillis(1));
        assertThat(fence.lost()).get().asString().isEqualTo("lost leadership of shard "
                + Sharding.NAME.shardOf(app, 2) + " to ctl-b");
        // resumed, a sees b's lease and does not take it back; the old fence stays closed
        a.leases.round();
        assertThat(a.leases.held()).isEmpty();
        assertThat(fence.lost()).isPresent();
        assertThat(client.resources(Lease.class).inNamespace(namespace).withName("gitops-shard-0").get().getSpec()
                .getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void aReacquiredLeaseIsANewTermThatDoesNotReopenOldFences() {
        Member a = new Member("ctl-a", 1);
        a.leases.round();
        WriteFence old = a.leases.fence(app("web"));
        a.advance(TIMING.renewDeadline().plusSeconds(1));

        assertThat(old.lost()).get().asString().startsWith("lost leadership of shard 0 to no controller yet");
        a.leases.round();
        assertThat(a.leases.holds(0)).isTrue();
        assertThat(old.lost()).as("an operation of the earlier term never continues").isPresent();
        assertThat(a.leases.fence(app("web")).lost()).isEmpty();
    }

    @Test
    void closingGivesTheShardsBackAtOnce() {
        Member a = new Member("ctl-a", 2);
        Member b = new Member("ctl-b", 2);
        a.leases.round();
        b.leases.round();
        assertThat(b.leases.held()).isEmpty();

        a.leases.close();
        b.leases.round();

        assertThat(b.leases.held()).as("no lease duration to wait for").containsExactlyInAnyOrder(0, 1);
    }

    static Application app(String name) {
        return ShardingTest.app(name, "https://kubernetes.default.svc");
    }
}
