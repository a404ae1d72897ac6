package io.jenkins.plugins.gitops.engine.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The HTTP client the HTTP services share: bounded timeouts, the body as UTF-8, non-2xx answers as failures. */
final class Http {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private Http() {}

    /** Sends and returns the answer's body; a non-2xx status throws (4xx other than 408/429 as permanent). */
    static String send(String method, String url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, body == null || body.isEmpty() && method.equals("GET")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r;
        try {
            r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException(method + " " + url + " failed: " + e, e);
        }
        if (r.statusCode() / 100 != 2) {
            String answer = r.body() == null ? "" : r.body().strip();
            String msg = method + " " + url + " answered " + r.statusCode()
                    + (answer.isEmpty() ? "" : ": " + answer.substring(0, Math.min(200, answer.length())));
            int s = r.statusCode();
            if (s / 100 == 4 && s != 408 && s != 429) {
                throw new Sender.Permanent(msg);
            }
            throw new IOException(msg);
        }
        return r.body();
    }
}
