package io.jenkins.plugins.gitops.engine.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One real kube-apiserver (fabric8 kube-api-test: etcd + kube-apiserver on random ports, no controllers) shared by
 * every test class of the JVM that asks for it, started on first use and stopped when the JVM exits. The binaries are
 * never downloaded: they come from {@code $KUBE_API_TEST_DIR} (the harness's {@code kube/install.sh} prints it),
 * {@code ~/.kube_api_test} or {@code ~/.kubeapitest}; without them {@link #client()} skips the calling test.
 * Tests share the server, so each uses its own namespaces and names.
 */
public final class RealApiServer {

    private static KubeAPIServer server;
    private static KubernetesClient client;

    private RealApiServer() {}

    /** A client of the shared server (cluster-admin); skips the test when the binaries are absent. */
    public static synchronized KubernetesClient client() {
        if (client == null) {
            Optional<Path> dir = binariesDir();
            Assumptions.assumeTrue(dir.isPresent(), "kube-api-test binaries not found (set KUBE_API_TEST_DIR);"
                    + " this test never downloads them, so it is skipped");
            server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withTestDir(dir.get().toString()).withOfflineMode(true).withUpdateKubeConfig(false).build());
            server.start();
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.stop();
            }, "kube-api-test-stop"));
        }
        return client;
    }

    /** A new client of the shared server, for an engine that closes its clients. */
    public static KubernetesClient newClient() {
        client();
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
    }

    static Optional<Path> binariesDir() {
        return Stream.of(System.getenv("KUBE_API_TEST_DIR"),
                        System.getProperty("user.home") + File.separator + ".kube_api_test",
                        System.getProperty("user.home") + File.separator + ".kubeapitest")
                .filter(s -> s != null && !s.isBlank())
                .map(Path::of)
                .filter(p -> hasBinaries(p.resolve("k8s")))
                .findFirst();
    }

    private static boolean hasBinaries(Path k8s) {
        try (Stream<Path> versions = Files.list(k8s)) {
            return versions.anyMatch(v -> Files.isExecutable(v.resolve("kube-apiserver"))
                    && Files.isExecutable(v.resolve("etcd")));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
