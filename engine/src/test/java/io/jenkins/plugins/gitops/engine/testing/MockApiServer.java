package io.jenkins.plugins.gitops.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery;
import io.jenkins.plugins.gitops.engine.cluster.ClientSideApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The test cluster: fabric8's {@link KubernetesMockServer} in CRUD mode (it stores objects and answers GET, POST, PUT
 * and DELETE), with three things a real API server does and the CRUD mock does not, added by a dispatcher in front of
 * it:
 * <ul>
 *   <li><b>Dry runs.</b> The CRUD mock ignores {@code dryRun=All} and would persist every dry-run write, which would
 *       make "a failed dry run applies nothing" untestable. Here a dry-run POST answers 409 when the object exists and
 *       else echoes it, a dry-run PUT or DELETE answers 404 when it does not exist and else echoes it; nothing is
 *       stored.</li>
 *   <li><b>Rejections.</b> {@link #reject(String, String)} makes every write (dry run or not) of objects with that
 *       name fail with 422 Invalid, like a validating admission webhook or schema validation would.</li>
 *   <li><b>Discovery.</b> The CRUD mock answers {@code /api/v1} and {@code /apis} as empty collections; built-in
 *       discovery documents (copied from a real API server, trimmed; {@code /apis} also lists the test group
 *       {@code example.com}) are added as expectations, which the mock checks before its object store. Group versions
 *       of CRDs created through the mock, such as {@code /apis/example.com/v1}, are served by the mock itself.</li>
 * </ul>
 * The mock does not implement server-side apply (415), so the tests use {@link ClientSideApplier}. Writes that are
 * not dry runs (except status updates of the {@link FakeControllers}) are recorded in {@link #writes()}.
 */
public final class MockApiServer implements AutoCloseable {

    public static final String SERVER = "https://mock.example:6443";

    private static final Map<String, String> DISCOVERY = Map.of(
            "/api/v1", "api-v1.json",
            "/apis", "apis.json",
            "/apis/apps/v1", "apis-apps-v1.json",
            "/apis/batch/v1", "apis-batch-v1.json",
            "/apis/apiextensions.k8s.io/v1", "apis-apiextensions-v1.json");

    private final KubernetesMockServer server;
    private final KubernetesMixedDispatcher crud;
    private final KubernetesClient client;
    private final Map<String, String> rejections = new ConcurrentHashMap<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();

    public MockApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        crud = new KubernetesMixedDispatcher(responses);
        Dispatcher front = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, front, false);
        server.init();
        DISCOVERY.forEach((path, file) -> server.expect().get().withPath(path).andReturn(200, read(file)).always());
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * Edits a Deployment behind the engine's back, as {@code kubectl edit} would. The {@link FakeControllers} write
     * Deployment statuses in the background, so an edit can meet a newer version (409 Conflict): it is read and made
     * again, as kubectl does, up to five times.
     */
    public void editDeployment(String namespace, String name, UnaryOperator<Deployment> edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.apps().deployments().inNamespace(namespace).withName(name).edit(edit);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** A client-side applier on this server (the CRUD mock answers 415 to server-side apply). */
    public ClientSideApplier applier() {
        return new ClientSideApplier(client, new ApiDiscovery(client, SERVER, null), SERVER, null);
    }

    /** Every write of an object named {@code name} fails with 422 and {@code message}. */
    public void reject(String name, String message) {
        rejections.put(name, message);
    }

    public void stopRejecting() {
        rejections.clear();
    }

    /** Non-dry-run writes as {@code METHOD path}, in order (status updates excluded). */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    public boolean exists(ResourceKey key) {
        return applier().get(key).isPresent();
    }

    public KubeObject get(ResourceKey key) {
        return applier().get(key).orElseThrow(() -> new AssertionError(key + " does not exist"));
    }

    private MockResponse handle(RecordedRequest request) {
        String method = request.getMethod();
        if (method.equals("GET")) {
            return crud.dispatch(request);
        }
        String path = request.getPath();
        byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        JsonNode body = parse(bytes);
        String name = nameOf(method, path, body);
        String rejection = rejections.get(name);
        if (rejection != null) {
            return status(422, "Invalid", rejection);
        }
        if (isDryRun(path, body)) {
            return dryRun(method, path, name, body);
        }
        if (!path.contains("/status")) {
            writes.add(method + " " + path);
        }
        return crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), path,
                request.getHeaders(), new Buffer(bytes)));
    }

    private MockResponse dryRun(String method, String path, String name, JsonNode body) {
        String objectPath = method.equals("POST") ? withoutQuery(path) + "/" + name : withoutQuery(path);
        MockResponse existing = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, objectPath,
                Headers.builder().build(), new Buffer()));
        boolean exists = existing.code() == 200;
        if (method.equals("POST")) {
            if (exists) {
                return status(409, "AlreadyExists", "object \"" + name + "\" already exists");
            }
            ObjectNode echo = body.deepCopy();
            echo.with("metadata").put("name", name);
            return new MockResponse().setResponseCode(201).setBody(echo.toString());
        }
        if (!exists) {
            return status(404, "NotFound", "object \"" + name + "\" not found");
        }
        String answer = method.equals("PUT") ? body.toString() : new String(existing.getBody().getBytes(),
                StandardCharsets.UTF_8);
        return new MockResponse().setResponseCode(200).setBody(answer);
    }

    private static boolean isDryRun(String path, JsonNode body) {
        if (path.contains("dryRun=All")) {
            return true;
        }
        for (JsonNode value : body.path("dryRun")) {
            if ("All".equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String nameOf(String method, String path, JsonNode body) {
        if (method.equals("POST")) {
            String name = body.path("metadata").path("name").asText();
            return name.isEmpty() ? body.path("metadata").path("generateName").asText() + "dryrun" : name;
        }
        String p = withoutQuery(path).replaceAll("/status$", "");
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Yaml.JSON.createObjectNode();
        }
        try {
            JsonNode node = Yaml.JSON.readTree(bytes);
            return node == null || !node.isObject() ? Yaml.JSON.createObjectNode() : node;
        } catch (IOException e) {
            return Yaml.JSON.createObjectNode();
        }
    }

    private static MockResponse status(int code, String reason, String message) {
        ObjectNode status = Yaml.JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                .put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return new MockResponse().setResponseCode(code).setBody(status.toString());
    }

    private static String read(String file) {
        try (InputStream in = MockApiServer.class.getResourceAsStream("/testing/discovery/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture testing/discovery/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
