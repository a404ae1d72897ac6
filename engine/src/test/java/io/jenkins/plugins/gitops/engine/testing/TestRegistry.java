package io.jenkins.plugins.gitops.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real container registry on loopback: Debian's {@code docker-registry} (the CNCF distribution registry, 2.8) with
 * filesystem storage in a temporary directory, optionally behind htpasswd basic auth. Images are pushed through the
 * registry's HTTP API (blob upload + manifest PUT): one tiny layer and a config blob carrying the {@code created}
 * date, or an OCI index over several platforms.
 *
 * <p>Without the binary the calling test is skipped with a message; with {@code GITOPS_REQUIRE_HARNESS=true} it fails.
 */
public final class TestRegistry implements AutoCloseable {

    public static final String BINARY = System.getenv().getOrDefault("GITOPS_REGISTRY_BINARY", "/usr/bin/docker-registry");
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private final Process process;
    private final int port;
    private final String authorization;
    private final TokenServer tokens;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestRegistry(Process process, int port, String authorization, TokenServer tokens) {
        this.process = process;
        this.port = port;
        this.authorization = authorization;
        this.tokens = tokens;
    }

    /**
     * A registry using distribution's token authentication: {@code WWW-Authenticate: Bearer realm=...} pointing at a
     * token service in this JVM ({@link TokenServer}) that checks {@code user}/{@code password} with basic auth and
     * issues RS256 JWTs signed by a throw-away certificate the registry trusts.
     */
    public static TestRegistry startWithTokenAuth(Path dir, String user, String password) {
        return start(dir, user, password, true, null);
    }

    /** An anonymous registry. */
    public static TestRegistry start(Path dir) {
        return start(dir, null, null);
    }

    /** A registry that requires basic auth with this user and password (htpasswd with bcrypt). */
    public static TestRegistry start(Path dir, String user, String password) {
        return start(dir, user, password, false, null);
    }

    /**
     * A registry with token authentication (distribution's {@code auth.token}) by a token service of the test's own
     * ({@link RegistryTokenServer}); the fixture itself pushes with a token {@code external} issues for every
     * repository.
     */
    public static TestRegistry startWithTokenAuth(Path dir, RegistryTokenServer external) {
        return start(dir, null, null, false, external);
    }

