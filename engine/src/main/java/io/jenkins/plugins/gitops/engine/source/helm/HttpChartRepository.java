package io.jenkins.plugins.gitops.engine.source.helm;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * A classic Helm chart repository: {@code <repoURL>/index.yaml} and the chart archives it links to, over HTTP(S),
 * with basic authentication and the repository's CA. As Helm (without {@code --pass-credentials}), credentials are
 * sent to the repository's own host only, not to a chart URL on another host.
 */
final class HttpChartRepository {

    private final String url;
    private final HelmAuth auth;
    private final HelmHttp http;

    HttpChartRepository(String url, HelmAuth auth, HelmHttp http) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.auth = auth;
        this.http = http;
    }

    ChartIndex index() {
        String what = "index.yaml";
        URI uri = URI.create(url + "/index.yaml");
        HttpResponse<byte[]> r = http.get(uri, null, authorization(uri), auth, what);
        check(r, what, "index.yaml");
        return ChartIndex.parse(r.body(), url);
    }

    /** The archive of one index entry. */
    byte[] download(ChartIndex.Entry entry) {
        String what = "version " + entry.version();
        if (entry.urls().isEmpty()) {
            throw new HelmRepositoryException(what + ": the index lists no download URL");
        }
        URI uri = URI.create(url + "/").resolve(entry.urls().get(0));
        HttpResponse<byte[]> r = http.get(uri, null, authorization(uri), auth, what);
        check(r, what, uri.getPath());
        if (r.body().length > ChartStore.MAX_CHART_BYTES) {
            throw new HelmRepositoryException(what + ": the archive is larger than "
                    + ChartStore.MAX_CHART_BYTES / (1024 * 1024) + " MiB");
        }
        return r.body();
    }

    private String authorization(URI target) {
        if (!auth.hasCredentials()) {
            return null;
        }
        URI base = URI.create(url);
        boolean sameHost = Objects.equals(base.getHost(), target.getHost()) && base.getPort() == target.getPort();
        return sameHost ? HelmHttp.basic(auth) : null;
    }

    private void check(HttpResponse<byte[]> r, String what, String file) {
        int s = r.statusCode();
        if (s == 200) {
            return;
        }
        if (s == 401 || s == 403) {
            throw new HelmRepositoryException(s + " for " + file + ": "
                    + (auth.hasCredentials() ? "the configured credentials (user '" + auth.username()
                            + "') were refused" : "the repository requires credentials and none are configured for it"));
        }
        if (s == 404) {
            throw new HelmRepositoryException(file + " not found (404)"
                    + (file.equals("index.yaml") ? "; is repoURL a Helm chart repository?" : ""));
        }
        throw new HelmRepositoryException(file + " answered HTTP " + s);
    }
}
