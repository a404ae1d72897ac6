package io.jenkins.plugins.gitops.engine.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/**
 * <b>Stands in for the Kubernetes controllers that the fabric8 CRUD mock server does not run.</b> The mock only stores
 * objects: no job controller completes Jobs, no deployment controller rolls out Deployments and no apiextensions
 * controller establishes CRDs, so without this class nothing would ever become healthy. Each {@link #reconcile()}
 * (the tests call it from their fake sleeper, i.e. between two health polls) writes the status a real controller
 * would eventually write, through the status subresource:
 * <ul>
 *   <li>Jobs: {@code Complete}; a Job whose name contains {@code fail} gets {@code Failed}; one whose name contains
 *       {@code hang} stays running forever;</li>
 *   <li>Deployments: observedGeneration caught up and all replicas updated and available; a Deployment whose name
 *       contains {@code fail} gets {@code ProgressDeadlineExceeded} (Degraded); {@code hang} stays Progressing;</li>
 *   <li>CustomResourceDefinitions: {@code Established}.</li>
 * </ul>
 * The names are the test fixtures' way of asking for a failure; the health checks that read these statuses are the
 * engine's real ones.
 */
public final class FakeControllers {

    private final KubernetesClient client;
    private int rounds;

    public FakeControllers(KubernetesClient client) {
        this.client = client;
    }

    /** How often {@link #reconcile()} ran. */
    public int rounds() {
        return rounds;
    }

    public void reconcile() {
        rounds++;
        client.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(this::job);
        client.apps().deployments().inAnyNamespace().list().getItems().forEach(this::deployment);
        client.apiextensions().v1().customResourceDefinitions().list().getItems().forEach(this::crd);
    }

    private void job(Job job) {
        String name = job.getMetadata().getName();
        if (job.getStatus() != null && job.getStatus().getConditions() != null
                && !job.getStatus().getConditions().isEmpty() || name.contains("hang")) {
            return;
        }
        boolean fail = name.contains("fail");
        JobStatus status = new JobStatus();
        status.setConditions(List.of(new JobConditionBuilder().withType(fail ? "Failed" : "Complete")
                .withStatus("True").withReason(fail ? "BackoffLimitExceeded" : "Completed")
                .withMessage(fail ? "Job has reached the specified backoff limit" : "").build()));
        status.setSucceeded(fail ? 0 : 1);
        status.setFailed(fail ? 1 : 0);
        job.setStatus(status);
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).updateStatus();
    }

    private void deployment(Deployment d) {
        String name = d.getMetadata().getName();
        long generation = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
        DeploymentStatus current = d.getStatus();
        if (name.contains("hang") || current != null && current.getObservedGeneration() != null
                && current.getObservedGeneration() == generation) {
            return;
        }
        int replicas = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        DeploymentStatus status = new DeploymentStatus();
        status.setObservedGeneration(generation);
        if (name.contains("fail")) {
            DeploymentCondition deadline = new DeploymentConditionBuilder().withType("Progressing")
                    .withStatus("False").withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"" + name + "-5d8f\" has timed out progressing.").build();
            status.setConditions(List.of(deadline));
            status.setReplicas(replicas);
            status.setUpdatedReplicas(replicas);
        } else {
            status.setReplicas(replicas);
            status.setUpdatedReplicas(replicas);
            status.setReadyReplicas(replicas);
            status.setAvailableReplicas(replicas);
        }
        d.setStatus(status);
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
    }

    private void crd(CustomResourceDefinition crd) {
        if (crd.getStatus() != null && crd.getStatus().getConditions() != null
                && !crd.getStatus().getConditions().isEmpty()) {
            return;
        }
        CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
        status.setConditions(List.of(new CustomResourceDefinitionConditionBuilder().withType("Established")
                .withStatus("True").withReason("InitialNamesAccepted").build()));
        crd.setStatus(status);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
    }
}
