package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against the fabric8 CRUD mock; built-in discovery documents come from {@link MockDiscovery}. */
@EnableKubernetesMockClient(crud = true)
class ApiDiscoveryTest {

    KubernetesMockServer server;
    KubernetesClient client;
    ApiDiscovery discovery;

    @BeforeEach
    void setUp() {
        MockDiscovery.install(server);
        discovery = new ApiDiscovery(client, "https://mock", SecretRedactor.SHAPES_ONLY);
    }

    @Test
    void resolvesBuiltInKindsWithPluralAndScope() {
        assertThat(discovery.resolve("v1", "ConfigMap"))
                .isEqualTo(new ApiResource("", "v1", "ConfigMap", "configmaps", true,
                        List.of("create", "delete", "get", "list", "patch", "update", "watch")));
        assertThat(discovery.resolve("v1", "Namespace").namespaced()).isFalse();
        ApiResource deployment = discovery.resolve("apps/v1", "Deployment");
        assertThat(deployment.plural()).isEqualTo("deployments");
        assertThat(deployment.apiVersion()).isEqualTo("apps/v1");
        assertThat(deployment.watchable()).isTrue();
        assertThat(discovery.resolve("apiextensions.k8s.io/v1", "CustomResourceDefinition").namespaced()).isFalse();
    }

    @Test
    void subresourcesAreNotKinds() {
        assertThat(discovery.resolve("v1", "Pod").plural()).isEqualTo("pods");
        assertThatThrownBy(() -> discovery.resolve("apps/v1", "Scale"))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("apiVersion apps/v1, kind Scale");
    }

    @Test
    void cachesAGroupVersionAfterTheFirstLookup() {
        discovery.resolve("apps/v1", "Deployment");
        int before = server.getRequestCount();
        discovery.resolve("apps/v1", "ReplicaSet");
        discovery.resolve("apps/v1", "Deployment");
        assertThat(server.getRequestCount()).isEqualTo(before);
    }

    @Test
    void unknownKindRefreshesOnceThenNamesApiVersionAndKind() {
        discovery.resolve("v1", "ConfigMap");
        int before = server.getRequestCount();
        assertThatThrownBy(() -> discovery.resolve("v1", "ConfigMapp"))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.UNKNOWN_KIND);
                    assertThat(e.server()).isEqualTo("https://mock");
                })
                .hasMessageContaining("apiVersion v1, kind ConfigMapp")
                .hasMessageContaining("https://mock");
        assertThat(server.getRequestCount() - before).isEqualTo(1);
        assertThat(discovery.find("v1", "ConfigMapp")).isEmpty();
    }

    @Test
    void customResourceResolvesOnceItsCrdExists() {
        assertThat(discovery.find("example.com/v1", "Widget")).isEmpty();

        client.resource(crd("widgets", "Widget", "v1")).create();

        assertThat(discovery.resolve("example.com/v1", "Widget"))
                .extracting(ApiResource::plural, ApiResource::namespaced)
                .containsExactly("widgets", true);
    }

    @Test
    void resourceKeyResolvesAtThePreferredVersionOrAnotherServedOne() {
        assertThat(discovery.resolve(new ResourceKey("apps", "Deployment", "ns", "web")).apiVersion())
                .isEqualTo("apps/v1");
        assertThat(discovery.resolve(new ResourceKey("", "Secret", "ns", "s")).apiVersion()).isEqualTo("v1");
        // apis.json prefers example.com/v1, but this CRD serves Gadget only at v1beta1
        client.resource(crd("gadgets", "Gadget", "v1beta1")).create();
        assertThat(discovery.resolve(new ResourceKey("example.com", "Gadget", "ns", "g")).apiVersion())
                .isEqualTo("example.com/v1beta1");
        assertThatThrownBy(() -> discovery.resolve(new ResourceKey("nope.io", "Thing", "", "t")))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("group 'nope.io', kind Thing");
    }

    @Test
    void serverResourcesListEveryKindOnceAtPreferredVersions() {
        client.resource(crd("sprockets", "Sprocket", "v1")).create();
        List<String> kinds = discovery.serverResources().stream().map(r -> r.apiVersion() + " " + r.kind()).toList();
        assertThat(kinds).contains("v1 ConfigMap", "v1 Namespace", "apps/v1 Deployment", "batch/v1 Job",
                "example.com/v1 Sprocket")
                .doesNotContain("apps/v1 Scale", "v1 Eviction")
                .doesNotHaveDuplicates();
    }

    static String crd(String plural, String kind, String version) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %s.example.com
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {plural: %s, singular: %s, kind: %s}
                  versions:
                  - name: %s
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """.formatted(plural, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, version);
    }
}
