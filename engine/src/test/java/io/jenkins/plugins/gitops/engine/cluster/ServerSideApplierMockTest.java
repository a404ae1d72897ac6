package io.jenkins.plugins.gitops.engine.cluster;

import static io.jenkins.plugins.gitops.engine.cluster.ClientSideApplierTest.configMap;
import static io.jenkins.plugins.gitops.engine.cluster.ClientSideApplierTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.gitops.engine.cluster.RequestRecorder.Request;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply against the fabric8 CRUD mock, which does not implement it: every
 * {@code application/apply-patch+yaml} PATCH is answered 415. So this test checks that the failure is reported
 * clearly and what the request looks like; the applied result is checked against a real API server in
 * {@link KubeApiServerApplierTest}.
 */
@EnableKubernetesMockClient(crud = true)
class ServerSideApplierMockTest {

    static final String SERVER = "https://mock.example:6443";

    KubernetesMockServer server;
    final RequestRecorder recorder = new RequestRecorder();
    ClusterApplier applier;

    @BeforeEach
    void setUp() {
        MockDiscovery.install(server);
        ClusterConnection connection = ClusterConnection.ofClient("mock", SERVER, recorder.client(server));
        applier = ClusterApplier.forConnection(connection);
    }

    @Test
    void mockWithoutServerSideApplyGivesAClearError() {
        // the mock answers 404 to any PATCH of an absent object before looking at the content type; a real API server
        // creates the object. With the object present the mock reaches its real limitation: 415.
        ClientSideApplierTest.mockClientCreates(server, configMap("blue"));
        assertThatThrownBy(() -> applier.apply(configMap("blue"), ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.UNSUPPORTED);
                    assertThat(e.httpCode()).isEqualTo(415);
                    assertThat(e.server()).isEqualTo(SERVER);
                })
                .hasMessageStartingWith("server-side apply ConfigMap shop/settings on cluster " + SERVER
                        + " failed: HTTP 415")
                .hasMessageContaining("does not support server-side apply")
                .hasMessageContaining("ServerSideApply=true");
    }

    @Test
    void sendsAnApplyPatchWithFieldManagerForceAndValidation() throws Exception {
        KubeObject fromGit = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: shop
                  resourceVersion: "7"
                  managedFields: [{manager: someone}]
                data: {color: blue}
                """);

        assertThatThrownBy(() -> applier.apply(fromGit, ApplyOptions.defaults().withForceConflicts(true))).isInstanceOf(ClusterException.class);

        Request patch = recorder.writes().get(0);
        assertThat(patch.method() + " " + patch.resourcePath()).isEqualTo("PATCH /api/v1/namespaces/shop/configmaps/settings");
        assertThat(patch.query()).containsExactlyInAnyOrder("fieldManager=gitops-sync", "force=true",
                "fieldValidation=Strict");
        assertThat(patch.contentType()).startsWith("application/apply-patch+yaml");
        // server-populated metadata from Git (a dumped object) is stripped; nothing is added
        assertThat(Yaml.JSON.readTree(patch.body())).isEqualTo(Yaml.JSON.readTree("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "namespace": "shop"},
                 "data": {"color": "blue"}}"""));
    }

    @Test
    void dryRunWithoutForceAndWithAnotherManager() {
        // Validate=true: with Validate=false the cluster applier writes client-side (a real server cannot skip the
        // schema in server-side apply, see KubeApiServerApplierTest)
        ApplyOptions options = ApplyOptions.defaults().withForceConflicts(false).withFieldManager("team-a");

        assertThatThrownBy(() -> applier.dryRun(configMap("blue"), options))
                .hasMessageStartingWith("dry-run server-side apply ConfigMap shop/settings");

        assertThat(recorder.writes()).hasSize(1);
        assertThat(recorder.writes().get(0).query()).containsExactlyInAnyOrder("fieldManager=team-a", "dryRun=All",
                "fieldValidation=Strict", "force=false");
    }

    @Test
    void clusterApplierUsesClientSideApplyWhenServerSideIsOff() {
        KubeObject live = applier.apply(configMap("blue"), ApplyOptions.defaults().withServerSide(false));

        assertThat(live.at("/data/color").asText()).isEqualTo("blue");
        assertThat(recorder.writes()).extracting(Request::method).containsExactly("POST");
    }
}
