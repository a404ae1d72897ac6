package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection.Authentication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ways to authenticate, checked against the mock server where a request is needed. */
@EnableKubernetesMockClient(crud = true)
class ClusterConnectionTest {

    static final String TOKEN = "kubeconfig-token-0123456789";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void kubeconfigWithCurrentContextTalksToItsServerWithItsToken() throws Exception {
        Path kubeconfig = kubeconfig();

        try (ClusterConnection c = ClusterConnection.fromKubeconfig(null, kubeconfig, null)) {
            assertThat(c.name()).isEqualTo("mock");
            assertThat(c.server()).isEqualTo(mockUrl());
            assertThat(c.authentication()).isEqualTo(Authentication.KUBECONFIG);
            assertThat(c.connected()).isFalse();

            c.client().configMaps().inNamespace("shop").withName("x").get();

            assertThat(c.client().getNamespace()).isEqualTo("shop");
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getPath()).isEqualTo("/api/v1/namespaces/shop/configmaps/x");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        }
    }

    /**
     * A JDK HTTP client's selector thread sits in native code until the client is collected, and a JVM exiting with
     * such a thread waits for it (300 ms on Java 17). Closing the connection ends it. The surefire JVM opens
     * {@code java.net.http/jdk.internal.net.http} to test the Java 17 route, as the CLI jar's manifest does.
     */
    @Test
    void closingTheConnectionEndsItsHttpClientSelectorThread() throws Exception {
        ClusterConnection c = ClusterConnection.fromKubeconfig(null, kubeconfig(), null);
        java.util.Set<Thread> before = selectorThreads();
        c.client().configMaps().inNamespace("shop").withName("x").get();
        java.util.Set<Thread> mine = selectorThreads();
        mine.removeAll(before);
        assertThat(mine).hasSize(1);

        c.close();

        for (Thread t : mine) {
            t.join(2_000);
            assertThat(t.isAlive()).as("selector thread %s after close", t.getName()).isFalse();
        }
        assertThatThrownBy(c::client).hasMessageContaining("is closed");
    }

    private static java.util.Set<Thread> selectorThreads() {
        java.util.Set<Thread> out = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().endsWith("-SelectorManager"))
                .forEach(out::add);
        return out;
    }

    /**
     * fabric8 renews a bearer token by re-reading the kubeconfig file ({@code Config.refresh()}, which reads the file
     * {@code Config.getFile()} names). A user without a token (client certificate) never gets one that way, so fabric8
     * never notes a renewal and, a minute after the client was made, re-read and parsed the file before every request
     * (a third of a sync's client CPU on the harness's admin kubeconfig): the file is forgotten then. A minute cannot
     * pass in a unit test, so this checks what refresh() reads; the sync benchmark shows the CPU.
     */
    @Test
    void aKubeconfigWithoutATokenIsNotReadAgainBeforeEachRequestButATokenStillRenewsFromTheFile() throws IOException {
        String cert = Base64.getEncoder().encodeToString(fixture("connection/ca.crt").getBytes(StandardCharsets.US_ASCII));
        Path certificates = Files.writeString(dir.resolve("cert-config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kind
                  cluster: {server: 'https://127.0.0.1:6443', insecure-skip-tls-verify: true}
                users:
                - name: admin
                  user: {client-certificate-data: %s, client-key-data: %s}
                contexts:
                - name: kind
                  context: {cluster: kind, user: admin}
                current-context: kind
                """.formatted(cert, cert));
        var withoutToken = ClientConfigs.kubeconfig(certificates, null).config();
        assertThat(withoutToken.getClientCertData()).isEqualTo(cert);
        assertThat(withoutToken.getFile()).as("nothing for refresh() to read").isNull();
        assertThat(withoutToken.refresh()).isSameAs(withoutToken);

        Path tokens = kubeconfig();
        var withToken = ClientConfigs.kubeconfig(tokens, null).config();
        assertThat(withToken.getFile()).isEqualTo(tokens.toFile());
        Files.writeString(tokens, Files.readString(tokens).replace(TOKEN, "renewed-token-0123456789"));
        assertThat(withToken.refresh().getAutoOAuthToken()).isEqualTo("renewed-token-0123456789");
    }

    @Test
    void kubeconfigContextSelectsAnotherCluster() throws IOException {
        try (ClusterConnection c = ClusterConnection.fromKubeconfig("prod-eu", kubeconfig(), "staging")) {
            assertThat(c.name()).isEqualTo("prod-eu");
            assertThat(c.server()).isEqualTo("https://staging.example.com:6443");
        }
    }

    @Test
    void unknownContextIsAnErrorNotASilentFallback() throws IOException {
        Path kubeconfig = kubeconfig();
        assertThatThrownBy(() -> ClusterConnection.fromKubeconfig(null, kubeconfig, "prod"))
                .isInstanceOf(ClusterException.class)
                .hasMessage("kubeconfig " + kubeconfig + ": context 'prod' not found (contexts: [mock, staging])");
    }

    @Test
    void missingOrBrokenKubeconfigNamesTheFile() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ClusterConnection.fromKubeconfig(null, missing, null))
                .hasMessage("kubeconfig " + missing + ": file not found");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "clusters: [oops");
        assertThatThrownBy(() -> ClusterConnection.fromKubeconfig(null, broken, null))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("kubeconfig " + broken + ": ");
    }

    @Test
    void bearerTokenConnectionSendsTheTokenAndNeverShowsIt() throws Exception {
        String token = "sa-token-abcdefghijklmnop";
        try (ClusterConnection c = ClusterConnection.withBearerToken("mock", mockUrl() + "/", token, null, true,
                "team-a")) {
            c.client().configMaps().withName("x").get();

            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getPath()).isEqualTo("/api/v1/namespaces/team-a/configmaps/x");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + token);
            assertThat(c.server()).isEqualTo(mockUrl());
            assertThat(c.toString()).isEqualTo("ClusterConnection[name=mock, server=" + mockUrl() + ", auth=bearer-token]")
                    .doesNotContain(token);
            assertThat(c.redactor().redact("401 for token " + token)).isEqualTo("401 for token ***");
        }
    }

    @Test
    void caCertificateIsAcceptedAsPemOrBase64AndRejectedWhenBroken() throws IOException {
        String pem = fixture("connection/ca.crt");
        String base64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));

        try (ClusterConnection a = ClusterConnection.withBearerToken("a", "https://a.example", "token-a", pem, false, null);
                ClusterConnection b = ClusterConnection.withBearerToken("b", "https://b.example", "token-b", base64, false,
                        null)) {
            assertThat(decode(a.client().getConfiguration().getCaCertData())).isEqualTo(pem.strip());
            assertThat(decode(b.client().getConfiguration().getCaCertData())).isEqualTo(pem.strip());
            assertThat(a.client().getConfiguration().isTrustCerts()).isFalse();
        }
        assertThatThrownBy(() -> ClusterConnection.withBearerToken("c", "https://c.example", "t0ken", "not a cert", false,
                null)).hasMessage("caCertificate: not a PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        String truncated = pem.substring(0, 120) + "\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> ClusterConnection.withBearerToken("c", "https://c.example", "t0ken", truncated, false,
                null)).hasMessageStartingWith("caCertificate: ");
    }

    @Test
    void bearerTokenInputIsValidated() {
        assertThatThrownBy(() -> ClusterConnection.withBearerToken("x", "kubernetes:6443", "t0ken", null, false, null))
                .hasMessage("server: 'kubernetes:6443' is not an http(s) URL");
        assertThatThrownBy(() -> ClusterConnection.withBearerToken("x", "https://k.example", " ", null, false, null))
                .hasMessage("bearerToken: required for cluster https://k.example");
        assertThatThrownBy(() -> ClusterConnection.withBearerToken(" ", "https://k.example", "t0ken", null, false, null))
                .hasMessage("cluster name is required (server https://k.example)");
    }

    @Test
    void inClusterUsesTheServiceAccountAndRereadsARotatedToken() throws IOException {
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), "first-token-value\n");
        Files.writeString(sa.resolve("namespace"), "gitops");
        Files.writeString(sa.resolve("ca.crt"), fixture("connection/ca.crt"));
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");

        try (ClusterConnection c = ClusterConnection.inCluster("in-cluster", env, sa)) {
            assertThat(c.server()).isEqualTo(ClusterConnection.IN_CLUSTER_SERVER);
            assertThat(c.authentication()).isEqualTo(Authentication.IN_CLUSTER);
            var config = c.client().getConfiguration();
            assertThat(config.getMasterUrl()).isEqualTo("https://10.96.0.1:443/");
            assertThat(config.getNamespace()).isEqualTo("gitops");
            assertThat(config.getCaCertFile()).isEqualTo(sa.resolve("ca.crt").toString());
            assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("first-token-value");

            Files.writeString(sa.resolve("token"), "rotated-token-value");

            assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("rotated-token-value");
            assertThat(c.toString()).doesNotContain("token-value");
        }
    }

    @Test
    void inClusterOutsideAPodSaysSo() throws IOException {
        assertThatThrownBy(() -> ClusterConnection.inCluster("in-cluster", Map.of(), dir))
                .hasMessage("in-cluster: KUBERNETES_SERVICE_HOST is not set (not running in a Kubernetes pod?)");
        assertThatThrownBy(() -> ClusterConnection.inCluster("in-cluster", Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"),
                dir)).hasMessage("in-cluster: service account token " + dir.resolve("token")
                        + " not found (automountServiceAccountToken disabled?)");
    }

    @Test
    void clientIsCreatedLazilyAndUnusableAfterClose() {
        ClusterConnection c = ClusterConnection.ofClient("mock", null, server.createClient());
        assertThat(c.server()).isEqualTo(mockUrl());
        assertThat(c.authentication()).isEqualTo(Authentication.PROVIDED_CLIENT);
        assertThat(c.discovery()).isSameAs(c.discovery());
        // the discovery builds the client only when it sends its first request
        assertThat(c.connected()).isFalse();
        assertThat(c.client()).isSameAs(c.client());
        assertThat(c.connected()).isTrue();

        c.close();

        assertThat(c.connected()).isFalse();
        assertThatThrownBy(c::client).isInstanceOf(IllegalStateException.class)
                .hasMessage("cluster connection ClusterConnection[name=mock, server=" + mockUrl()
                        + ", auth=provided-client] is closed");
    }

    @Test
    void serverUrlsNormalizeSlashAndCase() {
        assertThat(ClusterConnection.normalizeServer("HTTPS://Kubernetes.Default.SVC/")).isEqualTo(
                ClusterConnection.IN_CLUSTER_SERVER);
        assertThat(ClusterConnection.normalizeServer("https://Rancher.example/k8s/clusters/C-AbC/"))
                .isEqualTo("https://rancher.example/k8s/clusters/C-AbC");
    }

    private String mockUrl() {
        return ClientConfigs.trimSlash(server.url("/"));
    }

    private Path kubeconfig() throws IOException {
        return Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: '%s', insecure-skip-tls-verify: true}
                - name: staging
                  cluster: {server: 'https://staging.example.com:6443', insecure-skip-tls-verify: true}
                users:
                - name: ci
                  user: {token: %s}
                contexts:
                - name: mock
                  context: {cluster: mock, user: ci, namespace: shop}
                - name: staging
                  context: {cluster: staging, user: ci}
                current-context: mock
                """.formatted(mockUrl(), TOKEN));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = ClusterConnectionTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
