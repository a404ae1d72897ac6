package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.view.ResourceDetails;
import io.jenkins.plugins.gitops.engine.view.ResourceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The details page's reads against the harness's real kube-apiserver. */
class ResourceInspectorOnHarnessTest {

    @Test
    void readsTheLiveObject_itsEventsNewestFirst_andAMissingObjectAsEmpty() {
        HarnessCluster cluster = HarnessCluster.get();
        KubernetesClient k = cluster.client();
        String ns = cluster.freshNamespace("inspect");
        k.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("web")
                .withAnnotations(Map.of("note", "<b>html</b>")).endMetadata().withData(Map.of("k", "v")).build())
                .create();
        k.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
                .withStringData(Map.of("password", "hunter2-long")).build()).create();
        for (int i = 0; i < 2; i++) {
            k.v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName("web." + i)
                    .endMetadata().withNewInvolvedObject().withKind("ConfigMap").withName("web").withNamespace(ns)
                    .withApiVersion("v1").endInvolvedObject().withType(i == 0 ? "Normal" : "Warning")
                    .withReason(i == 0 ? "Created" : "Invalid").withMessage("event " + i)
                    .withLastTimestamp("2026-12-05T10:0" + i + ":00Z").withCount(i + 1)
                    .withNewSource().withComponent("test").endSource().build()).create();
        }
        // another object's event is not listed
        k.v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName("other").endMetadata()
                .withNewInvolvedObject().withKind("ConfigMap").withName("other").withNamespace(ns).endInvolvedObject()
                .withReason("Other").withMessage("not ours").build()).create();

        try (ClusterConnection c = ClusterConnection.fromKubeconfig("harness", cluster.kubeconfig(), null)) {
            ResourceInspector inspector = new ResourceInspector(c);
            ResourceKey web = new ResourceKey("", "ConfigMap", ns, "web");
            KubeObject live = inspector.live(web).orElseThrow();
            assertThat(live.annotation("note")).isEqualTo("<b>html</b>");
            List<ResourceEvent> events = inspector.events(web, 50);
            assertThat(events).extracting(ResourceEvent::reason).containsExactly("Invalid", "Created");
            assertThat(events.get(0).isWarning()).isTrue();
            assertThat(events.get(0).count()).isEqualTo(2);
            assertThat(events.get(0).source()).isEqualTo("test");
            assertThat(inspector.events(web, 1)).hasSize(1);

            ResourceKey db = new ResourceKey("", "Secret", ns, "db");
            String yaml = ResourceDetails.manifest(inspector.live(db).orElseThrow());
            assertThat(yaml).contains("password: " + ResourceDetails.MASK).doesNotContain("aHVudGVyMi1sb25n");

            assertThat(inspector.live(new ResourceKey("", "ConfigMap", ns, "absent"))).isEmpty();
            assertThatThrownBy(() -> inspector.logs(new ResourceKey("", "Pod", ns, "absent"), "web", 10))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("Pod " + ns + "/absent")
                    .hasMessageContaining("web");

            // hooks: a Job without Pods, a gone Pod, a kind without logs; never an exception
            assertThat(inspector.hookLogTail(new ResourceKey("batch", "Job", ns, "migrate"), 20))
                    .isEqualTo("(no Pod of Job migrate left to read logs from)");
            assertThat(inspector.hookLogTail(new ResourceKey("", "Pod", ns, "gone"), 20))
                    .isEqualTo("(Pod gone is gone)");
            assertThat(inspector.hookLogTail(new ResourceKey("", "ConfigMap", ns, "web"), 20)).isEmpty();
        }
    }
}
