package io.jenkins.plugins.gitops.bench.compare;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's {@link KubernetesMockServer} in CRUD mode (as {@code @EnableKubernetesMockClient(crud = true)} builds it),
 * started in-process on loopback over plain HTTP, plus a kubeconfig pointing at it. Objects are stored as created: no
 * defaulting, no controllers, no server-side apply.
 */
final class MockCluster implements ClusterTarget {

    private static final String NAMESPACE = "bench";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    MockCluster(Path dir) throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        kubeconfig = dir.resolve("mock-kubeconfig.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: bench
                  user:
                    token: not-a-secret
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: bench
                    namespace: %s
                current-context: mock
                """.formatted(server(), NAMESPACE), StandardCharsets.UTF_8);
    }

    private String server() {
        String url = client.getMasterUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public String description() {
        return "fabric8 KubernetesMockServer 7.4.0 in CRUD mode, in-process on " + server();
    }

    @Override
    public void apply(List<KubeObject> objects) {
        for (KubeObject o : objects) {
            GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(o.node(),
                    GenericKubernetesResource.class);
            client.genericKubernetesResources(o.apiVersion(), o.kind()).inNamespace(o.namespace()).resource(r).create();
        }
    }

    @Override
    public boolean supportsServerSideApply() {
        return false;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
