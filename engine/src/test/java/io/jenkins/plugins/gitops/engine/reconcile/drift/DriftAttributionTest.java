package io.jenkins.plugins.gitops.engine.reconcile.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.diff.FieldDifference;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftAttributionTest {

    private final DriftAttribution attribution = new DriftAttribution();
    private final KubeObject dns = DriftFixtures.read("precedence/live.yaml").get(0);

    @Test
    void everyDriftedFieldOfTheIncidentNamesWhoChangedIt() {
        DriftFixtures.Case incident = DriftFixtures.load("incident");
        List<String> paths = incident.compare().resource(DriftFixtures.WEB).orElseThrow().differences().stream()
                .map(FieldDifference::path).toList();

        List<FieldOwner> owners = attribution.attribute(incident.live(DriftFixtures.WEB), paths);

        assertThat(owners).extracting(FieldOwner::path).containsExactlyElementsOf(paths);
        assertThat(String.join("\n", owners.stream().map(FieldOwner::toString).toList()) + "\n")
                .isEqualTo(DriftFixtures.text("incident/expected-attribution.txt"));
    }

    @Test
    void imageChangedByKubectlSetImageIsFoundThroughTheKeyedContainerEntry() {
        KubeObject web = DriftFixtures.load("incident").live(DriftFixtures.WEB);

        FieldOwner owner = attribution.attribute(web, "spec.template.spec.containers[name=web].image");

        assertThat(owner).isEqualTo(new FieldOwner("spec.template.spec.containers[name=web].image",
                FieldOwner.Kind.MANAGER, "kubectl-set", "Update", Instant.parse("2024-05-01T10:20:00Z"), "",
                "spec.template.spec.containers[name=web].image"));
    }

    @Test
    void statusIsOwnedByTheControllerThroughTheStatusSubresource() {
        KubeObject web = DriftFixtures.load("incident").live(DriftFixtures.WEB);

        FieldOwner replicas = attribution.attribute(web, "status.replicas");
        FieldOwner condition = attribution.attribute(web, "status.conditions[type=Available].status");

        assertThat(replicas.manager()).isEqualTo("kube-controller-manager");
        assertThat(replicas.subresource()).isEqualTo("status");
        assertThat(replicas.describe())
                .isEqualTo("kube-controller-manager / Update at 2024-05-01T10:21:00Z (subresource status)");
        assertThat(condition.manager()).isEqualTo("kube-controller-manager");
    }

    @Test
    void ourManagerIsNamedOnlyWhenNobodyElseOwnsTheField() {
        KubeObject web = DriftFixtures.load("incident").live(DriftFixtures.WEB);

        assertThat(attribution.attribute(web, "metadata.labels.app").describe())
                .isEqualTo("gitops-sync / Apply at 2024-05-01T09:00:00Z");
        assertThat(attribution.attribute(dns, "metadata.labels.app").manager())
                .as("co-owned by gitops-sync and kubectl-label").isEqualTo("kubectl-label");
    }

    @Test
    void aFieldOwnedAsAUnitIsAttributedToTheOwnerOfTheEnclosingField() {
        KubeObject web = DriftFixtures.load("incident").live(DriftFixtures.WEB);

        FieldOwner owner = attribution.attribute(web, "spec.selector.matchLabels.app");

        assertThat(owner.manager()).isEqualTo("gitops-sync");
        assertThat(owner.ownedPath()).isEqualTo("spec.selector");
    }

    @Test
    void aLabelAddedByAPersonIsTheirs() {
        assertThat(attribution.attribute(dns, "metadata.labels.oncall").describe())
                .isEqualTo("kubectl-label / Update at 2024-05-01T10:00:00Z");
    }

    @Test
    void amongSeveralOwnersTheLatestWriteWins() {
        assertThat(attribution.attribute(dns, "metadata.annotations[\"example.com/owner\"]").manager())
                .isEqualTo("kubectl-edit");
        assertThat(attribution.attribute(dns, "metadata.annotations[\"example.com/ticket\"]").manager())
                .as("an entry without a time counts as oldest").isEqualTo("kubectl-annotate");
    }

    @Test
    void theMostSpecificOwnerWinsOverANewerOwnerOfTheWholeMap() {
        FieldOwner owner = attribution.attribute(dns, "spec.template.spec.nodeSelector.disk");

        assertThat(owner.manager()).isEqualTo("node-labeller");
        assertThat(owner.ownedPath()).isEqualTo("spec.template.spec.nodeSelector.disk");
    }

    @Test
    void portsAreMatchedByPortAndProtocolWithTcpAsTheDefault() {
        assertThat(attribution.attribute(dns,
                "spec.template.spec.containers[name=dns].ports[containerPort=53].hostPort").manager())
                .isEqualTo("kubectl-edit");
        assertThat(attribution.attribute(dns,
                "spec.template.spec.containers[name=dns].ports[containerPort=53,protocol=UDP].hostPort").manager())
                .isEqualTo("dns-operator");
    }

    @Test
    void replicasSetByTheAutoscalerNameTheScaleSubresource() {
        FieldOwner owner = attribution.attribute(dns, "spec.replicas");

        assertThat(owner.describe())
                .isEqualTo("kube-controller-manager / Update at 2024-05-01T10:40:00Z (subresource scale)");
    }

    @Test
    void aSetMemberIsFoundByItsValue() {
        assertThat(attribution.attribute(dns, "metadata.finalizers[\"example.com/cleanup\"]").manager())
                .isEqualTo("cleanup-controller");
    }

    @Test
    void fieldsWithoutManagerAreUnknownAndFieldsGoneFromTheClusterAreRemoved() {
        FieldOwner image = attribution.attribute(dns, "spec.template.spec.containers[name=dns].image");
        FieldOwner sidecar = attribution.attribute(dns, "spec.template.spec.containers[name=proxy].image");
        FieldOwner deleted = attribution.attribute(null, "spec.replicas");

        assertThat(image.kind()).isEqualTo(FieldOwner.Kind.UNKNOWN);
        assertThat(image.describe()).isEqualTo("unknown (the API server recorded no manager for this field)");
        assertThat(sidecar.kind()).isEqualTo(FieldOwner.Kind.REMOVED);
        assertThat(sidecar.describe()).isEqualTo("removed (no manager record)");
        assertThat(deleted.kind()).isEqualTo(FieldOwner.Kind.REMOVED);
        assertThat(sidecar.manager()).isEmpty();
        assertThat(sidecar.time()).isNull();
    }

    @Test
    void anotherManagerCanBeOurs() {
        DriftAttribution asLegacy = new DriftAttribution("legacy-tool");

        assertThat(asLegacy.attribute(dns, "spec.template.spec.nodeSelector.zone").kind())
                .as("zone is not live; only our own manager owns the map as a unit")
                .isEqualTo(FieldOwner.Kind.REMOVED);
        assertThat(attribution.attribute(dns, "spec.template.spec.nodeSelector.zone").manager())
                .as("for us, the person who wrote the whole map removed zone").isEqualTo("legacy-tool");
    }

    @Test
    void anUnreadablePathIsRejectedWithThePathAndTheObject() {
        assertThatThrownBy(() -> attribution.attribute(dns, "spec.template.spec.containers[name=dns"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.template.spec.containers[name=dns")
                .hasMessageContaining("unclosed '['")
                .hasMessageContaining("apps/Deployment infra/dns");
    }
}
