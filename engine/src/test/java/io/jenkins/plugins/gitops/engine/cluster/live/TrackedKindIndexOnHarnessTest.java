package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The controller's tracked-kind index on the harness's real kube-apiserver: it answers what the one-pass scan
 * answers, then follows every change through its metadata-only watches without listing again (issue 14: zero lists
 * when nothing changed); a dropped watch resumes from the last version seen. (That a version the server no longer
 * has makes the kind listed again is {@link MetadataWatchGoneTest}'s: a real server answers 410 only after etcd
 * compaction and watch-cache eviction, which a test cannot bring about.)
 */
class TrackedKindIndexOnHarnessTest {

    static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
    static final GroupVersionKind SECRET = new GroupVersionKind("", "v1", "Secret");
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void answersWhatTheScanFindsThenFollowsChangesThroughWatchesWithoutListing() throws Exception {
        HarnessCluster cluster = HarnessCluster.get();
        KubernetesClient k = cluster.client();
        String ns = cluster.freshNamespace("tki");
        configMap(k, ns, "of-a", "tki-a:/ConfigMap:" + ns + "/of-a");
        secret(k, ns, "of-b", "tki-b:/Secret:" + ns + "/of-b");
        try (ClusterConnection c = ClusterConnection.fromKubeconfig("harness", cluster.kubeconfig(), null);
                TrackedKindIndex index = new TrackedKindIndex(c.client(), c.discovery(), TrackingMethod.Annotation,
                        null)) {
            assertThat(index.kindsTrackedBy("tki-a")).containsExactly(CONFIG_MAP);
            assertThat(index.kindsTrackedBy("tki-b")).containsExactly(SECRET);
            assertThat(index.kindsTrackedBy("tki-nobody")).isEmpty();
            Map<String, Set<GroupVersionKind>> scanned = new TrackedKindScan(c.client(), c.discovery(), null)
                    .kindsByApp(TrackingMethod.Annotation);
            for (String app : List.of("tki-a", "tki-b", "tki-c")) {
                assertThat(index.kindsTrackedBy(app)).as(app).isEqualTo(scanned.getOrDefault(app, Set.of()));
            }
            int lists = index.lists();
            assertThat(lists).as("one listing per watched kind").isEqualTo(index.watchedKinds().size());

            // a new tracked object of a kind the application had none of
            secret(k, ns, "also-a", "tki-a:/Secret:" + ns + "/also-a");
            await(() -> index.kindsTrackedBy("tki-a").equals(Set.of(CONFIG_MAP, SECRET)), "tki-a's Secret seen");
            // marked for another application: it moves
            secret(k, ns, "of-b", "tki-c:/Secret:" + ns + "/of-b");
            await(() -> index.kindsTrackedBy("tki-b").isEmpty() && index.kindsTrackedBy("tki-c").equals(Set.of(SECRET)),
                    "of-b moved from tki-b to tki-c");
            // an object with an owner is a child in the resource tree, never a tracked top-level object
            String ownerUid = k.configMaps().inNamespace(ns).withName("of-a").get().getMetadata().getUid();
            k.secrets().inNamespace(ns).withName("also-a").edit(s -> {
                s.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                        .withKind("ConfigMap").withName("of-a").withUid(ownerUid).build()));
                return s;
            });
            await(() -> index.kindsTrackedBy("tki-a").equals(Set.of(CONFIG_MAP)), "the owned Secret dropped");
            // deleted
            k.configMaps().inNamespace(ns).withName("of-a").delete();
            await(() -> index.kindsTrackedBy("tki-a").isEmpty(), "tki-a's ConfigMap deletion seen");

            assertThat(index.lists()).as("changes came through watches: no list since the first ones")
                    .isEqualTo(lists);
            Map<String, Set<GroupVersionKind>> rescanned = new TrackedKindScan(c.client(), c.discovery(), null)
                    .kindsByApp(TrackingMethod.Annotation);
            for (String app : List.of("tki-a", "tki-b", "tki-c")) {
                assertThat(index.kindsTrackedBy(app)).as(app).isEqualTo(rescanned.getOrDefault(app, Set.of()));
            }
        }
    }

    @Test
    void aDroppedWatchResumesFromTheLastVersionSeenWithoutListing() throws Exception {
        HarnessCluster cluster = HarnessCluster.get();
        KubernetesClient k = cluster.client();
        String ns = cluster.freshNamespace("tki-resume");
        configMap(k, ns, "first", "tki-resume:/ConfigMap:" + ns + "/first");
        try (ClusterConnection c = ClusterConnection.fromKubeconfig("harness", cluster.kubeconfig(), null);
                TrackedKindIndex index = new TrackedKindIndex(c.client(), c.discovery(), TrackingMethod.Annotation,
                        null)) {
            assertThat(index.kindsTrackedBy("tki-resume")).containsExactly(CONFIG_MAP);
            MetadataWatch configMaps = index.watchOf("", "ConfigMap").orElseThrow();
            int lists = configMaps.lists();
            int watches = configMaps.watches();

            configMaps.disconnect();
            configMap(k, ns, "second", "tki-resumed:/ConfigMap:" + ns + "/second");
            k.configMaps().inNamespace(ns).withName("first").delete();
            assertThat(configMaps.owners()).as("nothing seen while disconnected").containsKey(ns + "/first")
                    .doesNotContainKey(ns + "/second");
            configMaps.resume(null);

            await(() -> index.kindsTrackedBy("tki-resume").isEmpty()
                    && index.kindsTrackedBy("tki-resumed").equals(Set.of(CONFIG_MAP)), "the changes made meanwhile");
            assertThat(configMaps.lists()).as("resumed from its resourceVersion, not listed").isEqualTo(lists);
            assertThat(configMaps.watches()).isEqualTo(watches + 1);
        }
    }

    static void configMap(KubernetesClient k, String ns, String name, String trackingId) {
        k.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).addToAnnotations(AnnotationNames.TRACKING_ID, trackingId).endMetadata()
                .addToData("k", "v").build()).serverSideApply();
    }

    static void secret(KubernetesClient k, String ns, String name, String trackingId) {
        k.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .addToAnnotations(AnnotationNames.TRACKING_ID, trackingId).endMetadata().addToStringData("k", "v")
                .build()).serverSideApply();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
