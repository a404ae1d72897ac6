package io.jenkins.plugins.gitops.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHttpServerTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void advertisesRefsAndCountsFetches() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"))) {
            String sha = TestRepos.create(server, "app", tmp.resolve("work")).write("a", "1").commit("first");

            HttpResponse<String> refs = get(server.url("app") + "/info/refs?service=git-upload-pack", null);

            assertThat(refs.statusCode()).isEqualTo(200);
            assertThat(refs.headers().firstValue("Content-Type")).contains("application/x-git-upload-pack-advertisement");
            assertThat(refs.body()).contains(sha + " refs/heads/main");
            assertThat(server.fetchCount("app")).isEqualTo(1);
            assertThat(server.requests()).containsExactly("GET /git/app.git/info/refs?service=git-upload-pack 200");
        }
    }

    @Test
    void acceptsGzipRequestBodies() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"))) {
            String sha = TestRepos.create(server, "app", tmp.resolve("work")).write("a", "1").commit("first");
            String request = "0032want " + sha + "\n" + "0000" + "0009done\n";

            HttpResponse<byte[]> pack = http.send(HttpRequest.newBuilder(URI.create(server.url("app") + "/git-upload-pack"))
                    .header("Content-Type", "application/x-git-upload-pack-request")
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(request))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(pack.statusCode()).isEqualTo(200);
            assertThat(new String(pack.body(), StandardCharsets.ISO_8859_1)).startsWith("0008NAK\n").contains("PACK");
        }
    }

    @Test
    void basicAuthChallengesMissingAndWrongCredentials() throws Exception {
        try (GitHttpServer server = GitHttpServer.startWithBasicAuth(tmp.resolve("srv"), "deployer", "pw-123456")) {
            TestRepos.create(server, "app", tmp.resolve("work")).write("a", "1").commit("first");
            String url = server.url("app") + "/info/refs?service=git-upload-pack";

            HttpResponse<String> anonymous = get(url, null);
            HttpResponse<String> wrong = get(url, "deployer:nope");
            HttpResponse<String> right = get(url, "deployer:pw-123456");

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"git\"");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(server.fetchCount("app")).isEqualTo(1);
        }
    }

    @Test
    void unknownRepositoryIsNotFound() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"))) {
            assertThat(get(server.url("missing") + "/info/refs?service=git-upload-pack", null).statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(String url, String userAndPassword) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (userAndPassword != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }
}
