package io.jenkins.plugins.gitops.engine.imageupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {

    @TempDir
    Path tmp;

    @Test
    void listsTagsAcrossPagesReadsManifestsIndexesAndCreationDates() {
        try (TestRegistry registry = TestRegistry.start(tmp)) {
            Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
            for (String tag : List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0", "latest")) {
                registry.push("team/app", tag, t1);
            }
            String index = registry.pushIndex("team/app", "multi", Instant.parse("2026-02-01T00:00:00Z"),
                    List.of("linux/amd64", "linux/arm64"));
            RegistryClient client = new RegistryClient(List.of());
            ImageReference image = ImageReference.parse(registry.host() + "/team/app");

            assertThat(client.tags(image)).containsExactlyInAnyOrder("1.0.0", "1.1.0", "1.2.0", "2.0.0", "latest",
                    "multi");
            int afterTags = client.requestCount();
            assertThat(afterTags).isEqualTo(1); // distribution 2.8 ignores ?n= for tags: pages are tested below
            client.tags(image);
            assertThat(client.requestCount()).as("cached within the cycle").isEqualTo(afterTags);

            Manifest idx = client.manifest(image, "multi");
            assertThat(idx.isIndex()).isTrue();
            assertThat(idx.digest()).isEqualTo(index);
            assertThat(idx.platforms()).extracting(Manifest.Entry::toString).containsExactly("linux/amd64", "linux/arm64");
            Manifest arm = client.manifest(image, idx.platforms().get(1).digest());
            assertThat(client.created(image, arm)).contains(Instant.parse("2026-02-01T00:00:00Z"));
            assertThat(client.created(image, client.manifest(image, "1.0.0"))).contains(t1);
        }
    }

    @Test
    void basicAuthUsesTheCredentialForTheImagePrefixAndExplainsA401() {
        try (TestRegistry registry = TestRegistry.start(tmp, "robot", "s3cret")) {
            registry.push("private/app", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
            ImageReference image = ImageReference.parse(registry.host() + "/private/app");

            RegistryClient good = new RegistryClient(List.of(
                    new RegistryCredential(registry.host() + "/other", "nobody", "x"),
                    new RegistryCredential(registry.host() + "/private", "robot", "s3cret")));
            assertThat(good.tags(image)).containsExactly("1.0.0");

            RegistryClient wrong = new RegistryClient(List.of(new RegistryCredential(registry.host(), "robot", "nope")));
            assertThatThrownBy(() -> wrong.tags(image))
                    .isInstanceOf(ImageUpdateException.class)
                    .hasMessageContaining("answered 401")
                    .hasMessageContaining("credentials for '" + registry.host() + "' (user robot) were refused")
                    .hasMessageNotContaining("nope");

            RegistryClient anonymous = new RegistryClient(List.of());
            assertThatThrownBy(() -> anonymous.tags(image)).hasMessageContaining("no credentials are configured");
        }
    }

    @Test
    void aVanishedTagIsAClearError() {
        try (TestRegistry registry = TestRegistry.start(tmp)) {
            String digest = registry.push("team/app", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
            ImageReference image = ImageReference.parse(registry.host() + "/team/app");
            RegistryClient client = new RegistryClient(List.of());
            assertThat(client.tags(image)).containsExactly("1.0.0");
            registry.deleteManifest("team/app", digest);
            assertThatThrownBy(() -> client.manifest(image, "1.0.0"))
                    .hasMessageContaining("cannot read manifest '1.0.0' of " + registry.host() + "/team/app (404")
                    .hasMessageContaining("may have been deleted");
        }
    }

    @Test
    void bearerChallengeFetchesATokenOnceAndServerErrorsAreReported() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/token", ex -> {
            seen.add("token " + ex.getRequestURI().getQuery() + " " + ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"token\":\"t0k3n\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/v2/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.contains("broken")) {
                ex.sendResponseHeaders(500, -1);
            } else if (!"Bearer t0k3n".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + base + "/token\",service=\"reg\","
                        + "scope=\"repository:acme/app:pull\"");
                ex.sendResponseHeaders(401, -1);
            } else {
                String query = ex.getRequestURI().getQuery();
                boolean second = query != null && query.contains("last=1.1");
                if (!second) {
                    ex.getResponseHeaders().add("Link", "</v2/acme/app/tags/list?last=1.1&n=2>; rel=\"next\"");
                }
                byte[] body = (second ? "{\"tags\":[\"2.0\"]}" : "{\"name\":\"acme/app\",\"tags\":[\"1.0\",\"1.1\"]}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        try {
            RegistryClient client = new RegistryClient(r -> base,
                    List.of(new RegistryCredential("example.io", "me", "pw")), Duration.ofSeconds(5));
            assertThat(client.tags(ImageReference.parse("example.io/acme/app"))).containsExactly("1.0", "1.1", "2.0");
            assertThat(client.requestCount()).as("401, token, page 1, page 2").isEqualTo(4);
            assertThat(seen).singleElement().asString()
                    .contains("service=reg").contains("scope=repository:acme/app:pull").contains("Basic ");
            assertThatThrownBy(() -> client.tags(ImageReference.parse("example.io/acme/broken")))
                    .isInstanceOf(ImageUpdateException.class)
                    .hasMessageContaining("registry example.io answered 500 to list the tags of example.io/acme/broken");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void bearerTokenAuthAgainstTheRealRegistryFetchesOneTokenPerRepositoryAndExplainsARefusal() {
        try (TestRegistry registry = TestRegistry.startWithTokenAuth(tmp, "robot", "t0ken-Pa55")) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            registry.push("private/app", "1.0.0", t);
            registry.push("private/app", "1.1.0", t.plusSeconds(60));
            ImageReference image = ImageReference.parse(registry.host() + "/private/app");
            int tokensBefore = registry.tokenRequests();

            RegistryClient client = new RegistryClient(List.of(new RegistryCredential(registry.host(), "robot",
                    "t0ken-Pa55")));
            assertThat(client.tags(image)).containsExactlyInAnyOrder("1.0.0", "1.1.0");
            assertThat(client.created(image, client.manifest(image, "1.1.0"))).contains(t.plusSeconds(60));
            assertThat(client.created(image, client.manifest(image, "1.0.0"))).contains(t);
            assertThat(registry.tokenRequests() - tokensBefore).as("one token for the repository's pull scope")
                    .isEqualTo(1);
            assertThat(client.requestCount()).as("401, token, tags, 2 manifests, 2 config blobs").isEqualTo(7);

            RegistryClient wrong = new RegistryClient(List.of(new RegistryCredential(registry.host(), "robot", "bad")));
            assertThatThrownBy(() -> wrong.tags(image))
                    .hasMessageContaining("the token service http://127.0.0.1:")
                    .hasMessageContaining("answered 401 for " + registry.host() + "/private/app (credentials for '"
                            + registry.host() + "' refused)")
                    .hasMessageNotContaining("bad");
            assertThatThrownBy(() -> new RegistryClient(List.of()).tags(image)).hasMessageContaining("(anonymous)");
        }
    }

    @Test
    void aSharedCacheTurnsTheNextCycleIntoATagListAndHeadRequests() {
        try (TestRegistry registry = TestRegistry.start(tmp)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            registry.push("team/app", "1.0.0", t);
            registry.push("team/app", "latest", t);
            ImageReference image = ImageReference.parse(registry.host() + "/team/app");
            RegistryCache cache = new RegistryCache(1000);

            RegistryClient first = new RegistryClient(List.of()).cache(cache);
            first.tags(image);
            assertThat(first.created(image, first.manifest(image, "latest"))).contains(t);
            assertThat(first.requestCount()).as("tags, manifest, config").isEqualTo(3);

            RegistryClient second = new RegistryClient(List.of()).cache(cache);
            second.tags(image);
            assertThat(second.created(image, second.manifest(image, "latest"))).contains(t);
            assertThat(second.requestCount()).as("tags, HEAD of the manifest; config from the cache").isEqualTo(2);

            registry.push("team/app", "latest", t.plusSeconds(3600));
            RegistryClient third = new RegistryClient(List.of()).cache(cache);
            assertThat(third.created(image, third.manifest(image, "latest"))).as("the tag moved: read again")
                    .contains(t.plusSeconds(3600));
            assertThat(third.requestCount()).as("HEAD (digest changed), GET manifest, config").isEqualTo(3);
        }
    }

    @Test
    void aRateLimitedRequestWaitsForRetryAfterAndAPersistentLimitIsAClearError() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/v2/", ex -> {
            boolean limited = ex.getRequestURI().getPath().contains("always") || calls.incrementAndGet() == 1;
            if (limited) {
                ex.getResponseHeaders().add("Retry-After", "1");
                byte[] body = "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"pull rate limit\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(429, body.length);
                ex.getResponseBody().write(body);
            } else {
                byte[] body = "{\"tags\":[\"1.0\"]}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            RegistryClient client = new RegistryClient(r -> base, List.of(), Duration.ofSeconds(5))
                    .retries(1, Duration.ofSeconds(5));
            assertThat(client.tags(ImageReference.parse("example.io/acme/app"))).containsExactly("1.0");
            assertThat(client.requestCount()).as("429, then the retry").isEqualTo(2);
            assertThatThrownBy(() -> client.tags(ImageReference.parse("example.io/acme/always")))
                    .hasMessage("registry example.io is rate-limiting requests (429) to list the tags of "
                            + "example.io/acme/always; retry after 1 s (TOOMANYREQUESTS: pull rate limit)");
        } finally {
            server.stop(0);
        }
    }
}
