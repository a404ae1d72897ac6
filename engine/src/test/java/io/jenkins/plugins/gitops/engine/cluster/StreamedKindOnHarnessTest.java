package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plain-JSON watch a sync's health gate reads (list, then the server's watch stream) on the harness's real API
 * server: it follows creates, updates and deletes, keeps the same tree for an object that did not change, resumes a
 * stream the server ends, and gives no view for a kind the server does not serve. What cannot be caused on demand on
 * a real server - an {@code ERROR} event (410 Gone and the like), a watch refused after its listing was allowed, a
 * server that ends every stream at once - is answered by the fabric8 mock server: each stops the view (the caller
 * then lists), and nothing is asked again and again.
 */
class StreamedKindOnHarnessTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Nested
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    class OnTheRealApiServer {

        final HarnessCluster cluster = HarnessCluster.get();
        final KubernetesClient client = cluster.client();

        String url(String ns) {
            return ClientConfigs.trimSlash(client.getMasterUrl().toString()) + "/api/v1/namespaces/" + ns
                    + "/configmaps";
        }

        void configMap(String ns, String name, String value) {
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                    .endMetadata().addToData("v", value).build()).serverSideApply();
        }

        @Test
        void listsThenFollowsCreatesUpdatesAndDeletesKeepingTheTreeOfAnUnchangedObject() throws Exception {
            String ns = cluster.freshNamespace("streamed");
            for (int i = 0; i < 3; i++) {
                configMap(ns, "cm-" + i, "a");
            }
            AtomicInteger changes = new AtomicInteger();
            try (WatchedKind view = StreamedKind.start(client.getHttpClient(), url(ns), "v1", "ConfigMap",
                    changes::incrementAndGet, WAIT, null).orElseThrow()) {
                Map<String, KubeObject> first = ours(view.objects());
                assertThat(first).containsOnlyKeys("cm-0", "cm-1", "cm-2");
                assertThat(first.get("cm-0").apiVersion()).isEqualTo("v1");
                assertThat(first.get("cm-0").kind()).isEqualTo("ConfigMap");
                assertThat(first.get("cm-0").node().path("data").path("v").asText()).isEqualTo("a");

                configMap(ns, "cm-3", "new");
                configMap(ns, "cm-1", "changed");
                client.configMaps().inNamespace(ns).withName("cm-2").delete();
                Map<String, KubeObject> later = awaitObjects(view, m -> m.containsKey("cm-3") && !m.containsKey("cm-2")
                        && m.get("cm-1").node().path("data").path("v").asText().equals("changed"));

                assertThat(ours(later)).containsOnlyKeys("cm-0", "cm-1", "cm-3");
                assertThat(later.get("cm-3").node().path("data").path("v").asText()).isEqualTo("new");
                assertThat(later.get("cm-3").kind()).isEqualTo("ConfigMap");
                assertThat(later.get("cm-0")).isSameAs(first.get("cm-0"));
                assertThat(changes.get()).isGreaterThanOrEqualTo(3);
                assertThat(view.watching()).isTrue();
            }
        }

        @Test
        void aStreamTheServerEndsIsResumedFromTheLastVersionSeen() throws Exception {
            String ns = cluster.freshNamespace("streamed");
            configMap(ns, "before", "a");
            try (WatchedKind view = StreamedKind.start(client.getHttpClient(), url(ns), "v1", "ConfigMap", () -> { },
                    WAIT, Duration.ofSeconds(1)).orElseThrow()) {
                configMap(ns, "during", "a");
                awaitObjects(view, m -> m.containsKey("during"));
                Thread.sleep(2_500); // the server ended the first stream (timeoutSeconds=1) at least once
                configMap(ns, "after", "a");
                configMap(ns, "before", "b");

                Map<String, KubeObject> seen = awaitObjects(view, m -> m.containsKey("after")
                        && m.get("before").node().path("data").path("v").asText().equals("b"));
                assertThat(ours(seen)).containsOnlyKeys("before", "during", "after");
                assertThat(view.watching()).isTrue();
            }
        }

        @Test
        void aKindTheServerDoesNotServeGivesNoView() {
            String base = ClientConfigs.trimSlash(client.getMasterUrl().toString());
            Optional<WatchedKind> view = StreamedKind.start(client.getHttpClient(),
                    base + "/apis/example.com/v1/namespaces/default/widgets", "example.com/v1", "Widget", () -> { },
                    WAIT, null);
            assertThat(view).isEmpty();
        }

        @Test
        void aClosedViewStopsWatching() {
            String ns = cluster.freshNamespace("streamed");
            WatchedKind view = StreamedKind.start(client.getHttpClient(), url(ns), "v1", "ConfigMap", () -> { },
                    WAIT, null).orElseThrow();
            view.close();
            view.close();
            assertThat(view.watching()).isFalse();
        }
    }

    @Nested
    @EnableKubernetesMockClient
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    class OnAnErrorEvent {

        static final String PATH = "/api/v1/namespaces/shop/configmaps";
        static final String WATCH = PATH + "?watch=true&allowWatchBookmarks=true&resourceVersion=41";

        KubernetesMockServer server;
        KubernetesClient client;

        /** The listing of the view: one ConfigMap, collection resourceVersion 41. */
        void listsOneConfigMap() {
            server.expect().get().withPath(PATH + "?limit=500").andReturn(200, """
                    {"kind": "ConfigMapList", "apiVersion": "v1", "metadata": {"resourceVersion": "41"},
                     "items": [{"metadata": {"name": "settings", "namespace": "shop", "resourceVersion": "40"}}]}
                    """).once();
        }

        WatchedKind start(Runnable onChange) {
            return StreamedKind.start(client.getHttpClient(),
                    ClientConfigs.trimSlash(client.getMasterUrl().toString()) + PATH, "v1", "ConfigMap", onChange,
                    WAIT, null).orElseThrow();
        }

        void awaitStopped(WatchedKind view) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (view.watching() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(view.watching()).isFalse();
        }

        @Test
        void theViewStopsAndWakesTheCallerWhoReadsByListingFromThen() throws Exception {
            listsOneConfigMap();
            server.expect().get().withPath(WATCH)
                    .andReturnChunked(200, "{\"type\": \"ERROR\", \"object\": {\"kind\": \"Status\", \"code\": 410, "
                            + "\"reason\": \"Expired\", \"message\": \"too old resource version: 41 (52)\"}}\n")
                    .once();
            AtomicInteger changes = new AtomicInteger();
            WatchedKind view = start(changes::incrementAndGet);
            assertThat(view.objects()).containsOnlyKeys("settings");
            awaitStopped(view);
            assertThat(changes.get()).isEqualTo(1);
        }

        @Test
        void aRefusedWatchStopsTheViewAfterItsListing() throws Exception {
            listsOneConfigMap();
            server.expect().get().withPath(WATCH)
                    .andReturn(403, "{\"kind\": \"Status\", \"code\": 403, \"reason\": \"Forbidden\"}").once();
            AtomicInteger changes = new AtomicInteger();
            WatchedKind view = start(changes::incrementAndGet);
            awaitStopped(view);
            assertThat(view.objects()).containsOnlyKeys("settings");
            assertThat(changes.get()).isEqualTo(1);
        }

        @Test
        void aServerThatEndsEveryStreamAtOnceIsNotAskedAgainAndAgain() throws Exception {
            server.expect().get().withPath(PATH + "?limit=500").andReturn(200, """
                    {"kind": "ConfigMapList", "apiVersion": "v1", "metadata": {"resourceVersion": "41"}, "items": []}
                    """).once();
            server.expect().get().withPath(WATCH)
                    .andReturn(200, "").always();
            WatchedKind view = start(() -> { });
            awaitStopped(view);
            Thread.sleep(300);
            // the listing and three streams
            assertThat(server.getRequestCount()).isEqualTo(1 + StreamedKind.QUICK_ENDS_TOLERATED);
        }
    }

    /** Without the ConfigMaps kube-controller-manager puts in every namespace (CA bundles). */
    static Map<String, KubeObject> ours(Map<String, KubeObject> objects) {
        Map<String, KubeObject> out = new java.util.HashMap<>(objects);
        out.keySet().removeIf(name -> name.endsWith("ca.crt"));
        return out;
    }

    static Map<String, KubeObject> awaitObjects(WatchedKind view, Predicate<Map<String, KubeObject>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, KubeObject> seen = view.objects();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = view.objects();
        }
        assertThat(done.test(seen)).as("the view shows the expected objects: " + seen.keySet()).isTrue();
        return seen;
    }
}