    private static TestRegistry start(Path dir, String user, String password, boolean tokenAuth,
            RegistryTokenServer external) {
        boolean present = Files.isExecutable(Path.of(BINARY));
        if (!present && "true".equals(System.getenv("GITOPS_REQUIRE_HARNESS"))) {
            throw new IllegalStateException(BINARY + " is missing (apt-get install docker-registry)");
        }
        if (!present) { // JUnit is absent where the benchmark harness uses this class: touch it only when skipping
            assumeTrue(false, BINARY + " is missing: registry tests skipped (apt-get install docker-registry)");
        }
        try {
            Path root = Files.createDirectories(dir.toAbsolutePath());
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            StringBuilder config = new StringBuilder()
                    .append("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ")
                    .append(root.resolve("data")).append("\n  delete:\n    enabled: true\n")
                    .append("http:\n  addr: 127.0.0.1:").append(port).append("\n");
            String authorization = null;
            TokenServer tokens = null;
            if (tokenAuth) {
                tokens = TokenServer.start(root.resolve("token"), user, password);
                config.append("auth:\n  token:\n    realm: ").append(tokens.realm()).append("\n    service: ")
                        .append(TokenServer.SERVICE).append("\n    issuer: ").append(TokenServer.ISSUER)
                        .append("\n    rootcertbundle: ").append(tokens.certificate()).append('\n');
            } else if (external != null) {
                config.append("auth:\n  token:\n    realm: ").append(external.realm())
                        .append("\n    service: ").append(RegistryTokenServer.SERVICE)
                        .append("\n    issuer: ").append(RegistryTokenServer.ISSUER)
                        .append("\n    rootcertbundle: ").append(external.rootCertBundle()).append('\n');
                authorization = "Bearer " + external.adminToken();
            } else if (user != null) {
                Path htpasswd = root.resolve("htpasswd");
                htpasswd(htpasswd, user, password);
                config.append("auth:\n  htpasswd:\n    realm: test-registry\n    path: ").append(htpasswd).append('\n');
                authorization = "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
            }
            Path configFile = root.resolve("config.yml");
            Files.writeString(configFile, config);
            Process p = new ProcessBuilder(BINARY, "serve", configFile.toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("registry.log").toFile()).start();
            TestRegistry r = new TestRegistry(p, port, authorization, tokens);
            r.awaitReady(root.resolve("registry.log"));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void htpasswd(Path file, String user, String password) throws IOException {
        boolean tool = Files.isExecutable(Path.of("/usr/bin/htpasswd"));
        if (!tool && "true".equals(System.getenv("GITOPS_REQUIRE_HARNESS"))) {
            throw new IllegalStateException("/usr/bin/htpasswd (apache2-utils) is missing");
        }
        if (!tool) {
            assumeTrue(false, "/usr/bin/htpasswd (apache2-utils) is missing: authenticated registry tests skipped");
        }
        Process p = new ProcessBuilder("/usr/bin/htpasswd", "-Bbn", user, password).start();
        try {
            String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || line.isEmpty()) {
                throw new IllegalStateException("htpasswd failed");
            }
            Files.writeString(file, line + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
            }
            try {
                int s = http.send(HttpRequest.newBuilder(URI.create(url() + "/v2/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (s == 200 || s == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("docker-registry did not answer within 20 s: " + Files.readString(log));
    }

    /** {@code 127.0.0.1:<port>}: the registry part of image names. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public String url() {
        return "http://" + host();
    }

    /** Pushes a single-platform image {@code repo:tag} built at {@code created}; returns the manifest digest. */
    public String push(String repo, String tag, Instant created) {
        return pushManifest(repo, tag, imageManifest(repo, created, "linux", "amd64"), OCI_MANIFEST);
    }

    /**
     * Pushes a Helm chart archive as {@code helm push} lays it out (an OCI image manifest with Helm's config media
     * type and the archive as its one chart-content layer) to {@code repo:tag}; returns the manifest digest.
     */
    public String pushHelmChart(String repo, String tag, String chartYamlJson, byte[] archive) {
        byte[] config = chartYamlJson.getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(repo, config);
        String layerDigest = pushBlob(repo, archive);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.cncf.helm.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + archive.length + "}]}";
        return pushManifest(repo, tag, manifest, OCI_MANIFEST);
    }

    /**
     * Pushes one single-platform image under many tags (blobs and manifest uploaded once, then one manifest PUT per
     * tag): a repository with thousands of tags in seconds.
     */
    public String pushTags(String repo, List<String> tags, Instant created) {
        String manifest = imageManifest(repo, created, "linux", "amd64");
        String digest = null;
        for (String tag : tags) {
            digest = pushManifest(repo, tag, manifest, OCI_MANIFEST);
        }
        return digest;
    }

    /** Pushes an OCI index {@code repo:tag} with one image per platform ({@code os/arch}); returns the index digest. */
    public String pushIndex(String repo, String tag, Instant created, List<String> platforms) {
        StringBuilder entries = new StringBuilder();
        for (String platform : platforms) {
            String[] p = platform.split("/");
            String manifest = imageManifest(repo, created, p[0], p[1]);
            String digest = pushManifest(repo, digest(manifest.getBytes(StandardCharsets.UTF_8)), manifest, OCI_MANIFEST);
            if (entries.length() > 0) {
                entries.append(',');
            }
            entries.append("{\"mediaType\":\"").append(OCI_MANIFEST).append("\",\"digest\":\"").append(digest)
                    .append("\",\"size\":").append(manifest.getBytes(StandardCharsets.UTF_8).length)
                    .append(",\"platform\":{\"os\":\"").append(p[0]).append("\",\"architecture\":\"").append(p[1])
                    .append("\"}}");
        }
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + entries + "]}";
        return pushManifest(repo, tag, index, OCI_INDEX);
    }

    /** Deletes the manifest {@code digest} (and so every tag pointing at it). */
    public void deleteManifest(String repo, String digest) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url() + "/v2/" + repo + "/manifests/" + digest))
                .DELETE());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("delete " + digest + ": " + r.statusCode() + " " + r.body());
        }
    }

    private String imageManifest(String repo, Instant created, String os, String arch) {
        String config = "{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\",\"created\":\"" + created
                + "\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{}}";
        byte[] layer = ("layer " + repo + " " + created + " " + os + "/" + arch).getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(repo, config.getBytes(StandardCharsets.UTF_8));
        String layerDigest = pushBlob(repo, layer);
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.getBytes(StandardCharsets.UTF_8).length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest + "\",\"size\":"
                + layer.length + "}]}";
    }

    private String pushBlob(String repo, byte[] content) {
        String digest = digest(content);
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(url() + "/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (start.statusCode() != 202) {
            throw new IllegalStateException("blob upload start: " + start.statusCode() + " " + start.body());
        }
        String location = start.headers().firstValue("Location").orElseThrow();
        URI put = URI.create(url()).resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        HttpResponse<String> done = send(HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        if (done.statusCode() != 201) {
            throw new IllegalStateException("blob upload: " + done.statusCode() + " " + done.body());
        }
        return digest;
    }

    private String pushManifest(String repo, String reference, String manifest, String mediaType) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url() + "/v2/" + repo + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("manifest put " + repo + ":" + reference + ": " + r.statusCode() + " "
                    + r.body());
        }
        return r.headers().firstValue("Docker-Content-Digest").orElseGet(
                () -> digest(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        HttpRequest probe = b.build();
        if (tokens != null) {
            String path = probe.uri().getPath();
            String repo = path.substring("/v2/".length()).replaceFirst("/(blobs|manifests)/.*$", "");
            b.header("Authorization", "Bearer " + tokens.mint(repo, List.of("pull", "push", "delete")));
        } else if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Token requests the token service answered so far. */
    public int tokenRequests() {
        return tokens == null ? 0 : tokens.requests();
    }

    @Override
    public void close() {
        if (tokens != null) {
            tokens.close();
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
