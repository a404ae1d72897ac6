package io.jenkins.plugins.gitops.engine.cluster;

import static io.jenkins.plugins.gitops.engine.cluster.ClientSideApplierTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The appliers against a real kube-apiserver + etcd started by fabric8 kube-api-test: what the CRUD mock cannot show
 * (server-side apply, field ownership, dry runs that persist nothing, strict field validation).
 *
 * <p>Runs only when the binaries are already on disk: {@code $KUBE_API_TEST_DIR}, {@code ~/.kubeapitest} (the
 * library's default) or {@code ~/.kube_api_test}, each holding {@code k8s/<version>-<os>-<arch>/} with
 * {@code kube-apiserver}, {@code etcd} and {@code kubectl}. Offline mode is forced, so nothing is ever downloaded;
 * without binaries every test is skipped with a message saying where they were looked for. There is no
 * controller-manager, hence no garbage collector: deletes with propagation are covered by the mock tests.
 */
class KubeApiServerApplierTest {

    private static KubeAPIServer apiServer;
    private static KubernetesClient client;
    private static ClusterConnection connection;
    private static ClusterApplier applier;
    private static String skipReason;

    @BeforeAll
    static void startApiServer() {
        List<Path> candidates = candidateDirs();
        Optional<Path> dir = candidates.stream().filter(KubeApiServerApplierTest::hasBinaries).findFirst();
        if (dir.isEmpty()) {
            skipReason = "kube-api-test binaries not found (looked for k8s/<version>-<os>-<arch>/"
                    + "{kube-apiserver,etcd,kubectl} under " + candidates + "); skipping real API server tests."
                    + " Set KUBE_API_TEST_DIR to run them.";
            return;
        }
        apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(dir.get().toString())
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build());
        apiServer.start();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml())).build();
        connection = ClusterConnection.ofClient("kube-api-test", null, client);
        applier = ClusterApplier.forConnection(connection);
        applier.apply(yaml("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"), ApplyOptions.defaults());
    }

    /** Per test, so that every test is reported as skipped with the reason (a class-level skip loses it). */
    @BeforeEach
    void requireApiServer() {
        assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    static void stopApiServer() {
        if (connection != null) {
            connection.close();
        }
        if (apiServer != null) {
            apiServer.stop();
        }
    }

    @Test
    void serverSideApplyOwnsFieldsAndRemovesWhatGitDropped() {
        applier.apply(configMap("ssa", "{color: blue, size: large}"), ApplyOptions.defaults());
        // another manager adds a key; server-side apply must leave it alone
        client.configMaps().inNamespace("shop").withName("ssa").edit(cm -> {
            cm.getData().put("extra", "kept");
            return cm;
        });

        KubeObject live = applier.apply(configMap("ssa", "{color: green}"), ApplyOptions.defaults());

        assertThat(live.node().get("data")).isEqualTo(yaml("{color: green, extra: kept}").node());
        assertThat(managers(live)).contains("gitops-sync");
    }

    @Test
    void conflictsWithAnotherManagerAreReportedUnlessForced() {
        applier.apply(configMap("contested", "{color: blue}"), ApplyOptions.defaults());
        // a person changes a field we own (an Update by another manager takes it over)
        client.configMaps().inNamespace("shop").withName("contested").edit(cm -> {
            cm.getData().put("color", "red");
            return cm;
        });

        assertThatThrownBy(() -> applier.apply(configMap("contested", "{color: blue}"), ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.CONFLICT))
                .hasMessageContaining("conflict");
        KubeObject taken = applier.apply(configMap("contested", "{color: blue}"),
                ApplyOptions.defaults().withForceConflicts(true));
        assertThat(taken.node().at("/data/color").asText()).isEqualTo("blue");
    }

    @Test
    void serverSideDryRunPersistsNothing() {
        KubeObject preview = applier.dryRun(configMap("dry-new", "{color: blue}"), ApplyOptions.defaults());
        assertThat(preview.at("/data/color").asText()).isEqualTo("blue");
        assertThat(applier.get(key("dry-new"))).isEmpty();

        applier.apply(configMap("dry-existing", "{color: blue}"), ApplyOptions.defaults());
        applier.dryRun(configMap("dry-existing", "{color: red}"), ApplyOptions.defaults());
        assertThat(applier.get(key("dry-existing")).orElseThrow().at("/data/color").asText()).isEqualTo("blue");
    }

    @Test
    void clientSideDryRunPersistsNothing() {
        ApplyOptions csa = ApplyOptions.defaults().withServerSide(false);
        applier.dryRun(configMap("csa-dry", "{color: blue}"), csa);
        assertThat(applier.get(key("csa-dry"))).isEmpty();

        applier.apply(configMap("csa-dry", "{color: blue}"), csa);
        applier.dryRun(configMap("csa-dry", "{color: red}"), csa);
        assertThat(applier.get(key("csa-dry")).orElseThrow().at("/data/color").asText()).isEqualTo("blue");
    }

    @Test
    void clientSideApplyKeepsWhatOthersAddedOnARealServer() {
        ApplyOptions csa = ApplyOptions.defaults().withServerSide(false);
        applier.apply(configMap("csa", "{color: blue, size: large}"), csa);
        client.configMaps().inNamespace("shop").withName("csa").edit(cm -> {
            cm.getData().put("extra", "kept");
            return cm;
        });

        KubeObject live = applier.apply(configMap("csa", "{color: green}"), csa);

        assertThat(live.node().get("data")).isEqualTo(yaml("{color: green, extra: kept}").node());
    }

    @Test
    void strictValidationRejectsUnknownFieldsUnlessValidateIsFalse() {
        KubeObject typo = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: typo, namespace: shop}
                dataa: {color: blue}
                """);

        assertThatThrownBy(() -> applier.apply(typo, ApplyOptions.defaults()))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("ConfigMap shop/typo")
                .hasMessageContaining("dataa");
        assertThat(applier.apply(typo, ApplyOptions.defaults().withValidate(false)).name()).isEqualTo("typo");
    }

    @Test
    void serverSideApplyCannotSkipTheSchemaAndSaysSoWithoutRetryLater() {
        KubeObject typo = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: typo-ssa, namespace: shop}
                dataa: {color: blue}
                """);
        ServerSideApplier serverSideOnly = ServerSideApplier.forConnection(connection);

        assertThatThrownBy(() -> serverSideOnly.apply(typo, ApplyOptions.defaults().withValidate(false)))
                .isInstanceOfSatisfying(ClusterException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.REJECTED))
                .hasMessageContaining("field not declared in schema")
                .hasMessageContaining("Validate=false")
                .hasMessageNotContaining("retry later");
        assertThat(ClusterApplier.usesClientSide(ApplyOptions.defaults().withValidate(false))).isTrue();
        assertThat(applier.apply(typo, ApplyOptions.defaults().withValidate(false)).node().has("dataa")).isFalse();
    }

    @Test
    void anUpdateThroughTheScaleSubresourceConflictsUntilForced() {
        applier.apply(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: scaled, namespace: shop}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: scaled}}
                  template:
                    metadata: {labels: {app: scaled}}
                    spec: {containers: [{name: web, image: nginx}]}
                """), ApplyOptions.defaults());
        client.apps().deployments().inNamespace("shop").withName("scaled").scale(3);
        KubeObject git = applier.get(new ResourceKey("apps", "Deployment", "shop", "scaled")).orElseThrow();
        var desired = git.mutableCopy();
        desired.with("metadata").remove(List.of("managedFields", "resourceVersion", "uid", "creationTimestamp"));
        desired.remove("status");
        desired.with("spec").put("replicas", 2);

        assertThatThrownBy(() -> applier.apply(new KubeObject(desired, "web.yaml"), ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.CONFLICT))
                .hasMessageContaining("subresource \"scale\"").hasMessageContaining(".spec.replicas");
        KubeObject taken = applier.apply(new KubeObject(desired, "web.yaml"),
                ApplyOptions.defaults().withForceConflicts(true));
        assertThat(taken.at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void forcedReplaceRecreatesTheObject() {
        String before = applier.apply(configMap("recreated", "{color: blue}"), ApplyOptions.defaults()).uid();

        KubeObject after = applier.replace(configMap("recreated", "{color: red}"), true, ApplyOptions.defaults());

        assertThat(after.uid()).isNotEqualTo(before);
        assertThat(after.at("/data/color").asText()).isEqualTo("red");
    }

    private static List<String> managers(KubeObject live) {
        List<String> out = new ArrayList<>();
        live.metadata().path("managedFields").forEach(f -> out.add(f.path("manager").asText()));
        return out;
    }

    private static ResourceKey key(String name) {
        return new ResourceKey("", "ConfigMap", "shop", name);
    }

    private static KubeObject configMap(String name, String data) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: %s, namespace: shop}, data: %s}"
                .formatted(name, data));
    }

    static List<Path> candidateDirs() {
        List<Path> out = new ArrayList<>();
        String env = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
        }
        String home = System.getProperty("user.home");
        out.add(Path.of(home, KubeAPIServerConfigBuilder.DIRECTORY_NAME));
        out.add(Path.of(home, ".kube_api_test"));
        return out;
    }

    static boolean hasBinaries(Path dir) {
        Path k8s = dir.resolve("k8s");
        if (!Files.isDirectory(k8s)) {
            return false;
        }
        try (Stream<Path> versions = Files.list(k8s)) {
            return versions.anyMatch(v -> Stream.of("kube-apiserver", "etcd", "kubectl")
                    .allMatch(b -> new File(v.toFile(), b).canExecute()));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
