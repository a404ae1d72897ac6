package io.jenkins.plugins.gitops.engine.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helm charts in an OCI registry ({@code oci://} repoURL), read the way {@code helm pull} reads them: the
 * repository {@code <path>/<chart>}, tags as versions ({@code _} standing for the {@code +} OCI tags cannot hold),
 * an OCI image manifest whose layer of media type {@value #CHART_LAYER} is the chart archive.
 *
 * <p>Authentication follows the registry's challenge: {@code Basic} sends the configured user and password;
 * {@code Bearer} (token authentication) asks the realm for a pull token, with the credentials when configured,
 * anonymously otherwise. Loopback registries are spoken to over plain HTTP (as Helm's {@code --plain-http}), every
 * other one over HTTPS with the repository's CA.
 */
final class OciChartRegistry {

    static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final String LEGACY_CHART_LAYER = "application/tar+gzip";
    private static final String ACCEPT_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([A-Za-z_]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    /** A pulled chart: the archive and its digest (hex, without {@code sha256:}). */
    record Pulled(byte[] archive, String digest) {}

    private final String url;
    private final String host;
    private final String path;
    private final HelmAuth auth;
    private final HelmHttp http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    OciChartRegistry(String repoURL, HelmAuth auth, HelmHttp http) {
        String rest = repoURL.substring("oci://".length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        this.url = repoURL;
        this.host = slash < 0 ? rest : rest.substring(0, slash);
        this.path = slash < 0 ? "" : rest.substring(slash + 1);
        this.auth = auth;
        this.http = http;
    }

    /** Every version published for {@code chart} (tags, with {@code _} read back as {@code +}). */
    List<String> versions(String chart) {
        String what = "tag list";
        String repo = repository(chart);
        List<String> out = new ArrayList<>();
        URI next = URI.create(base() + "/v2/" + repo + "/tags/list?n=1000");
        for (int page = 0; next != null; page++) {
            if (page > 1000) {
                throw new HelmRepositoryException("the tag list does not end");
            }
            HttpResponse<byte[]> r = send(next, "application/json", repo, what);
            if (r.statusCode() == 404) {
                throw new HelmRepositoryException("chart not found (the registry has no repository " + repo + ")");
            }
            check(r, what, "tag list");
            for (JsonNode t : json(r, what).path("tags")) {
                out.add(t.asText().replace('_', '+'));
            }
            next = r.headers().firstValue("Link").map(link -> {
                Matcher m = NEXT_LINK.matcher(link);
                return m.find() ? URI.create(base()).resolve(m.group(1)) : null;
            }).orElse(null);
        }
        return out;
    }

    /** The chart archive of {@code chart} at {@code version}. */
    Pulled pull(String chart, String version) {
        String what = "version " + version;
        String repo = repository(chart);
        String tag = version.replace('+', '_');
        HttpResponse<byte[]> r = send(URI.create(base() + "/v2/" + repo + "/manifests/" + tag), ACCEPT_MANIFEST, repo,
                what);
        if (r.statusCode() == 404) {
            throw new HelmRepositoryException(what + " not found in the registry");
        }
        check(r, what, "manifest");
        String digest = null;
        for (JsonNode layer : json(r, what).path("layers")) {
            String type = layer.path("mediaType").asText();
            if (type.equals(CHART_LAYER) || type.equals(LEGACY_CHART_LAYER)) {
                digest = layer.path("digest").asText();
            }
        }
        if (digest == null || !digest.startsWith("sha256:")) {
            throw new HelmRepositoryException(what + ": the manifest has no Helm chart layer (" + CHART_LAYER
                    + "); is it a Helm chart?");
        }
        HttpResponse<byte[]> blob = send(URI.create(base() + "/v2/" + repo + "/blobs/" + digest), null, repo, what);
        check(blob, what, "chart layer");
        if (blob.body().length > ChartStore.MAX_CHART_BYTES) {
            throw new HelmRepositoryException(what + ": the chart layer is larger than "
                    + ChartStore.MAX_CHART_BYTES / (1024 * 1024) + " MiB");
        }
        return new Pulled(blob.body(), digest.substring("sha256:".length()));
    }

    private String repository(String chart) {
        return path.isEmpty() ? chart : path + "/" + chart;
    }

    private String base() {
        String h = host.replaceFirst(":\\d+$", "");
        boolean loopback = h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
        return (loopback ? "http://" : "https://") + host;
    }

    private HttpResponse<byte[]> send(URI uri, String accept, String repo, String what) {
        String authorization = tokens.get(repo);
        HttpResponse<byte[]> r = http.get(uri, accept, authorization, auth, what);
        if (r.statusCode() == 401) {
            authorization = authenticate(r.headers().firstValue("WWW-Authenticate").orElse(""), repo, what);
            if (authorization != null) {
                tokens.put(repo, authorization);
                r = http.get(uri, accept, authorization, auth, what);
            }
        }
        return r;
    }

    /** The Authorization header answering a challenge; null when there is nothing to answer with. */
    private String authenticate(String challenge, String repo, String what) {
        String scheme = challenge.contains(" ") ? challenge.substring(0, challenge.indexOf(' ')) : challenge;
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge.substring(scheme.length()));
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (scheme.equalsIgnoreCase("basic")) {
            return auth.hasCredentials() ? HelmHttp.basic(auth) : null;
        }
        if (!scheme.equalsIgnoreCase("bearer") || !params.containsKey("realm")) {
            return null;
        }
        StringBuilder token = new StringBuilder(params.get("realm"));
        char sep = token.indexOf("?") < 0 ? '?' : '&';
        if (params.containsKey("service")) {
            token.append(sep).append("service=").append(enc(params.get("service")));
            sep = '&';
        }
        token.append(sep).append("scope=").append(enc(params.getOrDefault("scope", "repository:" + repo + ":pull")));
        HttpResponse<byte[]> r = http.get(URI.create(token.toString()), "application/json",
                auth.hasCredentials() ? HelmHttp.basic(auth) : null, auth, what);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new HelmRepositoryException("the registry's token service refused "
                    + (auth.hasCredentials() ? "the configured credentials (user '" + auth.username() + "')"
                            : "anonymous access; configure credentials for it"));
        }
        check(r, what, "token");
        JsonNode body = json(r, what);
        String value = body.path("token").asText(body.path("access_token").asText(""));
        if (value.isEmpty()) {
            throw new HelmRepositoryException("the registry's token service answered no token");
        }
        return "Bearer " + value;
    }

    private void check(HttpResponse<byte[]> r, String what, String thing) {
        int s = r.statusCode();
        if (s == 200) {
            return;
        }
        if (s == 401 || s == 403) {
            throw new HelmRepositoryException(s + " for the " + thing + ": "
                    + (auth.hasCredentials() ? "the configured credentials (user '" + auth.username()
                            + "') were refused" : "the registry requires credentials and none are configured for it"));
        }
        throw new HelmRepositoryException("the " + thing + " answered HTTP " + s);
    }

    private static JsonNode json(HttpResponse<byte[]> r, String what) {
        try {
            return Yaml.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new HelmRepositoryException(what + ": the registry answered something that is not JSON");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
