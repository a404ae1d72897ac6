package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Discovery documents for the fabric8 mock server.
 *
 * <p>The CRUD mock answers {@code /api/v1} and {@code /apis} with an empty list (it treats them as collections), and
 * serves {@code /apis/<group>/<version>} only for CRDs created through it. So built-in discovery is added as
 * expectations, answered from fixtures copied from a real API server (trimmed); in CRUD mode the mock checks
 * expectations first and falls back to its object store for every other path.
 */
final class MockDiscovery {

    static final String CRD_GROUP_LIST = "/apis";

    private static final Map<String, String> DOCUMENTS = Map.of(
            "/api/v1", "api-v1.json",
            CRD_GROUP_LIST, "apis.json",
            "/apis/apps/v1", "apis-apps-v1.json",
            "/apis/batch/v1", "apis-batch-v1.json",
            "/apis/apiextensions.k8s.io/v1", "apis-apiextensions-v1.json");

    private MockDiscovery() {}

    static void install(KubernetesMockServer server) {
        DOCUMENTS.forEach((path, file) -> server.expect().get().withPath(path).andReturn(200, read(file)).always());
    }

    private static String read(String file) {
        try (InputStream in = MockDiscovery.class.getResourceAsStream("discovery/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture discovery/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
