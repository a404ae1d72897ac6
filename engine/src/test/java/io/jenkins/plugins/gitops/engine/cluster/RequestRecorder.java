package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what a client sends, with bodies. (The mock server's own request log is no help for bodies: its CRUD
 * dispatcher consumes them.) Only the client built by {@link #client} is recorded, so a test can play "another
 * actor" through the mock's own client without noise.
 */
final class RequestRecorder implements Interceptor {

    record Request(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
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
                request.bodyString() == null ? "" : request.bodyString()));
    }

    void clear() {
        requests.clear();
    }

    /** Everything but GETs, in order. */
    List<Request> writes() {
        return requests.stream().filter(r -> !r.method().equals("GET")).toList();
    }
}
