package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kubeconfig given as text whose user gets its token from a credential plugin ({@code exec}) has that plugin run
 * again when the token is a minute old, so a long-running client does not keep a token that expired. The plugin here
 * is a real script that counts its runs; the clock is a fake one, so no minute passes in the test.
 */
@EnableKubernetesMockClient(crud = true)
class ExecTokenRenewalTest {

    KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void aCredentialPluginRunsAgainOnceItsTokenIsAMinuteOldAndRequestsCarryTheNewToken() throws Exception {
        AtomicLong now = new AtomicLong(0);
        Config config = KubeconfigText.config(kubeconfig(plugin()), null, now::get);
        assertThat(config.getAutoOAuthToken()).isEqualTo("token-run-1");
        assertThat(config.getOauthTokenProvider()).isInstanceOf(ExecTokenRenewal.class);

        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            client.configMaps().inNamespace("shop").withName("a").get();
            assertThat(authorization()).isEqualTo("Bearer token-run-1");

            now.addAndGet(Duration.ofSeconds(59).toNanos());
            client.configMaps().inNamespace("shop").withName("a").get();
            assertThat(authorization()).as("not yet a minute old").isEqualTo("Bearer token-run-1");

            now.addAndGet(Duration.ofSeconds(2).toNanos());
            client.configMaps().inNamespace("shop").withName("a").get();
            assertThat(authorization()).isEqualTo("Bearer token-run-2");
            client.configMaps().inNamespace("shop").withName("a").get();
            assertThat(authorization()).isEqualTo("Bearer token-run-2");
        }
        assertThat(Files.readString(dir.resolve("runs")).strip()).isEqualTo("2");
    }

    /**
     * An API server that refuses the token (401: it expired early, or was revoked) gets the plugin run again at once
     * and the request sent once more with the new token, as client-go does; a token refused right after it was made
     * is not renewed for every request. The connection is built the product's way (ClusterConnection).
     */
    @Test
    void aTokenTheServerRefusesIsRenewedAtOnceAndTheRequestSentAgain() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/shop/configmaps/settings").andReply(new ResponseProvider<>() {
            private Headers headers = Headers.builder().build();

            @Override
            public int getStatusCode(RecordedRequest request) {
                return "Bearer token-run-2".equals(request.getHeader("Authorization")) ? 200 : 401;
            }

            @Override
            public Object getBody(RecordedRequest request) {
                return getStatusCode(request) == 200
                        ? "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\","
                                + "\"namespace\":\"shop\"}}"
                        : "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":401,"
                                + "\"reason\":\"Unauthorized\",\"message\":\"Unauthorized\"}";
            }

            @Override
            public Headers getHeaders() {
                return headers;
            }

            @Override
            public void setHeaders(Headers headers) {
                this.headers = headers;
            }
        }).always();
        AtomicLong now = new AtomicLong(0);
        Config config = KubeconfigText.config(kubeconfig(plugin()), null, now::get);
        String url = server.url("/");
        try (ClusterConnection connection = ClusterConnection.ofConfigFactory("mock", url, () -> config)) {
            KubernetesClient client = connection.client();

            // refused right after the plugin made it: not run again for every request
            assertThatThrownBy(() -> client.configMaps().inNamespace("shop").withName("settings").get())
                    .isInstanceOf(KubernetesClientException.class).hasMessageContaining("401");
            assertThat(Files.readString(dir.resolve("runs")).strip()).isEqualTo("1");

            now.addAndGet(ExecTokenRenewal.RENEW_REFUSED_AFTER.toNanos());
            assertThat(client.configMaps().inNamespace("shop").withName("settings").get().getMetadata().getName())
                    .isEqualTo("settings");
        }
        assertThat(Files.readString(dir.resolve("runs")).strip()).as("the plugin ran once more, before the minute")
                .isEqualTo("2");
    }

    @Test
    void aFailedOrEmptyRunKeepsThePreviousTokenAndIsTriedAgainAMinuteLater() {
        AtomicLong now = new AtomicLong(0);
        AtomicInteger runs = new AtomicInteger();
        String[] answers = {null, "", "second"};
        ExecTokenRenewal renewal = new ExecTokenRenewal(() -> {
            int run = runs.getAndIncrement();
            if (run == 0) {
                throw new IllegalStateException("plugin exited with 1");
            }
            return answers[run];
        }, "first", now::get);

        assertThat(renewal.getToken()).isEqualTo("first");
        for (int i = 0; i < 2; i++) {
            now.addAndGet(ExecTokenRenewal.RENEW_AFTER.toNanos());
            assertThat(renewal.getToken()).isEqualTo("first");
            assertThat(renewal.getToken()).isEqualTo("first");
        }
        assertThat(runs).hasValue(2);
        now.addAndGet(ExecTokenRenewal.RENEW_AFTER.toNanos());
        assertThat(renewal.getToken()).isEqualTo("second");
        assertThat(runs).hasValue(3);
    }

    @Test
    void aUserWithoutCredentialPluginGetsNoRenewal() throws IOException {
        Config config = KubeconfigText.config(kubeconfig("token: static-token-0123"), null, () -> 0L);
        assertThat(config.getOauthTokenProvider()).isNull();
        assertThat(config.getAutoOAuthToken()).isEqualTo("static-token-0123");
    }

    private String authorization() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return request.getHeader("Authorization");
    }

    /** A credential plugin that prints a new token at each run and counts its runs. */
    private String plugin() throws IOException {
        Path script = dir.resolve("credential-plugin.sh");
        Files.writeString(script, """
                #!/bin/sh
                n=$(cat "%1$s/runs" 2>/dev/null || echo 0)
                n=$((n + 1))
                echo "$n" > "%1$s/runs"
                printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-run-%%s"}}' "$n"
                """.formatted(dir));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return """
                exec:
                        apiVersion: client.authentication.k8s.io/v1
                        command: %s
                        interactiveMode: Never
                """.formatted(script).stripTrailing();
    }

    private String kubeconfig(String user) {
        String url = server.url("/");
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: '%s', insecure-skip-tls-verify: true}
                users:
                - name: ci
                  user:
                    %s
                contexts:
                - name: mock
                  context: {cluster: mock, user: ci, namespace: shop}
                current-context: mock
                """.formatted(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, user);
    }
}
