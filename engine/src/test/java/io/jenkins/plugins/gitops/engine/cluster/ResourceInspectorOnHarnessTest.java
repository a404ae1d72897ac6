package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.KubeletLogEndpoint;
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

    /**
     * Following a Pod's log through the real kube-apiserver's {@code pods/log}: the harness has no kubelet log
     * endpoint, so {@link KubeletLogEndpoint} stands in for that one endpoint of the Pod's node (see its javadoc).
     */
    @Test
    void followsAContainerLog_fromItsTailThenOnlyNewLines_perContainer_secretsMasked() throws Exception {
        HarnessCluster cluster = HarnessCluster.get();
        KubernetesClient k = cluster.client();
        String ns = cluster.freshNamespace("logs");
        try (KubeletLogEndpoint kubelet = KubeletLogEndpoint.start();
                ClusterConnection c = ClusterConnection.fromKubeconfig("harness", cluster.kubeconfig(), null)) {
            kubelet.registerNode(k, "inspect-log-node");
            createPodWhenServiceAccountExists(k, ns);
            for (int i = 1; i <= 5; i++) {
                kubelet.write(ns, "web", "app", "app line " + i);
            }
            kubelet.write(ns, "web", "sidecar", "sidecar line 1");
            ResourceInspector inspector = new ResourceInspector(c);
            ResourceKey pod = new ResourceKey("", "Pod", ns, "web");

            LogCursor.Read tail = inspector.follow(pod, "app", 2, LogCursor.START);
            assertThat(tail.text()).isEqualTo("app line 4\napp line 5\n");
            LogCursor.Read nothing = inspector.follow(pod, "app", 2, tail.next());
            assertThat(nothing.text()).isEmpty();
            assertThat(nothing.next()).isEqualTo(tail.next());

            kubelet.write(ns, "web", "app", "app line 6");
            kubelet.write(ns, "web", "app", "token=hunter2-long-value");
            LogCursor.Read more = inspector.follow(pod, "app", 2, nothing.next());
            assertThat(more.text()).isEqualTo("app line 6\ntoken=" + SecretRedactor.MASK + "\n");
            assertThat(more.lines()).isEqualTo(2);
            assertThat(kubelet.requests()).last().asString().contains("sinceTime=").contains("timestamps=true")
                    .doesNotContain("tailLines");

            assertThat(inspector.follow(pod, "sidecar", 10, LogCursor.START).text()).isEqualTo("sidecar line 1\n");
            assertThatThrownBy(() -> inspector.follow(pod, "nope", 10, LogCursor.START))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("nope");
        } finally {
            k.nodes().withName("inspect-log-node").delete();
        }
    }

    private static void createPodWhenServiceAccountExists(KubernetesClient k, String ns) throws Exception {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (k.serviceAccounts().inNamespace(ns).withName("default").get() == null) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no default ServiceAccount in " + ns);
            }
            Thread.sleep(100);
        }
        k.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNodeName("inspect-log-node")
                .addNewContainer().withName("app").withImage("app:1").endContainer()
                .addNewContainer().withName("sidecar").withImage("sidecar:1").endContainer().endSpec().build())
                .create();
    }
}
