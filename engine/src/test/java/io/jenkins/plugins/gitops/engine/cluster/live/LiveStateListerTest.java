package io.jenkins.plugins.gitops.engine.cluster.live;

import static io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCacheTest.CONFIG_MAP;
import static io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCacheTest.DEPLOYMENT;
import static io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCacheTest.NAMESPACE;
import static io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCacheTest.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one-shot lister against fabric8's mock API server in CRUD mode. The mock ignores {@code limit} and
 * {@code continue}, so paging is exercised only as a single page here.
 */
@EnableKubernetesMockClient(crud = true)
class LiveStateListerTest {

    KubernetesClient client;
    RecordingLog log = new RecordingLog();

    @BeforeEach
    void createObjects() {
        Fixtures.create(client, "guestbook-live.yaml");
        Fixtures.create(client, "neighbours-live.yaml");
    }

    private LiveStateLister lister(GroupVersionKind... kinds) {
        return new LiveStateLister(client, log, List.of(kinds));
    }

    @Test
    void answersLikeTheCacheFromPlainLists() {
        LiveStateLister lister = lister(NAMESPACE, DEPLOYMENT, SERVICE, CONFIG_MAP);

        assertThat(lister.managedObjects("guestbook", TrackingMethod.Annotation).keySet()).containsExactly(
                new ResourceKey("", "ConfigMap", "shared", "guestbook-settings"),
                new ResourceKey("", "Namespace", "", "guestbook"),
                new ResourceKey("", "Service", "guestbook", "guestbook-ui"),
                new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui"));
        assertThat(lister.managedObjects("legacy", TrackingMethod.Label).keySet())
                .containsExactly(new ResourceKey("", "ConfigMap", "legacy", "legacy-settings"));
        assertThat(lister.get(new ResourceKey("", "Namespace", "", "guestbook"))).isPresent();
        assertThat(lister.get(new ResourceKey("", "Secret", "shared", "guestbook-settings"))).isEmpty();
        LiveSnapshot snapshot = lister.snapshot("guestbook", TrackingMethod.Annotation);
        assertThat(snapshot.complete()).isTrue();
        assertThat(snapshot.objects()).hasSize(4);
    }

    @Test
    void listsOnceUntilRefreshed() {
        LiveStateLister lister = lister(CONFIG_MAP);
        assertThat(lister.managedObjects("other", TrackingMethod.Annotation)).hasSize(1);

        client.configMaps().inNamespace("shared").withName("other-settings").delete();

        assertThat(lister.managedObjects("other", TrackingMethod.Annotation)).hasSize(1);
        lister.refresh();
        assertThat(lister.managedObjects("other", TrackingMethod.Annotation)).isEmpty();
    }

    /** A comparison opens the kinds Git declares, then widens to what the scan for tracked kinds found. */
    @Test
    void aWidenedListerKeepsWhatWasListedAndListsOnlyTheNewKinds() {
        LiveStateLister declared = lister(CONFIG_MAP);
        assertThat(declared.managedObjects("other", TrackingMethod.Annotation)).hasSize(1);
        client.configMaps().inNamespace("shared").withName("other-settings").delete();

        LiveStateLister widened = declared.widened(List.of(DEPLOYMENT, CONFIG_MAP));

        // the ConfigMaps come from the listing already made (the deletion is not seen: no second request) ...
        assertThat(widened.managedObjects("other", TrackingMethod.Annotation)).hasSize(1);
        // ... and the Deployments are listed now
        assertThat(widened.managedObjects("guestbook", TrackingMethod.Annotation).keySet())
                .contains(new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui"),
                        new ResourceKey("", "ConfigMap", "shared", "guestbook-settings"));
        assertThat(widened.snapshot("guestbook", TrackingMethod.Annotation).complete()).isTrue();
        assertThat(declared.managedObjects("guestbook", TrackingMethod.Annotation).keySet())
                .doesNotContain(new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui"));
    }

    @Test
    void childrenComeFromTheChildKinds() {
        LiveStateLister lister = lister(DEPLOYMENT);
        KubeObject deployment = lister.get(new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui"))
                .orElseThrow();
        client.apps().replicaSets().inNamespace("guestbook").resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("guestbook-ui-5d8f").withNamespace("guestbook")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName("guestbook-ui").withUid(deployment.uid()).build())
                .endMetadata().build()).create();

        assertThat(lister.childrenOf(deployment.uid())).extracting(KubeObject::name).containsExactly("guestbook-ui-5d8f");
    }

    @Test
    void aKindThatCannotBeListedMakesTheSnapshotIncomplete() {
        LiveStateLister lister = lister(CONFIG_MAP, GroupVersionKind.of("example.com/v1", "Widget"));

        LiveSnapshot snapshot = lister.snapshot("guestbook", TrackingMethod.Annotation);

        assertThat(snapshot.complete()).isFalse();
        assertThat(snapshot.problems()).singleElement().asString()
                .startsWith("cannot list example.com/v1 Widget on " + client.getMasterUrl() + ": ")
                .contains("the cluster does not serve this apiVersion and kind")
                .doesNotContain("ResourceDefinitionContext");
        assertThat(snapshot.objects()).containsOnlyKeys(new ResourceKey("", "ConfigMap", "shared", "guestbook-settings"));
        assertThat(log.warnings).containsExactlyElementsOf(snapshot.problems());
    }
}
