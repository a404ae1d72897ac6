package io.jenkins.plugins.gitops.engine.sync.run;

import static io.jenkins.plugins.gitops.engine.sync.run.SyncOperationTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.cluster.ServerSideApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.SyncOptions;
import io.jenkins.plugins.gitops.engine.sync.SyncPlan;
import io.jenkins.plugins.gitops.engine.sync.SyncPlanner;
import io.jenkins.plugins.gitops.engine.sync.SyncRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same execution against a real kube-apiserver (fabric8 kube-api-test: etcd + kube-apiserver, no controllers),
 * with {@link ServerSideApplier}, so that server-side apply, real server-side dry runs (which persist nothing and
 * reject invalid objects) and CRD establishment are exercised for real. The binaries are never downloaded: the test
 * runs only when they are present in {@code $KUBE_API_TEST_DIR}, {@code ~/.kube_api_test} or kube-api-test's own
 * {@code ~/.kubeapitest} (a {@code k8s/<version>} directory inside), and is skipped otherwise. Without controllers
 * nothing with a rollout becomes healthy, so the scenario uses kinds without health (Namespace, ConfigMap, CRD, custom
 * resources).
 */
class KubeApiServerSyncTest {

    static KubeAPIServer apiServer;
    static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        Optional<Path> dir = binariesDir();
        if (dir.isEmpty()) {
            return;
        }
        apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(dir.get().toString()).withOfflineMode(true).withUpdateKubeConfig(false).build());
        apiServer.start();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
                .build();
    }

    @BeforeEach
    void requireApiServer() {
        Assumptions.assumeTrue(apiServer != null, "kube-api-test binaries not found (set KUBE_API_TEST_DIR or put"
                + " them in ~/.kube_api_test/k8s/<version>); this test never downloads them, so it is skipped");
    }

    @AfterAll
    static void stopApiServer() {
        if (client != null) {
            client.close();
        }
        if (apiServer != null) {
            apiServer.stop();
        }
    }

    static Optional<Path> binariesDir() {
        return Stream.of(System.getenv("KUBE_API_TEST_DIR"),
                        System.getProperty("user.home") + File.separator + ".kube_api_test",
                        System.getProperty("user.home") + File.separator + ".kubeapitest")
                .filter(s -> s != null && !s.isBlank())
                .map(Path::of)
                .filter(p -> hasBinaries(p.resolve("k8s")))
                .findFirst();
    }

    private static boolean hasBinaries(Path k8s) {
        try (Stream<Path> versions = Files.list(k8s)) {
            return versions.anyMatch(v -> Files.isExecutable(v.resolve("kube-apiserver"))
                    && Files.isExecutable(v.resolve("etcd")));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    ResourceApplier applier() {
        String server = client.getConfiguration().getMasterUrl();
        return new ServerSideApplier(client, new ApiDiscovery(client, server, null), server, null);
    }

    SyncPlan plan(String scenario, String namespace) {
        ResourceApplier applier = applier();
        List<KubeObject> desired = Scenario.manifests(scenario).stream().map(o -> o.node().deepCopy())
                .map(n -> {
                    if (n.path("metadata").has("namespace")) {
                        n.with("metadata").put("namespace", namespace);
                    }
                    return new KubeObject(n, scenario + ".yaml");
                }).toList();
        Map<ResourceKey, KubeObject> live = new LinkedHashMap<>();
        for (KubeObject o : desired) {
            try {
                applier.get(o.key()).ifPresent(l -> live.put(l.key(), l));
            } catch (io.jenkins.plugins.gitops.engine.cluster.ClusterException e) {
                // kind not served yet
            }
        }
        return new SyncPlanner().plan(SyncRequest.builder("shop").desired(desired).live(live)
                .appOptions(SyncOptions.fromApplication(List.of("CreateNamespace=true")))
                .destinationNamespace(namespace).revision(MockClusterFixture.REVISION).build()).requireValid();
    }

    SyncContext context(RecordingLog log) {
        return SyncContext.builder(applier()).log(log).pollInterval(Duration.ofMillis(200))
                .operationTimeout(Duration.ofMinutes(2)).build();
    }

    @Test
    void crdAndCustomResourcesAreStagedAndAppliedServerSideOnARealApiServer() {
        RecordingLog log = new RecordingLog();

        OperationResult result = new SyncOperation().run(plan("crd", "real-crd"), context(log));

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.Succeeded);
        assertThat(log.containing("dry run skipped")).hasSize(2);
        KubeObject widget = applier().get(key("example.com", "Widget", "real-crd", "green")).orElseThrow();
        assertThat(widget.at("/spec/size").asInt()).isEqualTo(5);
        assertThat(widget.metadata().path("managedFields").findValuesAsText("manager")).contains("gitops-sync");
    }

    @Test
    void dryRunFailureOnARealApiServerAppliesNothing() {
        RecordingLog log = new RecordingLog();
        // an existing namespace: objects in a namespace the sync itself creates can only be checked when applied
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("real-invalid").endMetadata().build()).create();
        SyncPlan plan = plan("real-invalid", "real-invalid");

        OperationResult result = new SyncOperation().run(plan, context(log));

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).startsWith("one or more objects failed to apply (dry run)");
        assertThat(applier().get(key("", "ConfigMap", "real-invalid", "valid"))).isEmpty();
        assertThat(result.results()).singleElement().satisfies(r -> assertThat(r.message()).contains("70000"));
    }

    static List<KubeObject> configMaps(String namespace, String... nameAndColor) {
        List<KubeObject> out = new java.util.ArrayList<>();
        for (int i = 0; i < nameAndColor.length; i += 2) {
            out.add(SyncOperationTestSupport.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: %s, namespace: %s},"
                    .formatted(nameAndColor[i], namespace) + " data: {color: " + nameAndColor[i + 1] + "}}"));
        }
        return out;
    }

    SyncPlan planFor(List<KubeObject> desired, ResourceApplier applier, boolean dryRun,
            Map<String, io.jenkins.plugins.gitops.engine.model.SyncStatus> statusByName) {
        Map<ResourceKey, KubeObject> live = new LinkedHashMap<>();
        Map<ResourceKey, io.jenkins.plugins.gitops.engine.model.SyncStatus> status = new LinkedHashMap<>();
        for (KubeObject o : desired) {
            applier.get(o.key()).ifPresent(l -> live.put(l.key(), l));
            if (statusByName.containsKey(o.name())) {
                status.put(o.key(), statusByName.get(o.name()));
            }
        }
        return new SyncPlanner().plan(SyncRequest.builder("shop").desired(desired).live(live).syncStatus(status)
                .appOptions(SyncOptions.DEFAULTS).dryRun(dryRun).destinationNamespace(desired.get(0).namespace())
                .revision(MockClusterFixture.REVISION).build()).requireValid();
    }

    @Test
    void aReSyncAppliesEveryResourceButDryRunsOnlyThoseThatDidNotCompareSynced() {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("resync").endMetadata().build()).create();
        CountingApplier first = new CountingApplier(applier());
        List<KubeObject> v1 = configMaps("resync", "alpha", "blue", "beta", "blue", "gamma", "blue");
        OperationResult created = new SyncOperation().run(planFor(v1, first, false, Map.of()),
                SyncContext.builder(first).log(new RecordingLog()).build());
        assertThat(created.phase()).as(created.message()).isEqualTo(OperationPhase.Succeeded);
        assertThat(first.dryRuns).as("creates are dry-run first").containsExactlyInAnyOrder("alpha", "beta", "gamma");

        // Git changed gamma; the comparison found alpha and beta Synced
        CountingApplier again = new CountingApplier(applier());
        List<KubeObject> v2 = configMaps("resync", "alpha", "blue", "beta", "blue", "gamma", "red");
        OperationResult resynced = new SyncOperation().run(planFor(v2, again, false, Map.of(
                        "alpha", io.jenkins.plugins.gitops.engine.model.SyncStatus.Synced,
                        "beta", io.jenkins.plugins.gitops.engine.model.SyncStatus.Synced,
                        "gamma", io.jenkins.plugins.gitops.engine.model.SyncStatus.OutOfSync)),
                SyncContext.builder(again).log(new RecordingLog()).build());

        assertThat(resynced.phase()).as(resynced.message()).isEqualTo(OperationPhase.Succeeded);
        assertThat(again.dryRuns).containsExactly("gamma");
        assertThat(again.writes).containsExactlyInAnyOrder("alpha", "beta", "gamma");
        assertThat(applier().get(key("", "ConfigMap", "resync", "gamma")).orElseThrow().at("/data/color").asText())
                .isEqualTo("red");
        assertThat(resynced.results()).hasSize(3).allSatisfy(r -> assertThat(r.message()).doesNotContain("dry run"));

        // a dry-run operation asks the server about everything, Synced or not
        CountingApplier checked = new CountingApplier(applier());
        OperationResult dry = new SyncOperation().run(planFor(v2, checked, true, Map.of(
                        "alpha", io.jenkins.plugins.gitops.engine.model.SyncStatus.Synced,
                        "beta", io.jenkins.plugins.gitops.engine.model.SyncStatus.Synced,
                        "gamma", io.jenkins.plugins.gitops.engine.model.SyncStatus.Synced)),
                SyncContext.builder(checked).log(new RecordingLog()).build());
        assertThat(dry.phase()).isEqualTo(OperationPhase.Succeeded);
        assertThat(checked.dryRuns).containsExactlyInAnyOrder("alpha", "beta", "gamma");
        assertThat(checked.writes).isEmpty();
    }
}
