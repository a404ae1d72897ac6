package io.jenkins.plugins.gitops.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The harness cluster runs real controllers: a Deployment applied with kubectl becomes Available through them. */
class HarnessClusterTest {

    @Test
    void realControllersMakeADeploymentAvailable() {
        HarnessCluster cluster = HarnessCluster.get();
        String ns = cluster.freshNamespace("harness");
        cluster.kubectl("-n", ns, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2");

        Deployment available = cluster.client().apps().deployments().inNamespace(ns).withName("web")
                .waitUntilCondition(d -> d != null && d.getStatus() != null
                        && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()), 90, TimeUnit.SECONDS);

        assertThat(available.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(cluster.client().pods().inNamespace(ns).list().getItems()).hasSize(2)
                .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Running"));
    }
}
