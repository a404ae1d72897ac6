package io.jenkins.plugins.gitops.engine.imageupdate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client for the Docker Registry HTTP API v2 / OCI distribution API, enough for the image updater: tag lists
 * (following {@code Link: <...>; rel="next"} pages), manifests and indexes (with their digests), and the config blob
 * that carries an image's creation date.
 *
 * <p>Authentication follows the registry's {@code WWW-Authenticate} challenge: {@code Basic} sends the credential for
 * the image, {@code Bearer} fetches a token from the realm (with the credential when there is one, anonymously
 * otherwise) and caches it per registry and scope. One instance serves one update cycle: every answer is cached, so
 * a hundred applications tracking the same image list its tags once. Thread-safe.
 */
public final class RegistryClient {

    static final String ACCEPT_MANIFESTS = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final HttpClient http;
    private final Function<String, String> endpoints;
    private final List<RegistryCredential> credentials;
    private final Duration timeout;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int pageSize = 1000;
    private final Map<String, List<String>> tags = new ConcurrentHashMap<>();
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, Optional<Instant>> created = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, RegistryCredential> pinned = new ConcurrentHashMap<>();
    private volatile RegistryCache shared = new RegistryCache(10_000);
    private volatile int maxRetries = 2;
    private volatile Duration maxRetryWait = Duration.ofSeconds(30);

