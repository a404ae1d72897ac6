package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery;
import io.jenkins.plugins.gitops.engine.cluster.ApiResource;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TokenKubeconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot command's faster reads on the harness's real kube-apiserver give what the slower ones gave: aggregated
 * discovery (two requests) the same kinds as one request per group version, and the concurrent plain-JSON listing the
 * same objects, field for field, as fabric8's typed listing one kind after the other.
 */
class OneShotReadsOnHarnessTest {

    @Test
    void aggregatedDiscoveryServesTheKindsThatPerGroupVersionDiscoveryServes() {
        HarnessCluster cluster = HarnessCluster.get();
        try (ClusterConnection c = ClusterConnection.fromKubeconfig("harness", cluster.kubeconfig(), null)) {
            List<ApiResource> aggregated = c.discovery().serverResources();
            // what the per-group-version path sees: a discovery that can only ask the typed endpoints
            KubernetesClient client = c.client();
            Set<String> perGroupVersion = new TreeSet<>();
            perGroupVersion.addAll(describe(client.getApiResources("v1").getResources(), "", "v1"));
            for (var g : client.getApiGroups().getGroups()) {
                String v = g.getPreferredVersion().getVersion();
                perGroupVersion.addAll(describe(client.getApiResources(g.getName() + "/" + v).getResources(),
                        g.getName(), v));
            }
            Set<String> found = new TreeSet<>();
            aggregated.forEach(r -> found.add(describe(r)));
            assertThat(found).isEqualTo(perGroupVersion).contains("apps/v1 Deployment deployments namespaced "
                    + "[create, delete, deletecollection, get, list, patch, update, watch]");
            ApiDiscovery fresh = c.discovery();
            assertThat(fresh.resolve("apps/v1", "Deployment").plural()).isEqualTo("deployments");
            assertThat(fresh.resolve(new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "x"))
                    .namespaced()).isFalse();
        }
    }

    @Test
    void concurrentPlainListingReadsTheObjectsTheTypedListingReads() {
        HarnessCluster cluster = HarnessCluster.get();
        KubernetesClient k = cluster.client();
        String ns = cluster.freshNamespace("oneshot");
        for (int i = 0; i < 3; i++) {
            k.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("cm-" + i)
                    .withAnnotations(Map.of("argocd.argoproj.io/tracking-id", "app:/ConfigMap:" + ns + "/cm-" + i))
                    .endMetadata().withData(Map.of("k", "v" + i, "n", "1")).build()).create();
        }
        k.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata().withName("web")
                .withLabels(Map.of("app.kubernetes.io/instance", "app")).endMetadata().withNewSpec().withReplicas(0)
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector().withNewTemplate()
                .withNewMetadata().withLabels(Map.of("app", "web")).endMetadata().withNewSpec().addNewContainer()
                .withName("c").withImage("example.invalid/web:1").addNewPort().withContainerPort(8080).endPort()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        List<GroupVersionKind> kinds = List.of(GroupVersionKind.of("v1", "ConfigMap"),
                GroupVersionKind.of("apps/v1", "Deployment"));
        // kube-controller-manager gives the Deployment a ReplicaSet and writes statuses: the two listings must see
        // the same objects, so they start once nothing in the namespace has changed for a while
        awaitQuiet(k, ns);
        try (ClusterConnection c = ClusterConnection.fromKubeconfig("harness", cluster.kubeconfig(), null)) {
            LiveStateLister typed = new LiveStateLister(c.client(), null, kinds);
            LiveStateLister plain = new LiveStateLister(c.client(), null, kinds, LiveStateCache.DEFAULT_CHILD_KINDS,
                    gvk -> c.discovery().find(gvk.apiVersion(), gvk.kind())).prefetch();
            for (TrackingMethod method : TrackingMethod.values()) {
                Map<ResourceKey, KubeObject> expected = inNamespace(typed.managedObjects("app", method), ns);
                Map<ResourceKey, KubeObject> actual = inNamespace(plain.managedObjects("app", method), ns);
                assertThat(actual.keySet()).isEqualTo(expected.keySet());
                for (ResourceKey key : expected.keySet()) {
                    assertThat(Yaml.json(sorted(actual.get(key).node())))
                            .as(key.toString()).isEqualTo(Yaml.json(sorted(expected.get(key).node())));
                    assertThat(actual.get(key).apiVersion()).isEqualTo(expected.get(key).apiVersion());
                }
            }
            assertThat(inNamespace(plain.managedObjects("app", TrackingMethod.Annotation), ns)).hasSize(3);
            String uid = k.apps().deployments().inNamespace(ns).withName("web").get().getMetadata().getUid();
            assertThat(plain.childrenOf(uid).stream().map(KubeObject::key).toList())
                    .isEqualTo(typed.childrenOf(uid).stream().map(KubeObject::key).toList());
            assertThat(plain.snapshot("app", TrackingMethod.Annotation).complete()).isTrue();
        }
    }

    /** A kind the server does not serve: the plain listing falls back to the typed one and reports it the same way. */
    @Test
    void anUnservedKindIsReportedAsTheTypedListingReportsIt() {
        HarnessCluster cluster = HarnessCluster.get();
        List<GroupVersionKind> kinds = List.of(GroupVersionKind.of("example.com/v1", "Widget"));
        try (ClusterConnection c = ClusterConnection.fromKubeconfig("harness", cluster.kubeconfig(), null)) {
            LiveSnapshot typed = new LiveStateLister(c.client(), null, kinds).snapshot("app", TrackingMethod.Annotation);
            LiveSnapshot plain = new LiveStateLister(c.client(), null, kinds, Set.of(),
                    gvk -> c.discovery().find(gvk.apiVersion(), gvk.kind())).prefetch()
                    .snapshot("app", TrackingMethod.Annotation);
            assertThat(plain.complete()).isFalse();
            assertThat(plain.problemSummary()).isEqualTo(typed.problemSummary());
            assertThat(Optional.ofNullable(plain.problemSummary())).isPresent();
        }
    }

    /**
     * A kind the account may not list: the plain listing is refused (403), and the typed listing asks once more and
     * words the problem. That second, blocking listing once ran in the refused request's callback, on the HTTP
     * client's thread that reads the connection, and so waited for an answer only that thread could read: the lister
     * hung for good (about every other run of {@code ApiServerOutageTest}, and a whole CI run). Several rounds, each
     * bounded in time.
     */
    @Test
    void aKindTheAccountMayNotListIsReportedAndNeverHangsTheLister(@TempDir Path dir) throws Exception {
        HarnessCluster cluster = HarnessCluster.get();
        String ns = cluster.freshNamespace("refused");
        cluster.kubectl("-n", ns, "create", "serviceaccount", "lister");
        cluster.kubectl("create", "clusterrole", ns, "--verb=get,list,watch",
                "--resource=configmaps,deployments,replicasets,pods");
        cluster.kubectl("create", "clusterrolebinding", ns, "--clusterrole=" + ns,
                "--serviceaccount=" + ns + ":lister");
        Path kubeconfig = dir.resolve("lister.kubeconfig");
        Files.writeString(kubeconfig, TokenKubeconfig.of(cluster.kubeconfig(),
                cluster.kubectl("-n", ns, "create", "token", "lister").trim(), ns));
        List<GroupVersionKind> kinds = List.of(GroupVersionKind.of("v1", "ConfigMap"),
                GroupVersionKind.of("v1", "Secret"), GroupVersionKind.of("apps/v1", "Deployment"));
        try (ClusterConnection c = ClusterConnection.fromKubeconfig("limited", kubeconfig, null)) {
            for (int round = 1; round <= 12; round++) {
                LiveSnapshot snapshot = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new LiveStateLister(
                        c.client(), null, kinds, LiveStateCache.DEFAULT_CHILD_KINDS,
                        gvk -> c.discovery().find(gvk.apiVersion(), gvk.kind())).prefetch()
                        .snapshot("app", TrackingMethod.Annotation), "round " + round);
                assertThat(snapshot.complete()).isFalse();
                assertThat(snapshot.problemSummary()).as("round " + round).contains("Secret").contains("forbidden")
                        .doesNotContain("ConfigMap").doesNotContain("Deployment");
            }
        } finally {
            cluster.kubectl("delete", "clusterrolebinding,clusterrole", ns);
        }
    }

    /** Waits (at most 30 s) until the Deployments and ReplicaSets of {@code ns} kept their versions for 2 s. */
    private static void awaitQuiet(KubernetesClient k, String ns) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String last = null;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String versions = k.apps().deployments().inNamespace(ns).list().getItems().stream()
                    .map(d -> d.getMetadata().getName() + "@" + d.getMetadata().getResourceVersion())
                    .sorted().collect(Collectors.joining(",")) + ";" + k.apps().replicaSets().inNamespace(ns).list()
                    .getItems().stream().map(r -> r.getMetadata().getName() + "@" + r.getMetadata().getResourceVersion())
                    .sorted().collect(Collectors.joining(","));
            if (!versions.equals(last)) {
                last = versions;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 2_000_000_000L) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<ResourceKey, KubeObject> inNamespace(Map<ResourceKey, KubeObject> all, String ns) {
        return new TreeMap<>(all.entrySet().stream().filter(e -> e.getKey().namespace().equals(ns))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(n -> out.set(n, sorted(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    private static List<String> describe(List<io.fabric8.kubernetes.api.model.APIResource> resources, String group,
            String version) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (var r : resources) {
            if (r.getName().contains("/") || !seen.add(r.getKind())) {
                continue;
            }
            out.add(describe(new ApiResource(group, version, r.getKind(), r.getName(),
                    Boolean.TRUE.equals(r.getNamespaced()), r.getVerbs())));
        }
        return out;
    }

    private static String describe(ApiResource r) {
        return r.apiVersion() + " " + r.kind() + " " + r.plural() + " " + (r.namespaced() ? "namespaced"
                : "cluster-scoped") + " " + new TreeSet<>(r.verbs());
    }
}
