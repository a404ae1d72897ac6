package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardHolder;
import io.jenkins.plugins.gitops.engine.sync.run.WriteFence;
import io.jenkins.plugins.gitops.engine.testing.GitOpsFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller under a {@link Leadership} it does not or no longer holds: it compares read-only (no automation,
 * the status names the holder), refuses syncs, and an automated sync whose lease is lost mid-way is not recorded as
 * an attempt of that revision. Real Git over HTTP and the fabric8 CRUD mock, as {@link ControllerTest}.
 */
class ControllerLeadershipTest {

    @TempDir
    Path dir;

    GitOpsFixture fx;
    GitOpsEngine engine;
    Controller controller;
    final AtomicBoolean mine = new AtomicBoolean(false);

    final Leadership switchable = new Leadership() {
        @Override
        public ShardHolder holder(Application app) {
            return mine.get() ? new ShardHolder(1, 3, "ctl-a", true) : new ShardHolder(1, 3, "ctl-b", false);
        }

        @Override
        public WriteFence fence(Application app) {
            return () -> mine.get() ? Optional.empty() : Optional.of("lost leadership of shard 1 to ctl-b");
        }
    };

    @BeforeEach
    void setUp() {
        fx = new GitOpsFixture(dir);
        fx.repo.write("apps/web/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web}
                data: {a: "1"}
                """);
        fx.repo.commit("web");
        engine = fx.engine().build();
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofHours(1), Duration.ZERO));
        controller.useLeadership(switchable);
    }

    @AfterEach
    void tearDown() {
        controller.close();
        engine.close();
        fx.close();
    }

    void settle() throws InterruptedException {
        controller.tick();
        assertThat(controller.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aShardHeldElsewhereIsComparedReadOnlyAndNotSynced() throws Exception {
        controller.register(fx.application("web", "apps/web", "shop", ControllerTest.AUTO), "test");
        settle();

        AppStatus s = controller.status("web").orElseThrow();
        assertThat(s.comparison().syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(s.automation()).isEqualTo("read-only here: shard 1 of 3, held by ctl-b; only that controller "
                + "syncs, self-heals and prunes it");
        assertThat(s.controller()).isEqualTo(new ShardHolder(1, 3, "ctl-b", false));
        assertThat(fx.cluster.client().configMaps().inNamespace("shop").withName("web").get()).isNull();
        var refused = controller.requestSync("web", SyncRequest.manual("alice"));
        assertThat(refused).isCompletedExceptionally();
        try {
            refused.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).hasMessage("sync of web refused: this controller does not hold its shard 1 of 3,"
                    + " held by ctl-b; only the holder syncs, self-heals, prunes and deletes it");
        }
    }

    @Test
    void theShardsNewHolderSyncsWhatIsOutOfSync() throws Exception {
        controller.register(fx.application("web", "apps/web", "shop", ControllerTest.AUTO), "test");
        settle();
        mine.set(true);
        controller.requestRefresh("web");
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fx.cluster.client().configMaps().inNamespace("shop").withName("web").get() == null) {
            assertThat(System.nanoTime()).as("auto-sync by the new holder").isLessThan(end);
            settle();
            Thread.sleep(50);
        }
        assertThat(controller.status("web").orElseThrow().controller().mine()).isTrue();
    }

    @Test
    void anOperationWhoseLeaseIsLostAtTheStartIsReportedAndNotCountedAsAnAttempt() throws Exception {
        mine.set(true);
        controller.register(fx.application("web", "apps/web", "shop", ""), "test");
        settle();
        mine.set(false);
        Leadership lostAfterCheck = new Leadership() {
            @Override
            public ShardHolder holder(Application app) {
                return new ShardHolder(1, 3, "ctl-a", true);
            }

            @Override
            public WriteFence fence(Application app) {
                return () -> Optional.of("lost leadership of shard 1 to ctl-b");
            }
        };
        controller.useLeadership(lostAfterCheck);

        var outcome = controller.requestSync("web", SyncRequest.manual("alice")).get();

        assertThat(outcome.phase()).isEqualTo("Error");
        assertThat(outcome.message()).isEqualTo("lost leadership of shard 1 to ctl-b; the sync did not start");
        assertThat(fx.cluster.client().configMaps().inNamespace("shop").withName("web").get()).isNull();
        assertThat(controller.status("web").orElseThrow().conditions()).extracting(AppCondition::message)
                .contains("lost leadership of shard 1 to ctl-b; the sync did not start");
    }
}
