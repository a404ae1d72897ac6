package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watch-backed cache against fabric8's mock API server in CRUD mode.
 *
 * <p>What the mock cannot do, so these tests do not cover it: no controllers run (a Deployment never creates
 * ReplicaSets or Pods, so the tests create children by hand with ownerReferences); no garbage collection of children;
 * no server-side apply; no RBAC (a 403 on list is staged with an expectation); a watch is never dropped or expired with 410 Gone,
 * so reconnect and relist paths are left to fabric8's own tests and to the kube-api-test variant.
 */
@EnableKubernetesMockClient(crud = true)
class LiveStateCacheTest {

    static final GroupVersionKind DEPLOYMENT = GroupVersionKind.of("apps/v1", "Deployment");
    static final GroupVersionKind SERVICE = GroupVersionKind.of("v1", "Service");
    static final GroupVersionKind CONFIG_MAP = GroupVersionKind.of("v1", "ConfigMap");
    static final GroupVersionKind NAMESPACE = GroupVersionKind.of("v1", "Namespace");
    static final GroupVersionKind REPLICA_SET = GroupVersionKind.of("apps/v1", "ReplicaSet");
    static final GroupVersionKind POD = GroupVersionKind.of("v1", "Pod");
    static final Duration SYNC = Duration.ofSeconds(30);

    KubernetesMockServer server;
    KubernetesClient client;
    LiveStateCache cache;

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    private LiveStateCache guestbookCache() throws InterruptedException {
        Fixtures.create(client, "guestbook-live.yaml");
        Fixtures.create(client, "neighbours-live.yaml");
        cache = new LiveStateCache(client, EngineLog.NONE);
        cache.setInterest("guestbook", List.of(NAMESPACE, DEPLOYMENT, SERVICE, CONFIG_MAP));
        assertThat(cache.awaitSynced(SYNC)).as(cache.problems().toString()).isTrue();
        return cache;
    }

