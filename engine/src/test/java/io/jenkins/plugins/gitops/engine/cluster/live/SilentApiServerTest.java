package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery;
import io.jenkins.plugins.gitops.engine.cluster.ApiResource;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API server that accepts connections and never answers (a load balancer in front of a dead API server, a
 * connection whose packets are dropped): a real loopback socket, nothing mocked. The engine's own requests past
 * fabric8's typed calls are bounded by the client's request timeout as fabric8's are, so a comparison ends with a
 * problem naming the kind instead of waiting for good.
 */
class SilentApiServerTest {

    static final GroupVersionKind CONFIG_MAP = GroupVersionKind.of("v1", "ConfigMap");

    ServerSocket silent;
    final List<Socket> held = new CopyOnWriteArrayList<>();
    KubernetesClient client;

    @BeforeEach
    void start() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept()); // read nothing, answer nothing
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-api-server");
        accepting.setDaemon(true);
        accepting.start();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withRequestTimeout(500)
                .withRequestRetryBackoffLimit(0).withAutoConfigure(false).build()).build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void aOneShotListingOfASilentServerEndsWithTheKindsProblem() {
        ApiResource configMaps = new ApiResource("", "v1", "ConfigMap", "configmaps", true,
                List.of("get", "list", "watch"));
        LiveSnapshot snapshot = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new LiveStateLister(client,
                null, List.of(CONFIG_MAP), Set.of(), gvk -> Optional.of(configMaps)).prefetch()
                .snapshot("app", TrackingMethod.Annotation));

        assertThat(snapshot.complete()).isFalse();
        assertThat(snapshot.problemSummary()).contains("ConfigMap");
        assertThat(held).as("the requests did reach the server").isNotEmpty();
    }

    @Test
    void discoveryOfASilentServerFailsInsteadOfWaiting() {
        ApiDiscovery discovery = new ApiDiscovery(client, client.getMasterUrl().toString(), null);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(discovery::serverResources)
                .isInstanceOf(ClusterException.class));
    }
}
