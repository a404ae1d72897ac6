package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.testing.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster credentials (a bearer token as in an Argo CD cluster secret or a kubeconfig) never appear in what people
 * read when the cluster refuses or cannot be reached: comparison errors (pages, {@code gitops status -o json}), sync
 * results and the engine log. Against a real kube-apiserver (kube-api-test), which answers a wrong token with 401.
 */
class ClusterCredentialLeakTest {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.leak-check-7f3a9c.signature";

    @TempDir
    Path dir;

    Application app() {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: leak}
                spec:
                  source: {repoURL: https://example.invalid/deploy.git, targetRevision: HEAD, path: .}
                  destination: {server: https://kubernetes.default.svc, namespace: leak}
                """, "leak.yaml");
    }

    void assertNoToken(String server, String what) throws Exception {
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n"
                + "data: {a: b}\n");
        RecordingLog log = new RecordingLog();
        try (GitOpsEngine engine = GitOpsEngine.builder().workDir(dir.resolve("engine-" + what)).log(log)
                .connection(ClusterConnection.withBearerToken("in-cluster", server, TOKEN, null, true, "leak"))
                .pollInterval(Duration.ofMillis(100)).build()) {
            AppComparison c = engine.compare(app(), null, dir);
            assertThat(c.error()).as(what + ": the comparison fails").isNotNull();
            SyncOutcome s = engine.sync(app(), SyncRequest.manual("ada").withLocalDir(dir)
                    .withTimeout(Duration.ofSeconds(30)), log);
            assertThat(s.succeeded()).isFalse();
            for (String text : new String[] {c.error(), c.toString(), s.message(), s.toString(), log.story()}) {
                assertThat(text).as(what).doesNotContain(TOKEN).doesNotContain("leak-check-7f3a9c");
            }
        }
    }

    @Test
    void aRefusedTokenIsNeverRepeated() throws Exception {
        String server = RealApiServer.client().getMasterUrl().toString();
        assertNoToken(server, "401 from the real API server");
    }

    @Test
    void anUnreachableServerErrorCarriesNoToken() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertNoToken("https://127.0.0.1:" + port, "connection refused");
    }
}
