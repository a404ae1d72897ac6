package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what a client sends, with bodies. (The mock server's own request log is no help for bodies: its CRUD
 * dispatcher consumes them.) Only the client built by {@link #client} is recorded, so a test can play "another
 * actor" through the mock's own client without noise.
 */
final class RequestRecorder implements Interceptor {

    record Request(String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        String resourcePath() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }

        /** Query parameters as "name=value", in any order (fabric8's order is an implementation detail). */
        java.util.Set<String> query() {
            int q = path.indexOf('?');
            return q < 0 ? java.util.Set.of() : java.util.Set.of(path.substring(q + 1).split("&"));
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** A client of {@code server} whose requests this recorder sees. */
    KubernetesClient client(KubernetesMockServer server) {
        return server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("recorder", this)));
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String query = request.uri().getRawQuery();
        requests.add(new Request(request.method(), request.uri().getRawPath() + (query == null ? "" : "?" + query),
                contentType(request), request.bodyString() == null ? "" : request.bodyString()));
    }

    private static String contentType(HttpRequest request) {
        return request instanceof StandardHttpRequest standard ? standard.getContentType() : request.header("Content-Type");
    }

    void clear() {
        requests.clear();
    }

    /** Everything but GETs, in order. */
    List<Request> writes() {
        return requests.stream().filter(r -> !r.method().equals("GET")).toList();
    }
}