    @Test
    void findsOnlyTheApplicationsObjectsAcrossNamespacesAndKinds() throws Exception {
        guestbookCache();

        assertThat(cache.managedObjects("guestbook", TrackingMethod.Annotation).keySet()).containsExactly(
                new ResourceKey("", "ConfigMap", "shared", "guestbook-settings"),
                new ResourceKey("", "Namespace", "", "guestbook"),
                new ResourceKey("", "Service", "guestbook", "guestbook-ui"),
                new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui"));
        assertThat(cache.managedObjects("other", TrackingMethod.Annotation).keySet())
                .containsExactly(new ResourceKey("", "ConfigMap", "shared", "other-settings"));
        assertThat(cache.managedObjects("legacy", TrackingMethod.Label).keySet())
                .containsExactly(new ResourceKey("", "ConfigMap", "legacy", "legacy-settings"));
        assertThat(cache.managedObjects("legacy", TrackingMethod.Annotation)).isEmpty();
    }

    @Test
    void objectsAreServedAsTheServerStoresThem() throws Exception {
        guestbookCache();

        KubeObject d = cache.get(new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui")).orElseThrow();

        assertThat(d.source()).isEqualTo("live");
        assertThat(d.apiVersion()).isEqualTo("apps/v1");
        assertThat(d.uid()).isNotEmpty();
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(d.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("gcr.io/heptio-images/ks-guestbook-demo:0.2");
        assertThat(cache.get(new ResourceKey("", "Namespace", "", "guestbook"))).isPresent();
        assertThat(cache.get(new ResourceKey("", "ConfigMap", "shared", "absent"))).isEmpty();
        // nothing is stripped: the diff needs managedFields and the last-applied annotation
        KubeObject settings = cache.get(new ResourceKey("", "ConfigMap", "shared", "guestbook-settings")).orElseThrow();
        assertThat(settings.at("/metadata/managedFields/0/manager").asText()).isEqualTo("kubectl-client-side-apply");
        assertThat(settings.at("/metadata/managedFields/0/fieldsV1/f:data/f:theme").isObject()).isTrue();
        assertThat(settings.annotations()).containsKey("kubectl.kubernetes.io/last-applied-configuration");
        // Secrets are not watched: not visible even if they existed
        assertThat(cache.get(new ResourceKey("", "Secret", "shared", "guestbook-settings"))).isEmpty();
    }

    @Test
    void watchesOnlyKindsSomebodyTracksPlusChildKinds() throws Exception {
        cache = new LiveStateCache(client, EngineLog.NONE);
        assertThat(cache.watchedKinds()).isEmpty();

        cache.register("guestbook", CONFIG_MAP);

        assertThat(cache.watchedKinds()).containsExactlyInAnyOrder(CONFIG_MAP, REPLICA_SET, POD);
        assertThat(cache.awaitSynced(SYNC)).isTrue();
        assertThat(cache.isSynced(CONFIG_MAP)).isTrue();
        assertThat(cache.isSynced(DEPLOYMENT)).isFalse();
    }

    @Test
    void informerStopsWhenTheLastInterestedOwnerLeaves() throws Exception {
        cache = new LiveStateCache(client, EngineLog.NONE, Set.of());
        cache.register("guestbook", CONFIG_MAP);
        cache.register("other", CONFIG_MAP);
        cache.register("guestbook", SERVICE);
        assertThat(cache.awaitSynced(SYNC)).isTrue();
        KindWatch configMaps = cache.watchOf(CONFIG_MAP).orElseThrow();
        assertThat(configMaps.isRunning()).isTrue();

        cache.unregister("guestbook", CONFIG_MAP);
        assertThat(cache.watchedKinds()).containsExactlyInAnyOrder(CONFIG_MAP, SERVICE);
        assertThat(configMaps.isRunning()).isTrue();

        cache.unregisterAll("other");
        assertThat(cache.watchedKinds()).containsExactly(SERVICE);
        assertThat(configMaps.isRunning()).isFalse();
        assertThat(cache.isSynced(CONFIG_MAP)).isFalse();

        cache.setInterest("guestbook", List.of());
        assertThat(cache.watchedKinds()).isEmpty();
    }

    @Test
    void aChangeToATrackedObjectReachesTheListener() throws Exception {
        guestbookCache();
        CountDownLatch updated = new CountDownLatch(1);
        List<LiveChange> seen = new CopyOnWriteArrayList<>();
        cache.addListener(change -> {
            if (change.type() == LiveChange.Type.Updated && change.key().kind().equals("Deployment")) {
                seen.add(change);
                updated.countDown();
            }
        });

        client.apps().deployments().inNamespace("guestbook").withName("guestbook-ui").edit(d -> {
            d.getSpec().setReplicas(3);
            return d;
        });

        assertThat(updated.await(30, TimeUnit.SECONDS)).as("update event delivered").isTrue();
        LiveChange change = seen.get(0);
        assertThat(change.appName()).isEqualTo("guestbook");
        assertThat(change.key()).isEqualTo(new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui"));
        assertThat(change.oldObject().at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(change.newObject().at("/spec/replicas").asInt()).isEqualTo(3);
        // the store itself is current as well
        assertThat(cache.get(change.key()).orElseThrow().at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void deletionAndUntrackedChangesAreDeliveredOnlyForApplications() throws Exception {
        guestbookCache();
        CountDownLatch deleted = new CountDownLatch(1);
        List<LiveChange> seen = new CopyOnWriteArrayList<>();
        cache.addListener(change -> {
            seen.add(change);
            if (change.type() == LiveChange.Type.Deleted) {
                deleted.countDown();
            }
        });

        // the copied ConfigMap belongs to nobody: its change must not be delivered
        client.configMaps().inNamespace("shared").withName("guestbook-settings-backup").delete();
        client.configMaps().inNamespace("shared").withName("guestbook-settings").delete();

        assertThat(deleted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).filteredOn(c -> c.type() == LiveChange.Type.Deleted)
                .extracting(LiveChange::appName, LiveChange::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("guestbook",
                        new ResourceKey("", "ConfigMap", "shared", "guestbook-settings")));
        assertThat(cache.managedObjects("guestbook", TrackingMethod.Annotation))
                .doesNotContainKey(new ResourceKey("", "ConfigMap", "shared", "guestbook-settings"));
    }

    @Test
    void childrenAreFoundByOwnerUidAndTheirChangesNameTheRootApplication() throws Exception {
        guestbookCache();
        CountDownLatch podAdded = new CountDownLatch(1);
        List<LiveChange> seen = new CopyOnWriteArrayList<>();
        cache.addListener(change -> {
            if (change.key().kind().equals("Pod")) {
                seen.add(change);
                podAdded.countDown();
            }
        });
        String deploymentUid = cache.get(new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui"))
                .orElseThrow().uid();

        // the mock runs no controllers: create the ReplicaSet and Pod a Deployment controller would
        var rs = client.apps().replicaSets().inNamespace("guestbook").resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("guestbook-ui-5d8f").withNamespace("guestbook")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName("guestbook-ui").withUid(deploymentUid).withController(true).build())
                .endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();
        client.pods().inNamespace("guestbook").resource(new PodBuilder()
                .withNewMetadata().withName("guestbook-ui-5d8f-abcde").withNamespace("guestbook")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                        .withName(rs.getMetadata().getName()).withUid(rs.getMetadata().getUid()).build())
                .endMetadata().build()).create();

        assertThat(podAdded.await(30, TimeUnit.SECONDS)).as("pod event delivered").isTrue();
        assertThat(seen.get(0).appName()).isEqualTo("guestbook");
        assertThat(cache.childrenOf(deploymentUid)).extracting(KubeObject::key)
                .containsExactly(new ResourceKey("apps", "ReplicaSet", "guestbook", "guestbook-ui-5d8f"));
        assertThat(cache.childrenOf(rs.getMetadata().getUid())).extracting(KubeObject::name)
                .containsExactly("guestbook-ui-5d8f-abcde");
        assertThat(cache.managedObjects("guestbook", TrackingMethod.Annotation).keySet())
                .noneMatch(k -> k.kind().equals("ReplicaSet") || k.kind().equals("Pod"));
    }

    @Test
    void ownedObjectsWithACopiedInstanceLabelAreNotManaged() throws Exception {
        cache = new LiveStateCache(client, EngineLog.NONE);
        cache.register("legacy", POD);
        client.pods().inNamespace("legacy").resource(new PodBuilder().withNewMetadata().withName("bare")
                .withNamespace("legacy").addToLabels("app.kubernetes.io/instance", "legacy").endMetadata()
                .build()).create();
        client.pods().inNamespace("legacy").resource(new PodBuilder().withNewMetadata().withName("from-template")
                .withNamespace("legacy").addToLabels("app.kubernetes.io/instance", "legacy")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                        .withName("legacy-rs").withUid("rs-uid").build())
                .endMetadata().build()).create();
        assertThat(cache.awaitSynced(SYNC)).isTrue();

        assertThat(cache.managedObjects("legacy", TrackingMethod.Label).keySet())
                .containsExactly(new ResourceKey("", "Pod", "legacy", "bare"));
    }

    @Test
    void aKindTheServerDoesNotKnowMakesTheSnapshotIncomplete() throws Exception {
        guestbookCache();
        GroupVersionKind widget = GroupVersionKind.of("example.com/v1", "Widget");

        cache.register("guestbook", widget);
        cache.awaitSynced(SYNC);

        LiveSnapshot snapshot = cache.snapshot("guestbook", TrackingMethod.Annotation);
        assertThat(snapshot.complete()).isFalse();
        assertThat(snapshot.problems()).singleElement().asString()
                .startsWith("cannot watch example.com/v1 Widget on " + client.getMasterUrl())
                .contains("the server does not serve this kind");
        // what could be listed is still served, and other kinds stay synced
        assertThat(snapshot.objects()).hasSize(4);
        assertThat(cache.isSynced(DEPLOYMENT)).isTrue();
        assertThat(cache.isSynced(widget)).isFalse();
        // an application that does not need the broken kind gets a complete snapshot
        cache.register("other", CONFIG_MAP);
        assertThat(cache.snapshot("other", TrackingMethod.Annotation).complete()).isTrue();
        // dropping the interest removes the problem
        cache.unregister("guestbook", widget);
        assertThat(cache.snapshot("guestbook", TrackingMethod.Annotation).complete()).isTrue();
    }

    @Test
    void aForbiddenListMakesTheSnapshotIncompleteAndIsRetriedOnTheNextRegistration() throws Exception {
        // RBAC is not modelled by the mock: answer the informer's list of Secrets with a 403 by expectation
        server.expect().get().withPath("/api/v1/secrets?resourceVersion=0")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("secrets is forbidden: User \"gitops\" cannot list resource \"secrets\"").build())
                .once();
        RecordingLog log = new RecordingLog();
        cache = new LiveStateCache(client, log, Set.of());
        GroupVersionKind secret = GroupVersionKind.of("v1", "Secret");

        cache.register("guestbook", secret);

        assertThat(cache.awaitSynced(SYNC)).isFalse();
        LiveSnapshot snapshot = cache.snapshot("guestbook", TrackingMethod.Annotation);
        assertThat(snapshot.complete()).isFalse();
        assertThat(snapshot.problems()).singleElement().asString()
                .startsWith("cannot watch v1 Secret on " + client.getMasterUrl() + ": listing failed: ")
                .contains("secrets is forbidden");
        assertThat(log.warnings).hasSize(1);

        // permission granted (the expectation was for one answer only): registering again retries the kind
        cache.register("guestbook", secret);
        assertThat(cache.awaitSynced(SYNC)).as(cache.problems().toString()).isTrue();
        assertThat(cache.snapshot("guestbook", TrackingMethod.Annotation).complete()).isTrue();
    }

    @Test
    void aCompleteSnapshotHasTheManagedObjectsAndNoProblems() throws Exception {
        guestbookCache();

        LiveSnapshot snapshot = cache.snapshot("guestbook", TrackingMethod.Annotation);

        assertThat(snapshot.complete()).isTrue();
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.objects()).isEqualTo(cache.managedObjects("guestbook", TrackingMethod.Annotation));
    }

    @Test
    void aClosedCacheRefusesNewInterest() throws Exception {
        cache = new LiveStateCache(client, EngineLog.NONE);
        cache.register("guestbook", CONFIG_MAP);
        cache.close();

        assertThat(cache.watchedKinds()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.register("guestbook", SERVICE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
