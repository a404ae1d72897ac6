package io.jenkins.plugins.gitops.engine.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.cluster.ClusterApplier;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.SyncOptions;
import io.jenkins.plugins.gitops.engine.sync.SyncPlan;
import io.jenkins.plugins.gitops.engine.sync.SyncPlanner;
import io.jenkins.plugins.gitops.engine.sync.SyncRequest;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waiting for a wave of many objects of one kind on the harness's real control plane (kube-controller-manager and the
 * fake kubelet roll the Deployments out): the wait watches them (one list, then the changes) and ends when the last
 * one is Healthy, without waiting for the poll interval; an applier that cannot watch reads them with one list request
 * per look, not one GET each; a wave of a few objects is read one by one as before.
 */
class WaveWaitOnHarnessTest {

    HarnessCluster cluster;
    ClusterConnection connection;
    String ns;

    @BeforeEach
    void setUp() {
        cluster = HarnessCluster.get();
        connection = cluster.connection();
        ns = cluster.freshNamespace("wavewait");
    }

    @AfterEach
    void tearDown() {
        connection.close();
    }

    static List<KubeObject> deployments(String namespace, int count) {
        List<KubeObject> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(SyncOperationTestSupport.yaml("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web-%d, namespace: %s}
                    spec:
                      replicas: 1
                      selector: {matchLabels: {app: web-%d}}
                      template:
                        metadata: {labels: {app: web-%d}}
                        spec:
                          containers: [{name: web, image: "nginx:1.27"}]
                    """.formatted(i, namespace, i, i)));
        }
        return out;
    }

    /** The Deployments, then a ConfigMap in a later wave: a wave is waited for only when another one follows. */
    OperationResult sync(CountingApplier applier, List<KubeObject> deployments) {
        return sync(applier, deployments, Duration.ofMillis(250));
    }

    OperationResult sync(CountingApplier applier, List<KubeObject> deployments, Duration pollInterval) {
        List<KubeObject> desired = new ArrayList<>(deployments);
        desired.add(SyncOperationTestSupport.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: after, namespace: "
                + ns + ", annotations: {argocd.argoproj.io/sync-wave: '1'}}, data: {a: b}}"));
        SyncPlan plan = new SyncPlanner().plan(SyncRequest.builder("shop").desired(desired).live(Map.of())
                .appOptions(SyncOptions.DEFAULTS).destinationNamespace(ns).revision(MockClusterFixture.REVISION)
                .build()).requireValid();
        return new SyncOperation().run(plan, SyncContext.builder(applier).log(new RecordingLog())
                .pollInterval(pollInterval).operationTimeout(Duration.ofMinutes(30)).build());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWaveOfManyDeploymentsIsWatchedAndItsGateOpensWhenTheLastIsHealthyNotAfterThePollInterval() {
        CountingApplier applier = new CountingApplier(ClusterApplier.forConnection(connection));
        int count = StepWaiter.LIST_FROM + 4;

        // a poll interval longer than the test may run: only the watch's wake-up can end the wait in time
        OperationResult result = sync(applier, deployments(ns, count), Duration.ofMinutes(20));

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.Succeeded);
        assertThat(applier.watches).containsExactly("Deployment");
        assertThat(applier.lists).as("no list request per look").isEmpty();
        everyDeploymentHealthyWithoutOneByOneReads(applier, result, count);
    }

    @Test
    void withoutAWatchManyDeploymentsAreListedOncePerLookUntilEveryOneIsHealthy() {
        CountingApplier applier = new CountingApplier(ClusterApplier.forConnection(connection));
        applier.canWatch = false;
        int count = StepWaiter.LIST_FROM + 4;

        OperationResult result = sync(applier, deployments(ns, count));

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.Succeeded);
        assertThat(applier.lists).isNotEmpty().containsOnly("Deployment");
        everyDeploymentHealthyWithoutOneByOneReads(applier, result, count);
    }

    /** Every Deployment's result Succeeded and its rollout done, and none was read with a GET of its own. */
    void everyDeploymentHealthyWithoutOneByOneReads(CountingApplier applier, OperationResult result, int count) {
        assertThat(applier.gets).as("no Deployment read one by one while waiting")
                .noneMatch(g -> g.startsWith("Deployment "));
        assertThat(result.results()).hasSize(count + 1).filteredOn(r -> r.key().kind().equals("Deployment"))
                .hasSize(count).allSatisfy(r -> assertThat(r.phase()).isEqualTo(OperationPhase.Succeeded));
        for (int i = 0; i < count; i++) {
            assertThat(cluster.client().apps().deployments().inNamespace(ns).withName("web-" + i).get()
                    .getStatus().getReadyReplicas()).as("web-" + i).isEqualTo(1);
        }
    }

    @Test
    void aFewDeploymentsAreReadOneByOne() {
        CountingApplier applier = new CountingApplier(ClusterApplier.forConnection(connection));

        OperationResult result = sync(applier, deployments(ns, 2));

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.Succeeded);
        assertThat(applier.lists).isEmpty();
        assertThat(applier.watches).isEmpty();
        assertThat(applier.gets).contains("Deployment web-0", "Deployment web-1");
    }
}
