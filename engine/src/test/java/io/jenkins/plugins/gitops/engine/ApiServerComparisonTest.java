package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackedKindScan;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.testing.RealApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Git and the cluster are compared, on a real kube-apiserver (issue 20, "Comparison"): namespaces on
 * cluster-scoped kinds, kinds the cluster does not serve, resources without a namespace, selective sync by name.
 * Each test works in namespaces of its own on the shared server.
 */
class ApiServerComparisonTest {

    @TempDir
    Path dir;

    KubernetesClient client;
    GitOpsEngine engine;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() {
        client = RealApiServer.client();
        engine = GitOpsEngine.builder().workDir(dir.resolve("engine")).log(log)
                .connection(ClusterConnection.ofClient("in-cluster", null, RealApiServer.newClient()))
                .pollInterval(Duration.ofMillis(100)).build();
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aClusterScopedKindLosesTheNamespaceGitGaveIt() {
        namespace("a20-scope");
        Path app = manifests("scope", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: a20-scope-reader
                  namespace: somewhere-else
                rules:
                - apiGroups: [""]
                  resources: [configmaps]
                  verbs: [get]
                """);
        Application a = application("scope", "a20-scope");

        SyncOutcome synced = engine.sync(a, SyncRequest.manual("test").withLocalDir(app), log);

        assertThat(synced.phase()).as(synced.message()).isEqualTo("Succeeded");
        AppComparison after = engine.compare(a, null, app);
        assertThat(after.error()).isNull();
        assertThat(after.syncStatus()).isEqualTo(SyncStatus.Synced);
        assertThat(after.resources()).extracting(ResourceStatus::key)
                .containsExactly(new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "a20-scope-reader"));
        String trackingId = client.rbac().clusterRoles().withName("a20-scope-reader").get().getMetadata()
                .getAnnotations().get(AnnotationNames.TRACKING_ID);
        assertThat(trackingId).isEqualTo("scope:rbac.authorization.k8s.io/ClusterRole:a20-scope/a20-scope-reader");
    }

    @Test
    void aKindTheClusterDoesNotServeIsMissingAndTheRestIsCompared() {
        namespace("a20-unserved");
        Path app = manifests("unserved", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {a: "1"}
                ---
                apiVersion: a20.example.com/v1
                kind: Widget
                metadata: {name: gadget}
                spec: {size: 3}
                """);
        Application a = application("unserved", "a20-unserved");

        AppComparison before = engine.compare(a, null, app);

        assertThat(before.error()).isNull();
        assertThat(before.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        ResourceStatus widget = resource(before, "Widget");
        assertThat(widget.health()).isEqualTo(HealthStatus.Missing);
        assertThat(widget.healthMessage())
                .contains("does not serve kind Widget (apiVersion a20.example.com/v1)")
                .contains("CustomResourceDefinition installed");
        assertThat(resource(before, "ConfigMap").status()).isEqualTo(SyncStatus.OutOfSync);

        SyncOutcome sync = engine.sync(a, SyncRequest.manual("test").withLocalDir(app), log);

        assertThat(sync.phase()).isIn("Failed", "Error");
        assertThat(sync.message()).contains("Widget").doesNotContain("ResourceDefinitionContext")
                .doesNotContainIgnoringCase("retry later");
        assertThat(sync.resources()).filteredOn(r -> !r.kind().equals("Widget"))
                .allSatisfy(r -> assertThat(r.message()).doesNotContain("ResourceDefinitionContext"));
        assertThat(log.lines()).noneMatch(l -> l.contains("ResourceDefinitionContext"));
    }

    @Test
    void aKindWhoseDefinitionIsInTheSameApplicationIsCreatedBySync() {
        namespace("a20-staged");
        Path app = manifests("staged", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gizmos.a20.example.com}
                spec:
                  group: a20.example.com
                  scope: Namespaced
                  names: {plural: gizmos, singular: gizmo, kind: Gizmo, listKind: GizmoList}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                ---
                apiVersion: a20.example.com/v1
                kind: Gizmo
                metadata: {name: gizmo}
                spec: {size: 3}
                """);
        Application a = application("staged", "a20-staged");

        AppComparison before = engine.compare(a, null, app);
        assertThat(before.error()).isNull();
        assertThat(resource(before, "Gizmo").healthMessage()).contains("created by the sync");

        SyncOutcome sync = engine.sync(a, SyncRequest.manual("test").withLocalDir(app), log);

        assertThat(sync.phase()).as(sync.message()).isEqualTo("Succeeded");
        assertThat(engine.compare(a, null, app).syncStatus()).isEqualTo(SyncStatus.Synced);
    }

    @Test
    void namespacedResourcesWithoutANamespaceAreReportedAndNotSynced() {
        Path app = manifests("nons", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a20-nons-settings}
                data: {a: "1"}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: a20-nons-reader}
                rules: []
                """);
        Application a = application("nons", null);

        AppComparison c = engine.compare(a, null, app);

        assertThat(c.error()).isNull();
        assertThat(c.conditions()).containsExactly(new ComparisonCondition(ComparisonCondition.INVALID_SPEC_ERROR,
                "namespace for ConfigMap a20-nons-settings is missing"));
        SyncOutcome full = engine.sync(a, SyncRequest.manual("test").withLocalDir(app), log);
        assertThat(full.phase()).isEqualTo("Error");
        assertThat(full.message()).contains("namespace for ConfigMap a20-nons-settings is missing");
        assertThat(client.rbac().clusterRoles().withName("a20-nons-reader").get()).isNull();

        SyncOutcome selective = engine.sync(a, SyncRequest.manual("test").withLocalDir(app).withResources(List.of(
                new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "a20-nons-reader"))), log);
        assertThat(selective.phase()).as(selective.message()).isEqualTo("Succeeded");
        assertThat(client.rbac().clusterRoles().withName("a20-nons-reader").get()).isNotNull();
    }

