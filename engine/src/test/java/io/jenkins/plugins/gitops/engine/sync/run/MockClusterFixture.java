package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.testing.FakeControllers;
import io.jenkins.plugins.gitops.engine.testing.FakeTime;
import io.jenkins.plugins.gitops.engine.testing.MockApiServer;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.SyncOptions;
import io.jenkins.plugins.gitops.engine.sync.SyncPlan;
import io.jenkins.plugins.gitops.engine.sync.SyncPlanner;
import io.jenkins.plugins.gitops.engine.sync.SyncRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * One test's world: the mock cluster, its fake controllers, fake time that lets the controllers act whenever the
 * operation sleeps, a recording log, an executor for parallel writes and the operation handle. Plans are made by the
 * real {@link SyncPlanner} from a scenario's manifests and the live state read from the mock.
 */
final class MockClusterFixture implements AutoCloseable {

    static final String REVISION = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

    final MockApiServer cluster = new MockApiServer();
    final FakeControllers controllers = new FakeControllers(cluster.client());
    final FakeTime time = new FakeTime().onEverySleep(controllers::reconcile);
    final RecordingLog log = new RecordingLog();
    final OperationHandle handle = new OperationHandle();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /** Real parts everywhere except time; the mock only has client-side apply, which ClientSideApplier does. */
    SyncContext.Builder context() {
        return SyncContext.builder(cluster.applier()).log(log).executor(executor).parallelism(3).handle(handle)
                .sleeper(time).clock(time);
    }

    OperationResult sync(String scenario) {
        return sync(scenario, b -> b);
    }

    OperationResult sync(String scenario, UnaryOperator<SyncRequest.Builder> request) {
        return new SyncOperation().run(plan(scenario, request, List.of()), context().build());
    }

    /**
     * Plans a scenario. Live state: every desired object that exists in the mock, plus {@code alsoTracked} (objects
     * the application tracks although Git no longer declares them).
     */
    SyncPlan plan(String scenario, UnaryOperator<SyncRequest.Builder> request, List<ResourceKey> alsoTracked) {
        List<KubeObject> desired = Scenario.manifests(scenario);
        List<ResourceKey> keys = new ArrayList<>(desired.stream().filter(o -> !o.name().isEmpty())
                .map(KubeObject::key).toList());
        keys.addAll(alsoTracked);
        Map<ResourceKey, KubeObject> live = new LinkedHashMap<>();
        for (ResourceKey key : keys) {
            liveObject(key).ifPresent(o -> live.put(o.key(), o));
        }
        SyncRequest.Builder builder = SyncRequest.builder("shop").desired(desired).live(live)
                .appOptions(SyncOptions.DEFAULTS).destinationNamespace("shop").revision(REVISION)
                .startedAt(FakeTime.START);
        return new SyncPlanner().plan(request.apply(builder).build()).requireValid();
    }

    private java.util.Optional<KubeObject> liveObject(ResourceKey key) {
        try {
            return cluster.applier().get(key);
        } catch (io.jenkins.plugins.gitops.engine.cluster.ClusterException e) {
            return java.util.Optional.empty(); // a kind the cluster does not serve yet has no live objects
        }
    }

    /** Creates an object directly in the mock, as if an earlier sync or a person had. */
    KubeObject given(String yaml) {
        return cluster.applier().apply(SyncOperationTestSupport.yaml(yaml),
                io.jenkins.plugins.gitops.engine.cluster.ApplyOptions.defaults().withServerSide(false));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        cluster.close();
    }
}
