package io.jenkins.plugins.gitops.engine.sync.run;

import static io.jenkins.plugins.gitops.engine.sync.run.SyncOperationTestSupport.events;
import static io.jenkins.plugins.gitops.engine.sync.run.SyncOperationTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncPhase;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole operations against the fabric8 CRUD mock (see {@link MockApiServer} for what it adds, {@link FakeControllers}
 * for the controllers it lacks). The mock has no server-side apply, so these tests apply client-side; the server-side
 * path runs in {@link KubeApiServerSyncTest} when a real API server is available.
 */
class SyncOperationTest {

    final MockClusterFixture world = new MockClusterFixture();

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void waveAppRunsPreSyncHookThenWavesInOrderThenPostSyncHook() {
        OperationResult result = world.sync("wave-app");

        assertThat(result.phase()).isEqualTo(OperationPhase.Succeeded);
        assertThat(result.message()).isEqualTo("successfully synced (all tasks run)");
        String migrate = "batch/Job shop/db-migrate-a1b2c3d-presync-" + FakeTime.START.getEpochSecond();
        // the planner moved the Namespace ahead of the first object in it: the PreSync hook
        assertThat(events(world.log)).containsExactly(
                "wave 0 PreSync: Namespace shop created",
                "PreSync hook " + migrate + " created",
                "wave 0 PreSync: Namespace shop ready",
                "PreSync hook " + migrate + " Succeeded",
                "PreSync hook " + migrate + " deleted (HookSucceeded)",
                "wave -1 Sync: ConfigMap shop/settings created",
                "wave -1 Sync: ConfigMap shop/settings ready",
                "wave 1 Sync: apps/Deployment shop/web created",
                "wave 1 Sync: apps/Deployment shop/web Healthy",
                "wave 2 Sync: Service shop/web created",
                "wave 2 Sync: Service shop/web Healthy",
                "PostSync hook batch/Job shop/smoke-test created",
                "PostSync hook batch/Job shop/smoke-test Succeeded");
        assertThat(result.results()).extracting(TaskResult::syncPhase, r -> r.key().name(), TaskResult::status,
                TaskResult::phase).containsExactly(
                        tuple(SyncPhase.PreSync, "shop", ResourceResultStatus.Synced,
                                OperationPhase.Succeeded),
                        tuple(SyncPhase.PreSync,
                                "db-migrate-a1b2c3d-presync-" + FakeTime.START.getEpochSecond(),
                                ResourceResultStatus.Synced, OperationPhase.Succeeded),
                        tuple(SyncPhase.Sync, "settings", ResourceResultStatus.Synced,
                                OperationPhase.Succeeded),
                        tuple(SyncPhase.Sync, "web", ResourceResultStatus.Synced,
                                OperationPhase.Succeeded),
                        tuple(SyncPhase.Sync, "web", ResourceResultStatus.Synced,
                                OperationPhase.Succeeded),
                        tuple(SyncPhase.PostSync, "smoke-test",
                                ResourceResultStatus.Synced, OperationPhase.Succeeded));
        assertThat(result.hooks()).extracting(TaskResult::hookType).containsExactly(HookType.PreSync,
                HookType.PostSync);
        assertThat(world.cluster.exists(key("apps", "Deployment", "shop", "web"))).isTrue();
        assertThat(world.cluster.get(key("", "Namespace", "", "shop")).labels()).containsEntry("team", "shop");
        assertThat(world.cluster.exists(key("batch", "Job", "shop",
                "db-migrate-a1b2c3d-presync-" + FakeTime.START.getEpochSecond()))).as("deleted: HookSucceeded")
                .isFalse();
        assertThat(world.cluster.exists(key("batch", "Job", "shop", "smoke-test"))).isTrue();
        assertThat(result.startedAt()).isEqualTo(FakeTime.START);
        assertThat(result.finishedAt()).isEqualTo(FakeTime.START.plus(world.time.elapsed()));
        assertThat(world.handle.phase()).isEqualTo(OperationPhase.Succeeded);
    }
}
