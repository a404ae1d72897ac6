package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;

/**
 * core/PersistentVolumeClaim, as gitops-engine {@code health_pvc.go}: Bound is Healthy, Lost is Degraded. A
 * Pending claim that a provisioner is working on (storage-provisioner annotation) is Progressing; a Pending claim
 * nobody provisions yet is waiting for its first consumer (WaitForFirstConsumer storage classes) and Healthy, so
 * such an application does not stay Progressing forever. Any other phase is Unknown. Besides the beta annotation
 * that Argo CD reads, the GA {@code volume.kubernetes.io/storage-provisioner} annotation counts too.
 */
final class PersistentVolumeClaimHealthCheck implements HealthCheck {

    private static final String BETA_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
    private static final String PROVISIONER = "volume.kubernetes.io/storage-provisioner";

    @Override
    public Optional<Health> assess(KubeObject pvc) {
        String phase = Fields.text(pvc, "/status/phase");
        return Optional.of(switch (phase) {
            case "Bound" -> Health.healthy();
            case "Lost" -> Health.degraded("The claim lost its underlying PersistentVolume");
            case "Pending" -> pvc.annotations().containsKey(BETA_PROVISIONER) || pvc.annotations().containsKey(PROVISIONER)
                    ? Health.progressing("Provisioning volume")
                    : Health.healthy("Waiting for consumer");
            default -> Health.unknown("PersistentVolumeClaim phase \"" + phase + "\" is not known");
        });
    }
}
