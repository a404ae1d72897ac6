package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.util.concurrent.TimeUnit;

/**
 * The requests the engine sends past fabric8's typed calls (plain JSON and metadata-only lists, aggregated discovery,
 * server-side apply), bounded by the client's request timeout as fabric8's own calls are ({@code requestTimeout}, 10 s
 * unless configured). Without it such a request had no limit: a server that accepts the connection and never answers
 * (a load balancer in front of a dead API server, a dropped connection) hung the comparison waiting for it for good.
 * Watches are not bounded here: they stream for as long as the server keeps them open.
 */
public final class RawRequest {

    private RawRequest() {}

    /** A GET of {@code url} accepting {@code accept}, with the client's request timeout. */
    public static HttpRequest get(KubernetesClient client, String url, String accept) {
        return bounded(client, client.getHttpClient().newHttpRequestBuilder().uri(url).header("Accept", accept))
                .build();
    }

    /** {@code builder} with the client's request timeout, when one is configured. */
    static HttpRequest.Builder bounded(KubernetesClient client, HttpRequest.Builder builder) {
        Config config = client.getConfiguration();
        Integer timeout = config == null ? null : config.getRequestConfig().getRequestTimeout();
        return timeout != null && timeout > 0 ? builder.timeout(timeout, TimeUnit.MILLISECONDS) : builder;
    }
}
