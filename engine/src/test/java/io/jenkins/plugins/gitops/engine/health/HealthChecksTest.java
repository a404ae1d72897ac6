package io.jenkins.plugins.gitops.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One line per fixture: the file, the expected status ("none" for no health) and a fragment of the message. */
class HealthChecksTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            deployment-healthy.yaml                 | Healthy     |
            deployment-progressing.yaml             | Progressing | Waiting for rollout to finish: 1 of 3 updated replicas are available...
            deployment-updating.yaml                | Progressing | Waiting for rollout to finish: 1 out of 3 new replicas have been updated...
            deployment-old-replicas.yaml            | Progressing | Waiting for rollout to finish: 1 old replicas are pending termination...
            deployment-generation.yaml              | Progressing | observed deployment generation less than desired generation
            deployment-degraded.yaml                | Degraded    | Deployment "guestbook-ui" exceeded its progress deadline
            deployment-paused.yaml                  | Suspended   | Deployment is paused
            deployment-malformed.yaml               | Unknown     | apps/Deployment default/guestbook-ui: status.availableReplicas: expected an integer but found "three"
            statefulset-healthy.yaml                | Healthy     | partitioned roll out complete: 3 new pods have been updated...
            statefulset-not-ready.yaml              | Progressing | Waiting for 2 pods to be ready...
            statefulset-partition.yaml              | Progressing | Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...
            statefulset-ondelete.yaml               | Healthy     | statefulset has 3 ready pods
            statefulset-rolling-revision.yaml       | Progressing | waiting for statefulset rolling update to complete 1 pods at revision redis-7c9a5e8d6f...
            statefulset-rolling-complete.yaml       | Healthy     | statefulset rolling update complete 3 pods at revision redis-6b8f4d7c5d...
            statefulset-unobserved.yaml             | Progressing | Waiting for statefulset spec update to be observed...
            daemonset-healthy.yaml                  | Healthy     |
            daemonset-progressing.yaml              | Progressing | Waiting for daemon set "node-exporter" rollout to finish: 1 out of 3 new pods have been updated...
            daemonset-unavailable.yaml              | Progressing | Waiting for daemon set "node-exporter" rollout to finish: 2 of 3 updated pods are available...
            daemonset-unobserved.yaml               | Progressing | observed daemon set generation less than desired generation
            daemonset-ondelete.yaml                 | Healthy     | daemon set 1 out of 3 new pods have been updated
            replicaset-healthy.yaml                 | Healthy     |
            replicaset-progressing.yaml             | Progressing | Waiting for rollout to finish: 1 out of 2 new replicas are available...
            replicaset-unobserved.yaml              | Progressing | observed replica set generation less than desired generation
            replicaset-degraded.yaml                | Degraded    | exceeded quota: compute-resources
            pod-running-ready.yaml                  | Healthy     |
            pod-running-not-ready.yaml              | Progressing |
            pod-crashloop.yaml                      | Degraded    | back-off 5m0s restarting failed container=guestbook-ui
            pod-imagepullbackoff.yaml               | Degraded    | Back-off pulling image "gcr.io/heptio-images/ks-guestbook-demo:0.9"
            pod-errimagepull.yaml                   | Degraded    | failed to pull and unpack image
            pod-createcontainerconfigerror.yaml     | Degraded    | secret "db-password" not found
            pod-init-crashloop.yaml                 | Degraded    | restarting failed container=migrate
            pod-running-restarted.yaml              | Degraded    |
            pod-pending.yaml                        | Progressing |
            pod-running-restart-never.yaml          | Progressing |
            pod-running-restart-onfailure.yaml      | Progressing |
            pod-restart-never-imagepullbackoff.yaml | Progressing |
            pod-succeeded.yaml                      | Healthy     |
            pod-failed-exit-code.yaml               | Degraded    | container "main" failed with exit code 2
            pod-failed-termination-message.yaml     | Degraded    | error: Dirty database version 16. Fix and force version.
            pod-failed-oomkilled.yaml               | Degraded    | OOMKilled
            pod-failed-evicted.yaml                 | Degraded    | The node was low on resource: ephemeral-storage.
            pod-deletion.yaml                       | Progressing | Pending deletion
            pod-hook-deleting.yaml                  | Healthy     |
            pod-unknown-phase.yaml                  | Unknown     | Pod phase "Unknown" is not known
            job-running.yaml                        | Progressing | Job is running: 1 active, 0 succeeded, 0 failed pods
            job-succeeded.yaml                      | Healthy     | Reached expected number of succeeded pods
            job-failed.yaml                         | Degraded    | Job has reached the specified backoff limit
            job-suspended.yaml                      | Suspended   | Job suspended
            job-resumed.yaml                        | Progressing | Job is running: 1 active
            svc-clusterip.yaml                      | Healthy     |
            svc-loadbalancer.yaml                   | Healthy     |
            svc-loadbalancer-unassigned.yaml        | Progressing | Waiting for the load balancer
            ingress.yaml                            | Healthy     |
            ingress-unassigned.yaml                 | Progressing | Waiting for the ingress controller
            ingress-extensions.yaml                 | Healthy     |
            pvc-bound.yaml                          | Healthy     |
            pvc-pending.yaml                        | Progressing | Provisioning volume
            pvc-pending-ga-annotation.yaml          | Progressing | Provisioning volume
            pvc-pending-wait-for-consumer.yaml      | Healthy     | Waiting for consumer
            pvc-lost.yaml                           | Degraded    | lost its underlying PersistentVolume
            hpa-v2-healthy.yaml                     | Healthy     | recommended size matches current size
            hpa-v2-degraded.yaml                    | Degraded    | the HPA was unable to compute the replica count: failed to get cpu utilization
            hpa-v2-progressing.yaml                 | Progressing | Waiting to Autoscale
            hpa-v1-healthy.yaml                     | Healthy     | the HPA controller was able to update the target scale to 2
            hpa-v1-degraded.yaml                    | Degraded    | unable to get metric requests-per-second
            hpa-v1-progressing.yaml                 | Progressing | Waiting to Autoscale
            hpa-v1-malformed.yaml                   | Unknown     | autoscaling/HorizontalPodAutoscaler default/sample: annotation autoscaling.alpha.kubernetes.io/conditions is not valid JSON
            apiservice-true.yaml                    | Healthy     | Passed: all checks passed
            apiservice-false.yaml                   | Progressing | MissingEndpoints: endpoints for service/metrics-server
            apiservice-unprocessed.yaml             | Progressing | Waiting to be processed
            cr-ready.yaml                           | Healthy     | Certificate is up to date and has not expired
            cr-not-ready.yaml                       | Degraded    | Issuing certificate as Secret does not exist
            cr-ready-unknown.yaml                   | Progressing | Waiting for the issuer
            cr-reconciling.yaml                     | Progressing | Detecting drift for revision main@sha1:6b2b7a3
            cr-stalled.yaml                         | Degraded    | kustomize build failed
            cr-stale-generation.yaml                | Progressing | Waiting for the controller to observe generation 5 (observed 4)
            cr-available.yaml                       | Healthy     | Widget has minimum availability
            cr-progressing.yaml                     | Progressing | Scaling from 1 to 3 widgets
            cr-no-conditions.yaml                   | none        |
            cr-other-conditions.yaml                | none        |
            configmap.yaml                          | none        |
            secret.yaml                             | none        |
            """)
    void assessesFixture(String file, String expected, String messageFragment) {
        KubeObject live = Fixtures.load(file);

        Optional<Health> health = HealthChecks.defaults().assess(live);

        if (expected.equals("none")) {
            assertThat(health).as(file).isEmpty();
            return;
        }
        assertThat(health).as(file).isPresent();
        assertThat(health.get().status()).as(file + ": " + health.get()).isEqualTo(HealthStatus.valueOf(expected));
        if (messageFragment == null) {
            assertThat(health.get().message()).as(file).doesNotContain("null");
        } else {
            assertThat(health.get().message()).as(file).contains(messageFragment);
        }
    }
}
