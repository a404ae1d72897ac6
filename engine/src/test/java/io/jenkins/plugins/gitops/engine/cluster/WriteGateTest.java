package io.jenkins.plugins.gitops.engine.cluster;

import static io.jenkins.plugins.gitops.engine.cluster.ClientSideApplierTest.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write that fails on the way is sent again only while the {@link WriteGate} (a shard lease's fence) is open. The
 * failure of the HA test under load: fabric8 retried failed requests by itself, with backoff, seconds after the
 * fence had been asked once - a controller that had lost its lease in between wrote anyway. Here the API server
 * (the fabric8 mock) answers every server-side apply of the ConfigMap with 503, as an overloaded API server does, and
 * the requests that reach it are counted. With fabric8's own retries (the client this test gets allows ten) the
 * first case saw the PATCH several times although the gate had closed after the first attempt.
 */
@EnableKubernetesMockClient(crud = true)
class WriteGateTest {

    static final String PATH = "/api/v1/namespaces/shop/configmaps/settings";
    static final String LOST = "lost leadership of shard 0 to ctl-b";

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void overloaded() {
        MockDiscovery.install(server);
        server.expect().patch().withPath(PATH + "?fieldValidation=Strict&fieldManager=gitops-sync&force=false")
                .andReturn(503, "{\"kind\":\"Status\",\"code\":503,\"message\":\"etcdserver: request timed out\"}")
                .always();
    }

    ClusterApplier applier(WriteGate gate) {
        String url = "https://mock.example:6443";
        ResourceOperations ops = new ResourceOperations(client, new ApiDiscovery(client, url, null), url, null, gate);
        return new ClusterApplier(new ServerSideApplier(ops), new ClientSideApplier(ops));
    }

    @Test
    void aWriteThatFailedIsNotSentAgainOnceTheGateClosed() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        WriteGate closesAfterTheFirstAttempt = () -> asked.incrementAndGet() > 1 ? Optional.of(LOST)
                : Optional.empty();

        assertThatThrownBy(() -> applier(closesAfterTheFirstAttempt).apply(configMap("blue"), ApplyOptions.defaults()))
                .isInstanceOf(ClusterException.class)
                .hasMessage(LOST + "; server-side apply ConfigMap shop/settings not sent again (after 1 failed attempt)");

        assertThat(patches()).as("PATCHes that reached the API server").hasSize(1);
    }

    @Test
    void whileTheGateIsOpenAFailedWriteIsRetriedAFewTimesThenReported() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        WriteGate open = () -> {
            asked.incrementAndGet();
            return Optional.empty();
        };

        assertThatThrownBy(() -> applier(open).apply(configMap("blue"), ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.SERVER_ERROR);
                    assertThat(e.httpCode()).isEqualTo(503);
                });

        // one attempt plus WRITE_RETRIES, each asked first; none resent behind the gate's back by fabric8
        assertThat(patches()).hasSize(1 + ResourceOperations.WRITE_RETRIES);
        assertThat(asked).hasValue(1 + ResourceOperations.WRITE_RETRIES);
    }

    @Test
    void aClosedGateSendsNothingNotEvenADryRunOrADelete() throws InterruptedException {
        ClusterApplier closed = applier(() -> Optional.of(LOST));

        assertThatThrownBy(() -> closed.apply(configMap("blue"), ApplyOptions.defaults().withDryRun(true)))
                .hasMessage(LOST + "; dry-run server-side apply ConfigMap shop/settings not sent");
        assertThatThrownBy(() -> closed.delete(configMap("blue").key(), PropagationPolicy.FOREGROUND, false))
                .hasMessage(LOST + "; delete ConfigMap shop/settings not sent");
        client.configMaps().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("settings").withNamespace("shop")
                .withFinalizers("argocd.argoproj.io/hook-finalizer").endMetadata().build()).create();
        patches(); // the create above
        assertThatThrownBy(() -> closed.removeFinalizer(configMap("blue").key(), "argocd.argoproj.io/hook-finalizer"))
                .hasMessage(LOST + "; remove finalizer argocd.argoproj.io/hook-finalizer from ConfigMap shop/settings"
                        + " not sent");

        assertThat(patches()).isEmpty();
    }

    /** The write requests the mock received (discovery and reads left out). */
    List<String> patches() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            if (!"GET".equals(r.getMethod())) {
                out.add(r.getMethod() + " " + r.getPath());
            }
        }
        return out;
    }
}