    /**
     * @param endpoints registry host -> base URL ({@code https://ghcr.io}); null for {@link #defaultEndpoint}
     * @param credentials credentials by image prefix
     * @param timeout per request
     */
    public RegistryClient(Function<String, String> endpoints, List<RegistryCredential> credentials, Duration timeout) {
        this.endpoints = endpoints == null ? RegistryClient::defaultEndpoint : endpoints;
        this.credentials = List.copyOf(credentials);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public RegistryClient(List<RegistryCredential> credentials) {
        this(null, credentials, Duration.ofSeconds(30));
    }

    /**
     * {@code https://<host>}; Docker Hub's API is {@code registry-1.docker.io}; loopback registries
     * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) are spoken to over plain HTTP, as Docker allows.
     */
    public static String defaultEndpoint(String registry) {
        if (registry.equals(ImageReference.DOCKER_HUB)) {
            return "https://registry-1.docker.io";
        }
        String host = registry.replaceFirst(":\\d+$", "");
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        return (loopback ? "http://" : "https://") + registry;
    }

    /** Keeps content-addressed answers in {@code cache}, shared with other cycles (default: this cycle only). */
    public RegistryClient cache(RegistryCache cache) {
        this.shared = cache;
        return this;
    }

    /**
     * How often a request answered {@code 429 Too Many Requests} (or 503 with {@code Retry-After}) is repeated, and
     * the longest {@code Retry-After} honoured; a longer one fails the request at once.
     */
    public RegistryClient retries(int max, Duration longestWait) {
        this.maxRetries = max;
        this.maxRetryWait = longestWait;
        return this;
    }

    /** Tags asked for per page ({@code ?n=}); the registry may answer fewer and link to the next page. */
    public RegistryClient pageSize(int n) {
        this.pageSize = n;
        return this;
    }

    /**
     * Uses {@code credential} for {@code image}'s repository instead of the prefix-matched ones (an image's
     * {@code pull-secret}); a token obtained with other credentials for the repository is dropped.
     */
    public void useCredential(ImageReference image, RegistryCredential credential) {
        String key = image.registry() + "/" + image.repository();
        RegistryCredential before = pinned.put(key, credential);
        if (!credential.equals(before)) {
            tokens.remove(image.registry() + "|repository:" + image.repository() + ":pull");
        }
    }

    private Optional<RegistryCredential> credentialFor(ImageReference image) {
        RegistryCredential p = pinned.get(image.registry() + "/" + image.repository());
        return p != null ? Optional.of(p) : RegistryCredential.find(credentials, image);
    }

    /** HTTP requests sent so far (token requests included). */
    public int requestCount() {
        return requests.get();
    }

    /** Every tag of the repository, in the registry's order. */
    public List<String> tags(ImageReference image) {
        String key = image.registry() + "/" + image.repository();
        List<String> cached = tags.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> all = new ArrayList<>();
        URI next = URI.create(base(image) + "/v2/" + image.repository() + "/tags/list?n=" + pageSize);
        int pages = 0;
        while (next != null) {
            if (++pages > 10_000) {
                throw new ImageUpdateException(image.name() + ": the registry's tag list does not end (10,000 pages)");
            }
            HttpResponse<byte[]> r = send(image, next, "application/json", "list the tags of");
            JsonNode body = json(r, image, "tag list");
            for (JsonNode t : body.path("tags")) {
                all.add(t.asText());
            }
            next = r.headers().firstValue("Link").map(link -> {
                Matcher m = NEXT_LINK.matcher(link);
                return m.find() ? URI.create(base(image)).resolve(m.group(1)) : null;
            }).orElse(null);
        }
        List<String> result = List.copyOf(all);
        tags.put(key, result);
        return result;
    }

    /** The manifest or index a tag or digest names; a missing one is an error saying the tag vanished. */
    public Manifest manifest(ImageReference image, String reference) {
        String key = image.registry() + "/" + image.repository() + "@" + reference;
        Manifest cached = manifests.get(key);
        if (cached != null) {
            return cached;
        }
        String repo = image.registry() + "/" + image.repository();
        URI uri = URI.create(base(image) + "/v2/" + image.repository() + "/manifests/" + reference);
        boolean byDigest = reference.startsWith("sha256:") || reference.matches("[a-z0-9]+:[a-f0-9]{32,}");
        String known = byDigest ? reference : shared.lastDigest(repo, reference);
        if (known != null && shared.manifest(repo, known) != null) {
            boolean current = byDigest;
            if (!byDigest) {
                // HEAD is free of pull-rate limits on Docker Hub; the cached manifest is reused if the tag still
                // points at the same digest
                HttpResponse<byte[]> head = send(image, uri, ACCEPT_MANIFESTS, "read manifest '" + reference + "' of",
                        "HEAD");
                current = head.headers().firstValue("Docker-Content-Digest").map(known::equals).orElse(false);
            }
            if (current) {
                Manifest m = shared.manifest(repo, known);
                manifests.put(key, m);
                return m;
            }
        }
        HttpResponse<byte[]> r = send(image, uri, ACCEPT_MANIFESTS, "read manifest '" + reference + "' of");
        JsonNode body = json(r, image, "manifest");
        String digest = r.headers().firstValue("Docker-Content-Digest").orElseGet(() -> sha256(r.body()));
        String mediaType = body.path("mediaType").asText(
                r.headers().firstValue("Content-Type").orElse(""));
        Manifest m;
        if (body.has("manifests")) {
            List<Manifest.Entry> entries = new ArrayList<>();
            for (JsonNode e : body.path("manifests")) {
                JsonNode p = e.path("platform");
                entries.add(new Manifest.Entry(e.path("digest").asText(), p.path("os").asText(""),
                        p.path("architecture").asText(""), p.path("variant").asText("")));
            }
            m = new Manifest(digest, mediaType, null, List.copyOf(entries));
        } else if (body.path("config").has("digest")) {
            m = new Manifest(digest, mediaType, body.path("config").path("digest").asText(), List.of());
        } else {
            throw new ImageUpdateException(image.name() + ":" + reference + ": unsupported manifest (media type '"
                    + mediaType + "'; schema 1 manifests are not supported)");
        }
        manifests.put(key, m);
        shared.putManifest(repo, byDigest ? null : reference, m);
        return m;
    }

    /** The {@code created} date of an image manifest's config blob; empty when the config has none. */
    public Optional<Instant> created(ImageReference image, Manifest manifest) {
        if (manifest.isIndex()) {
            throw new IllegalArgumentException("an index has no config; pick a platform manifest first");
        }
        String key = image.registry() + "/" + image.repository() + "@" + manifest.configDigest();
        Optional<Instant> cached = created.get(key);
        if (cached == null) {
            cached = shared.created(image.registry() + "/" + image.repository(), manifest.configDigest());
        }
        if (cached != null) {
            created.put(key, cached);
            return cached;
        }
        URI uri = URI.create(base(image) + "/v2/" + image.repository() + "/blobs/" + manifest.configDigest());
        HttpResponse<byte[]> r = send(image, uri, "application/json", "read the image config of");
        String text = json(r, image, "image config").path("created").asText("");
        Optional<Instant> result;
        try {
            result = text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            result = Optional.empty();
        }
        created.put(key, result);
        shared.putCreated(image.registry() + "/" + image.repository(), manifest.configDigest(), result);
        return result;
    }

    private String base(ImageReference image) {
        String b = endpoints.apply(image.registry());
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private HttpResponse<byte[]> send(ImageReference image, URI uri, String accept, String what) {
        return send(image, uri, accept, what, "GET");
    }

    private HttpResponse<byte[]> send(ImageReference image, URI uri, String accept, String what, String method) {
        String scopeKey = image.registry() + "|repository:" + image.repository() + ":pull";
        String auth = tokens.get(scopeKey);
        HttpResponse<byte[]> r = request(method, uri, accept, auth, image, what);
        if (r.statusCode() == 401) {
            auth = authenticate(image, RegistryAuth.parse(r.headers().firstValue("WWW-Authenticate").orElse("")), what);
            if (auth != null) {
                tokens.put(scopeKey, auth);
                r = request(method, uri, accept, auth, image, what);
            }
        }
        int status = r.statusCode();
        if (status == 429) {
            throw new ImageUpdateException("registry " + image.registry() + " is rate-limiting requests (429) to " + what
                    + " " + image.name() + r.headers().firstValue("Retry-After").map(s -> "; retry after " + s + " s")
                            .orElse("") + errorDetail(r));
        }
        if (status == 200) {
            return r;
        }
        Optional<RegistryCredential> cred = credentialFor(image);
        String detail = errorDetail(r);
        if (status == 401 || status == 403) {
            throw new ImageUpdateException("registry " + image.registry() + " answered " + status + " to " + what + " "
                    + image.name() + (cred.isPresent()
                            ? ": the credentials for '" + cred.get().prefix() + "' (user " + cred.get().username()
                            + ") were refused" : ": no credentials are configured for it") + detail);
        }
        if (status == 404) {
            throw new ImageUpdateException("registry " + image.registry() + " has no such thing: cannot " + what + " "
                    + image.name() + " (404" + detail + "); the tag or repository may have been deleted");
        }
        throw new ImageUpdateException("registry " + image.registry() + " answered " + status + " to " + what + " "
                + image.name() + detail);
    }

    private String authenticate(ImageReference image, RegistryAuth challenge, String what) {
        Optional<RegistryCredential> cred = credentialFor(image);
        if (challenge.basic()) {
            return cred.map(c -> "Basic " + basic(c)).orElse(null);
        }
        if (!challenge.bearer() || !challenge.params().containsKey("realm")) {
            return null;
        }
        StringBuilder url = new StringBuilder(challenge.params().get("realm"));
        char sep = url.indexOf("?") < 0 ? '?' : '&';
        if (challenge.params().containsKey("service")) {
            url.append(sep).append("service=").append(enc(challenge.params().get("service")));
            sep = '&';
        }
        String scope = challenge.params().getOrDefault("scope", "repository:" + image.repository() + ":pull");
        url.append(sep).append("scope=").append(enc(scope));
        HttpResponse<byte[]> r = get(URI.create(url.toString()), "application/json",
                cred.map(c -> "Basic " + basic(c)).orElse(null), image, what);
        if (r.statusCode() != 200) {
            throw new ImageUpdateException("registry " + image.registry() + ": the token service "
                    + challenge.params().get("realm") + " answered " + r.statusCode() + " for " + image.name()
                    + (cred.isPresent() ? " (credentials for '" + cred.get().prefix() + "' refused)" : " (anonymous)"));
        }
        JsonNode body = json(r, image, "token");
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new ImageUpdateException("registry " + image.registry() + ": the token service answered no token");
        }
        return "Bearer " + token;
    }

    private HttpResponse<byte[]> get(URI uri, String accept, String authorization, ImageReference image, String what) {
        return request("GET", uri, accept, authorization, image, what);
    }

    /** One request, repeated after the registry's {@code Retry-After} when it answers 429 (or 503 with one). */
    private HttpResponse<byte[]> request(String method, URI uri, String accept, String authorization,
            ImageReference image, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            for (int attempt = 0; ; attempt++) {
                requests.incrementAndGet();
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                Optional<Duration> wait = retryAfter(r);
                if (wait.isEmpty() || attempt >= maxRetries || wait.get().compareTo(maxRetryWait) > 0) {
                    return r;
                }
                Thread.sleep(Math.max(100, wait.get().toMillis()));
            }
        } catch (IOException e) {
            throw new ImageUpdateException("registry " + image.registry() + " is unreachable (" + uri.getScheme() + "://"
                    + uri.getAuthority() + "): cannot " + what + " " + image.name() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageUpdateException("interrupted while asking registry " + image.registry(), e);
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<byte[]> r) {
        int s = r.statusCode();
        Optional<String> header = r.headers().firstValue("Retry-After");
        if (s != 429 && !(s == 503 && header.isPresent())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.orElse("1").trim()))));
        } catch (NumberFormatException e) {
            return Optional.of(Duration.ofSeconds(1)); // an HTTP date: wait briefly rather than parse clocks
        }
    }

    private static JsonNode json(HttpResponse<byte[]> r, ImageReference image, String what) {
        try {
            return Yaml.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ImageUpdateException("registry " + image.registry() + " answered an unreadable " + what + " for "
                    + image.name() + ": " + e.getMessage());
        }
    }

    private static String errorDetail(HttpResponse<byte[]> r) {
        try {
            JsonNode errors = Yaml.JSON.readTree(r.body()).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode e = errors.get(0);
                return " (" + e.path("code").asText("") + ": " + e.path("message").asText("") + ")";
            }
        } catch (IOException | RuntimeException e) {
            // not a distribution error body
        }
        return "";
    }

    private static String basic(RegistryCredential c) {
        return Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
