package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.gitops.engine.cluster.RequestRecorder.Request;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-side apply against the fabric8 mock server in CRUD mode, which stores objects and answers GET, POST, PUT
 * and DELETE like an API server, but has no admission, no defaulting, no garbage collector and ignores
 * {@code dryRun} and {@code fieldValidation} (it persists dry-run writes). Those tests therefore check what we send;
 * that a dry run really persists nothing is checked against a real API server in {@link KubeApiServerApplierTest}.
 */
@EnableKubernetesMockClient(crud = true)
class ClientSideApplierTest {

    static final String SERVER = "https://mock.example:6443";

    KubernetesMockServer server;
    KubernetesClient client;
    final RequestRecorder recorder = new RequestRecorder();
    ClientSideApplier applier;

    @BeforeEach
    void setUp() {
        MockDiscovery.install(server);
        KubernetesClient ours = recorder.client(server);
        applier = new ClientSideApplier(ours, new ApiDiscovery(ours, SERVER, null), SERVER, null);
    }

    @Test
    void createsAnAbsentObjectAndRecordsWhatWasApplied() {
        KubeObject desired = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {color: blue}
                """);

        KubeObject live = applier.apply(desired, csa());

        assertThat(live.source()).isEqualTo("live");
        assertThat(live.uid()).isNotEmpty();
        assertThat(live.at("/data/color").asText()).isEqualTo("blue");
        assertThat(ClientSideApplier.lastApplied(live.node())).isEqualTo(desired.node());
        assertThat(applier.get(desired.key())).contains(live);
    }

    @Test
    void removesFieldsDroppedFromGitAndKeepsFieldsOthersAdded() {
        applier.apply(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop, labels: {team: web}}
                data: {color: blue, size: large}
                """), csa());
        // another actor (a controller, a person with kubectl edit) adds a label and a key
        client.configMaps().inNamespace("shop").withName("settings").edit(cm -> {
            cm.getMetadata().getLabels().put("injected-by", "policy");
            cm.getData().put("extra", "kept");
            return cm;
        });

        KubeObject live = applier.apply(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop, labels: {team: web}}
                data: {color: green}
                """), csa());

        assertThat(live.node().get("data")).isEqualTo(yaml("{color: green, extra: kept}").node());
        assertThat(live.labels()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("team", "web", "injected-by", "policy"));
        assertThat(live.annotation(AnnotationNames.LAST_APPLIED)).doesNotContain("size").contains("green");
    }

    @Test
    void anObjectAlreadyAsDesiredIsNotWritten() {
        KubeObject desired = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {color: blue}
                """);
        KubeObject first = applier.apply(desired, csa());
        recorder.clear();

        KubeObject second = applier.apply(desired, csa());

        assertThat(recorder.writes()).isEmpty();
        assertThat(second.metadata().get("resourceVersion")).isEqualTo(first.metadata().get("resourceVersion"));
    }

    @Test
    void updatesAreGuardedByTheLiveResourceVersion() throws Exception {
        applier.apply(configMap("blue"), csa());
        String version = applier.get(configMap("blue").key()).orElseThrow().metadata().path("resourceVersion").asText();
        recorder.clear();

        applier.apply(configMap("green"), csa());

        List<Request> writes = recorder.writes();
        assertThat(writes).extracting(Request::toString).containsExactly("PUT /api/v1/namespaces/shop/configmaps/settings?fieldValidation=Strict");
        assertThat(Yaml.JSON.readTree(writes.get(0).body()).at("/metadata/resourceVersion").asText())
                .isEqualTo(version);
    }

    @Test
    void aConcurrentWriteIsRetriedFromAFreshRead() {
        applier.apply(configMap("blue"), csa());
        // the first update loses a race (409), as when a controller writes between our read and our write
        server.expect().put().withPath("/api/v1/namespaces/shop/configmaps/settings?fieldValidation=Strict")
                .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\","
                        + "\"message\":\"the object has been modified\"}")
                .once();
        recorder.clear();

        KubeObject live = applier.apply(configMap("green"), csa());

        assertThat(live.at("/data/color").asText()).isEqualTo("green");
        assertThat(recorder.writes()).extracting(Request::method).containsExactly("PUT", "PUT");
    }

    @Test
    void dryRunIsSentAsDryRunAll() {
        applier.dryRun(configMap("blue"), csa());
        applier.apply(configMap("blue"), csa());
        recorder.clear();

        applier.dryRun(configMap("green"), csa());

        // The mock has no dry-run support: it stores the object anyway. What we can check here is the request.
        assertThat(recorder.writes()).extracting(Request::toString)
                .containsExactly("PUT /api/v1/namespaces/shop/configmaps/settings?fieldValidation=Strict&dryRun=All");
    }

    @Test
    void validateFalseIgnoresUnknownFields() {
        applier.apply(configMap("blue"), csa().withValidate(false));

        assertThat(recorder.writes()).extracting(Request::toString)
                .containsExactly("POST /api/v1/namespaces/shop/configmaps?fieldValidation=Ignore");
    }

    @Test
    void namespacedObjectsWithoutNamespaceGoToTheDefaultNamespaceClusterScopedOnesIgnoreIt() {
        KubeObject cm = applier.apply(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: loose}
                """), csa());
        KubeObject ns = applier.apply(yaml("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, namespace: ignored}
                """), csa());

        assertThat(cm.namespace()).isEqualTo(client.getNamespace());
        assertThat(ns.namespace()).isEmpty();
        assertThat(applier.get(new ResourceKey("", "Namespace", "", "shop"))).isPresent();
    }

    @Test
    void replaceMakesTheObjectExactlyAsDesired() {
        applier.apply(configMap("blue"), csa());
        client.configMaps().inNamespace("shop").withName("settings").edit(cm -> {
            cm.getData().put("extra", "dropped-by-replace");
            return cm;
        });

        KubeObject live = applier.replace(configMap("green"), false, csa());

        assertThat(live.node().get("data")).isEqualTo(yaml("{color: green}").node());
    }

    @Test
    void forcedReplaceDeletesAndCreatesANewObject() {
        String oldUid = applier.apply(configMap("blue"), csa()).uid();

        KubeObject live = applier.replace(configMap("green"), true, csa());

        assertThat(live.uid()).isNotEqualTo(oldUid);
        assertThat(live.at("/data/color").asText()).isEqualTo("green");
    }

    @Test
    void replaceCreatesAnAbsentObject() {
        assertThat(applier.replace(configMap("blue"), false, csa()).at("/data/color").asText()).isEqualTo("blue");
    }

    @Test
    void deleteSendsThePropagationPolicyAndReportsAbsence() throws Exception {
        applier.apply(configMap("blue"), csa());
        ResourceKey key = configMap("blue").key();
        recorder.clear();

        assertThat(applier.delete(key, PropagationPolicy.FOREGROUND)).isTrue();

        List<Request> writes = recorder.writes();
        assertThat(writes).extracting(Request::toString).containsExactly("DELETE /api/v1/namespaces/shop/configmaps/settings");
        assertThat(Yaml.JSON.readTree(writes.get(0).body()).get("propagationPolicy").asText()).isEqualTo("Foreground");
        assertThat(applier.get(key)).isEmpty();
        assertThat(applier.delete(key, PropagationPolicy.ORPHAN)).isFalse();
    }

    @Test
    void createWithGenerateNameReturnsTheServerChosenName() {
        KubeObject hook = yaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {generateName: db-migrate-, namespace: shop}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: shop/migrate:1}]
                """);

        KubeObject first = applier.create(hook, csa());
        KubeObject second = applier.create(hook, csa());

        assertThat(first.name()).startsWith("db-migrate-");
        assertThat(second.name()).startsWith("db-migrate-").isNotEqualTo(first.name());
        assertThat(applier.get(first.key())).isPresent();
    }

    @Test
    void createOfAnExistingObjectIsAConflictNamingTheResource() {
        applier.create(configMap("blue"), csa());

        assertThatThrownBy(() -> applier.create(configMap("blue"), csa()))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.CONFLICT);
                    assertThat(e.resource()).contains(configMap("blue").key());
                })
                .hasMessageStartingWith("create ConfigMap shop/settings on cluster " + SERVER + " failed: HTTP 409");
    }

    @Test
    void customResourcesApplyLikeBuiltInOnes() {
        client.resource(ApiDiscoveryTest.crd("widgets", "Widget", "v1")).create();
        applier.apply(yaml("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w, namespace: shop}
                spec: {size: 3, color: red}
                """), csa());

        KubeObject live = applier.apply(yaml("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w, namespace: shop}
                spec: {size: 4}
                """), csa());

        assertThat(live.node().get("spec")).isEqualTo(yaml("{size: 4}").node());
    }

    @Test
    void unknownKindNamesTheResourceAndTheKind() {
        assertThatThrownBy(() -> applier.apply(yaml("""
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: g, namespace: shop}
                """), csa()))
                .isInstanceOfSatisfying(ClusterException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.UNKNOWN_KIND))
                .hasMessage("client-side apply example.com/Gizmo shop/g on cluster " + SERVER + " failed: the cluster"
                        + " does not serve apiVersion example.com/v1, kind Gizmo; is the CustomResourceDefinition installed?");
    }

    @Test
    void secretValuesNeverAppearInErrors() {
        // an API server that quotes the offending value back, as validation errors do
        server.expect().post().withPath("/api/v1/namespaces/shop/secrets?fieldValidation=Strict")
                .andReturn(422, """
                        {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Invalid", "code": 422,
                         "message": "Secret \\"db\\" is invalid: data[password]: Invalid value: \\"aHVudGVyMjI=\\" (hunter22)"}
                        """).once();

        assertThatThrownBy(() -> applier.apply(yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: shop}
                data: {password: aHVudGVyMjI=}
                """), csa()))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("Secret shop/db")
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("***")
                .hasMessageNotContaining("hunter22")
                .hasMessageNotContaining("aHVudGVyMjI=");
    }

    /** Creates an object through the mock's own client, as "someone else" would. */
    static void mockClientCreates(KubernetesMockServer server, KubeObject object) {
        try (KubernetesClient other = server.createClient()) {
            other.resource(object.node().toString()).create();
        }
    }

    static ApplyOptions csa() {
        return ApplyOptions.defaults().withServerSide(false);
    }

    static KubeObject configMap(String color) {
        return yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {color: %s}
                """.formatted(color));
    }

    static KubeObject yaml(String text) {
        try {
            return new KubeObject((ObjectNode) Yaml.YAML.readTree(text), "test.yaml");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
