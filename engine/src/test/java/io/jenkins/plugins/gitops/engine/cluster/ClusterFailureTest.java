package io.jenkins.plugins.gitops.engine.cluster;

import static io.jenkins.plugins.gitops.engine.cluster.ClientSideApplierTest.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A cluster that cannot be reached or that fails: the error names the server and says what happened. */
@EnableKubernetesMockClient(crud = true)
class ClusterFailureTest {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.not-a-real-token";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void connectionRefusedNamesTheServerAndTheResource() throws IOException {
        String url = "https://127.0.0.1:" + closedPort();
        try (ClusterConnection down = ClusterConnection.withBearerToken("down", url, TOKEN, null, true, null)) {
            ClusterApplier applier = ClusterApplier.forConnection(down);

            assertThatThrownBy(() -> applier.apply(configMap("blue"), ApplyOptions.defaults()))
                    .isInstanceOfSatisfying(ClusterException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ClusterException.Reason.UNREACHABLE);
                        assertThat(e.server()).isEqualTo(url);
                        assertThat(e.httpCode()).isZero();
                    })
                    .hasMessage("server-side apply ConfigMap shop/settings on cluster " + url
                            + " failed: discover v1: API server unreachable (connection refused)")
                    .hasMessageNotContaining(TOKEN);
        }
    }

    @Test
    void serverErrorNamesTheServerAndTheStatus() {
        MockDiscovery.install(server);
        server.expect().get().withPath("/api/v1/namespaces/shop/configmaps/settings")
                .andReturn(503, "{\"kind\":\"Status\",\"code\":503,\"message\":\"etcdserver: leader changed\"}")
                .always();
        KubernetesClient noRetry = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
        String url = "https://mock.example:6443";
        ClientSideApplier applier = new ClientSideApplier(noRetry, new ApiDiscovery(noRetry, url, null), url, null);

        assertThatThrownBy(() -> applier.apply(configMap("blue"), ClientSideApplierTest.csa()))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.SERVER_ERROR);
                    assertThat(e.httpCode()).isEqualTo(503);
                })
                .hasMessage("get ConfigMap shop/settings on cluster " + url
                        + " failed: HTTP 503 etcdserver: leader changed (the API server failed; retry later)");
        noRetry.close();
    }

    @Test
    void aSchemaErrorIsARejectionNotAServerFailure() {
        MockDiscovery.install(server);
        server.expect().get().withPath("/api/v1/namespaces/shop/configmaps/settings")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"failed to create typed patch"
                        + " object (/v1, Kind=ConfigMap) shop/settings: .dataa: field not declared in schema\"}")
                .always();
        KubernetesClient noRetry = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
        String url = "https://mock.example:6443";
        ClientSideApplier applier = new ClientSideApplier(noRetry, new ApiDiscovery(noRetry, url, null), url, null);

        assertThatThrownBy(() -> applier.apply(configMap("blue"), ClientSideApplierTest.csa()))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.REJECTED);
                    assertThat(e.httpCode()).isEqualTo(500);
                })
                .hasMessageContaining("field not declared in schema")
                .hasMessageContaining("fix it in Git")
                .hasMessageNotContaining("retry later");
        noRetry.close();
    }

    @Test
    void discoveryOfAnUnreachableClusterNamesTheServer() throws IOException {
        String url = "https://127.0.0.1:" + closedPort();
        try (ClusterConnection down = ClusterConnection.withBearerToken("down", url, TOKEN, null, true, null)) {
            assertThatThrownBy(() -> down.discovery().resolve("v1", "ConfigMap"))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("discover v1 on cluster " + url + " failed: API server unreachable (connection refused)");
        }
    }

    /** A port nobody listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