    @Test
    void aSelectedResourceWithoutANamespaceMatchesEveryNamespace() {
        namespace("a20-sel-a");
        namespace("a20-sel-b");
        Path app = manifests("sel", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: a20-sel-b}
                data: {a: "1"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web}
                data: {a: "2"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: other}
                data: {a: "3"}
                """);
        Application a = application("sel", "a20-sel-a");

        SyncOutcome sync = engine.sync(a, SyncRequest.manual("test").withLocalDir(app)
                .withResources(List.of(new ResourceKey("", "ConfigMap", "", "web"))), log);

        assertThat(sync.phase()).as(sync.message()).isEqualTo("Succeeded");
        assertThat(client.configMaps().inNamespace("a20-sel-a").withName("web").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("a20-sel-b").withName("web").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("a20-sel-a").withName("other").get()).isNull();
    }

    @Test
    void aTrackedObjectOfAKindGitDoesNotDeclareIsExtraneousAndPruned() {
        namespace("a20-takeover");
        client.configMaps().inNamespace("a20-takeover").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("leftover").withNamespace("a20-takeover")
                .addToAnnotations(AnnotationNames.TRACKING_ID, "takeover:/ConfigMap:a20-takeover/leftover")
                .endMetadata().addToData("k", "v").build()).serverSideApply();
        Path app = manifests("takeover", """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  ports: [{port: 80}]
                  selector: {app: web}
                """);
        Application a = application("takeover", "a20-takeover");

        AppComparison before = engine.compare(a, null, app);

        assertThat(before.error()).isNull();
        ResourceStatus leftover = resource(before, "ConfigMap");
        assertThat(leftover.requiresPruning()).isTrue();
        assertThat(leftover.status()).isEqualTo(SyncStatus.OutOfSync);

        SyncOutcome sync = engine.sync(a, SyncRequest.manual("test").withPrune(true).withLocalDir(app), log);

        assertThat(sync.phase()).as(sync.message()).isEqualTo("Succeeded");
        assertThat(sync.resources()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("leftover");
            assertThat(r.status()).isEqualTo("Pruned");
        });
        // foreground deletion: without kube-controller-manager the finalizer stays, the deletion is requested
        assertThat(client.configMaps().inNamespace("a20-takeover").withName("leftover").get())
                .matches(cm -> cm == null || cm.getMetadata().getDeletionTimestamp() != null);
    }

    @Test
    void theControllersOneScanPerClusterFindsWhatEachApplicationsOwnScanFinds() {
        namespace("a14-scan");
        client.configMaps().inNamespace("a14-scan").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("of-a").withNamespace("a14-scan")
                .addToAnnotations(AnnotationNames.TRACKING_ID, "scan-a:/ConfigMap:a14-scan/of-a")
                .endMetadata().addToData("k", "v").build()).serverSideApply();
        client.secrets().inNamespace("a14-scan").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("of-b").withNamespace("a14-scan")
                .addToAnnotations(AnnotationNames.TRACKING_ID, "scan-b:/Secret:a14-scan/of-b")
                .endMetadata().addToStringData("k", "v").build()).serverSideApply();
        GroupVersionKind configMap = new GroupVersionKind("", "v1", "ConfigMap");
        GroupVersionKind secret = new GroupVersionKind("", "v1", "Secret");
        try (ClusterConnection connection = ClusterConnection.ofClient("in-cluster", null, RealApiServer.newClient());
                LiveStateSource.Watching watching = LiveStateSource.watching(log)) {
            TrackedKindScan scan = new TrackedKindScan(connection.client(), connection.discovery(), log);

            Map<String, Set<GroupVersionKind>> byApp = scan.kindsByApp(TrackingMethod.Annotation);

            assertThat(byApp.get("scan-a")).contains(configMap).doesNotContain(secret);
            assertThat(byApp.get("scan-b")).contains(secret).doesNotContain(configMap);
            for (String app : List.of("scan-a", "scan-b", "scan-nobody")) {
                assertThat(watching.trackedKinds(connection, app, TrackingMethod.Annotation, log))
                        .as(app).isEqualTo(scan.kindsTrackedBy(app, TrackingMethod.Annotation));
            }
            // a comparison lists the kinds Git declares in full: the scan leaves them out and finds the others
            assertThat(scan.kindsTrackedBy("scan-a", TrackingMethod.Annotation, () -> Set.of(configMap)))
                    .doesNotContain(configMap);
            assertThat(scan.kindsTrackedBy("scan-b", TrackingMethod.Annotation, () -> Set.of(configMap)))
                    .contains(secret);
            assertThat(scan.kindsTrackedBy("scan-a", TrackingMethod.Annotation, () -> {
                throw new IllegalStateException("render failed");
            })).as("a failed supplier leaves nothing out").contains(configMap);
        }
    }

    static ResourceStatus resource(AppComparison c, String kind) {
        return c.resources().stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow();
    }

    void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .serverSideApply();
    }

    Path manifests(String name, String yaml) {
        Path app = dir.resolve("repo").resolve(name);
        try {
            Files.createDirectories(app);
            Files.writeString(app.resolve("manifests.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return app;
    }

    static Application application(String name, String namespace) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: 'https://git.example.com/deploy.git', targetRevision: HEAD, path: %s}
                  destination:
                    server: https://kubernetes.default.svc
                %s
                """.formatted(name, name, namespace == null ? "" : "    namespace: " + namespace), name + ".yaml");
    }

    /** Progress and warnings, kept for assertions. */
    static final class RecordingLog implements EngineLog {
        private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        List<String> lines() {
            return lines;
        }
    }
}
