package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The cache against a real kube-apiserver + etcd started by fabric8 kube-api-test, when its binaries are installed.
 * Never downloads: runs in offline mode and is skipped (with the reason) when no binaries are found in
 * {@code $KUBE_API_TEST_DIR}, {@code ~/.kubeapitest} (the library's default) or {@code ~/.kube_api_test}. Like the
 * mock, kube-api-test runs no controllers, so no ReplicaSets or Pods appear by themselves.
 */
class LiveStateCacheKubeApiTest {

    @Test
    void trackedObjectsAndTheirChangesOnARealApiServer() throws Exception {
        String dir = binariesDir().orElse(null);
        Assumptions.assumeTrue(dir != null, "kube-api-test binaries not found (looked in $KUBE_API_TEST_DIR, "
                + "~/.kubeapitest and ~/.kube_api_test for k8s/<version>-<os>-<arch>/kube-apiserver); "
                + "install them to run this test, it never downloads");
        KubeAPIServer apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(dir).withOfflineMode(true).withUpdateKubeConfig(false).build());
        apiServer.start();
        try (KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml())).build();
                LiveStateCache cache = new LiveStateCache(client, EngineLog.NONE)) {
            // a real server wants namespaces to exist; guestbook's own Namespace comes with its fixture
            for (String ns : List.of("shared", "staging", "legacy")) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                        .build()).create();
            }
            Fixtures.create(client, "guestbook-live.yaml");
            Fixtures.create(client, "neighbours-live.yaml");
            cache.setInterest("guestbook", List.of(LiveStateCacheTest.DEPLOYMENT, LiveStateCacheTest.SERVICE,
                    LiveStateCacheTest.CONFIG_MAP, LiveStateCacheTest.NAMESPACE));
            assertThat(cache.awaitSynced(Duration.ofSeconds(60))).as(cache.problems().toString()).isTrue();

            assertThat(cache.managedObjects("guestbook", TrackingMethod.Annotation)).hasSize(4);
            CountDownLatch updated = new CountDownLatch(1);
            cache.addListener(change -> {
                if (change.type() == LiveChange.Type.Updated && change.key().kind().equals("Deployment")
                        && change.newObject().at("/spec/replicas").asInt() == 2) {
                    updated.countDown();
                }
            });
            client.apps().deployments().inNamespace("guestbook").withName("guestbook-ui")
                    .edit(d -> {
                        d.getSpec().setReplicas(2);
                        return d;
                    });
            assertThat(updated.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(cache.get(new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui")).orElseThrow()
                    .at("/metadata/managedFields").isArray()).as("managedFields are kept").isTrue();
        } finally {
            apiServer.stop();
        }
    }

    private static Optional<String> binariesDir() {
        String home = System.getProperty("user.home");
        return Stream.of(System.getenv("KUBE_API_TEST_DIR"), home + "/.kubeapitest", home + "/.kube_api_test")
                .filter(d -> d != null && !d.isEmpty())
                .filter(LiveStateCacheKubeApiTest::hasApiServer)
                .findFirst();
    }

    private static boolean hasApiServer(String dir) {
        File[] versions = new File(dir, "k8s").listFiles(File::isDirectory);
        return versions != null
                && Stream.of(versions).anyMatch(v -> new File(v, "kube-apiserver").canExecute()
                        && new File(v, "etcd").canExecute());
    }
}
