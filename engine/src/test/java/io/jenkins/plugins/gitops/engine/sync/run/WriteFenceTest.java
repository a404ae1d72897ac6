package io.jenkins.plugins.gitops.engine.sync.run;

import static io.jenkins.plugins.gitops.engine.sync.run.SyncOperationTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operation under a {@link WriteFence} (a controller's shard lease): it stops with the fence's message the moment
 * the fence closes - before it starts, before any write, between waves, after a wait - writes nothing more, and is
 * not retried. Against the fabric8 CRUD mock with fake time, as {@link SyncOperationTest}.
 */
class WriteFenceTest {

    static final String LOST = "lost leadership of shard 1 to ctl-b";

    final MockClusterFixture world = new MockClusterFixture();
    final AtomicReference<String> lost = new AtomicReference<>();
    final WriteFence fence = () -> Optional.ofNullable(lost.get());

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void aFenceClosedBeforeTheStartWritesNothing() {
        lost.set(LOST);

        OperationResult result = new SyncOperation().run(world.plan("slow-rollout", b -> b, java.util.List.of()),
                world.context().fence(fence).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).isEqualTo(LOST);
        assertThat(world.cluster.exists(key("apps", "Deployment", "shop", "web-hang"))).isFalse();
    }

    @Test
    void losingTheLeaseWhileAWaveWaitsStopsBeforeTheNextWaveAndIsNotRetried() {
        world.time.onSleep(2, () -> lost.set(LOST));
        RetryPolicy retry = RetryPolicy.of(new SyncPolicy.Retry(3, Duration.ofSeconds(5), 2, Duration.ofMinutes(1)));

        OperationResult result = new SyncOperation().run(() -> world.plan("slow-rollout", b -> b, java.util.List.of()),
                world.context().fence(fence).build(), retry);

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).isEqualTo(LOST);
        assertThat(world.cluster.exists(key("apps", "Deployment", "shop", "web-hang"))).isTrue();
        assertThat(world.cluster.exists(key("", "Service", "shop", "web"))).as("the next wave").isFalse();
        assertThat(world.time.sleeps()).as("stopped after the wait that saw the loss, no retry backoff").hasSize(2);
        assertThat(world.log.lines()).noneMatch(l -> l.contains("retrying"));
    }

    @Test
    void aWriteWhoseRetryTheClusterLayerRefusedAfterTheLossStopsTheOperation() {
        // the fence is open when the write starts; its first attempt fails on the way and, while the cluster layer
        // waits to retry, the lease is lost: the retry is not sent (ResourceOperations asks the gate, WriteGateTest)
        // and the operation stops as if the fence had refused the write itself
        AtomicInteger attempts = new AtomicInteger();
        var real = world.cluster.applier();
        io.jenkins.plugins.gitops.engine.cluster.ResourceApplier failingOnce =
                new io.jenkins.plugins.gitops.engine.cluster.ResourceApplier() {
            @Override
            public io.jenkins.plugins.gitops.engine.model.KubeObject apply(
                    io.jenkins.plugins.gitops.engine.model.KubeObject desired,
                    io.jenkins.plugins.gitops.engine.cluster.ApplyOptions options) {
                if (!options.dryRun() && attempts.getAndIncrement() == 0) {
                    lost.set(LOST);
                    throw new io.jenkins.plugins.gitops.engine.cluster.ClusterException(
                            io.jenkins.plugins.gitops.engine.cluster.ClusterException.Reason.CONFIGURATION, "",
                            LOST + "; client-side apply " + desired.key() + " not sent again (after 1 failed attempt)");
                }
                return real.apply(desired, options);
            }

            @Override
            public io.jenkins.plugins.gitops.engine.model.KubeObject replace(
                    io.jenkins.plugins.gitops.engine.model.KubeObject desired, boolean force,
                    io.jenkins.plugins.gitops.engine.cluster.ApplyOptions options) {
                return real.replace(desired, force, options);
            }

            @Override
            public io.jenkins.plugins.gitops.engine.model.KubeObject create(
                    io.jenkins.plugins.gitops.engine.model.KubeObject desired,
                    io.jenkins.plugins.gitops.engine.cluster.ApplyOptions options) {
                return real.create(desired, options);
            }

            @Override
            public boolean delete(io.jenkins.plugins.gitops.engine.model.ResourceKey key,
                    io.jenkins.plugins.gitops.engine.cluster.PropagationPolicy propagation, boolean dryRun) {
                return real.delete(key, propagation, dryRun);
            }

            @Override
            public boolean removeFinalizer(io.jenkins.plugins.gitops.engine.model.ResourceKey key, String finalizer) {
                return real.removeFinalizer(key, finalizer);
            }

            @Override
            public Optional<io.jenkins.plugins.gitops.engine.model.KubeObject> get(
                    io.jenkins.plugins.gitops.engine.model.ResourceKey key) {
                return real.get(key);
            }
        };
        RetryPolicy retry = RetryPolicy.of(new SyncPolicy.Retry(3, Duration.ofSeconds(5), 2, Duration.ofMinutes(1)));

        OperationResult result = new SyncOperation().run(() -> world.plan("wave-app", b -> b, java.util.List.of()),
                SyncContext.builder(failingOnce).log(world.log).parallelism(1).handle(world.handle)
                        .sleeper(world.time).clock(world.time).fence(fence).build(), retry);

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).startsWith(LOST);
        assertThat(attempts).as("no further write tried after the refused one").hasValue(1);
        assertThat(world.cluster.exists(key("", "Service", "shop", "web"))).isFalse();
        assertThat(world.log.lines()).noneMatch(l -> l.contains("retrying"));
    }

    @Test
    void aWriteAfterTheLossIsNotSentAndTheOperationStops() {
        AtomicInteger checks = new AtomicInteger();
        WriteFence closesAfterThreeWrites = () -> checks.incrementAndGet() > 3 ? Optional.of(LOST) : Optional.empty();
        int before = world.cluster.client().configMaps().inAnyNamespace().list().getItems().size();

        OperationResult result = new SyncOperation().run(world.plan("wave-app", b -> b, java.util.List.of()),
                world.context().fence(closesAfterThreeWrites).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).startsWith(LOST);
        assertThat(world.cluster.exists(key("", "Service", "shop", "web"))).isFalse();
        assertThat(world.cluster.exists(key("batch", "Job", "shop", "smoke-test"))).as("PostSync hook").isFalse();
        assertThat(world.cluster.client().configMaps().inAnyNamespace().list().getItems()).hasSizeGreaterThanOrEqualTo(before);
    }
}
