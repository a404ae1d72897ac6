package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceTreeBuilderTest {

    private static final String DEPLOYMENT_UID = "d0000000-0000-4000-8000-000000000001";
    private static final String SERVICE_UID = "50000000-0000-4000-8000-000000000001";
    private static final String NEW_RS_UID = "r0000000-0000-4000-8000-000000000002";
    private static final String OLD_RS_UID = "r0000000-0000-4000-8000-000000000001";

    private final ResourceTreeBuilder builder = new ResourceTreeBuilder();

    private static KubeObject obj(String yaml) {
        try {
            return KubeObject.of((ObjectNode) Yaml.YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String owner(String kind, String name, String uid) {
        return """
                  ownerReferences:
                  - {apiVersion: apps/v1, kind: %s, name: %s, uid: %s, controller: true}
                """.formatted(kind, name, uid);
    }

    private static final KubeObject SERVICE = obj("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop, uid: %s}
            spec: {type: ClusterIP, selector: {app: web}}
            """.formatted(SERVICE_UID));

    private static final KubeObject DEPLOYMENT = obj("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, uid: %s, generation: 2}
            spec: {replicas: 2}
            status: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 1}
            """.formatted(DEPLOYMENT_UID));

    private static final KubeObject NEW_RS = obj("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-7d9f
              namespace: shop
              uid: %s
            %s
            spec: {replicas: 2}
            status: {replicas: 2, availableReplicas: 1}
            """.formatted(NEW_RS_UID, owner("Deployment", "web", DEPLOYMENT_UID)));

    private static final KubeObject OLD_RS = obj("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-5c4b
              namespace: shop
              uid: %s
            %s
            spec: {replicas: 0}
            status: {replicas: 0}
            """.formatted(OLD_RS_UID, owner("Deployment", "web", DEPLOYMENT_UID)));

    private static KubeObject pod(String name, String ownerUid, boolean ready) {
        return obj("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: shop
                  uid: pod-%s
                %s
                spec: {restartPolicy: Always}
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "%s"}]
                """.formatted(name, name, owner("ReplicaSet", "web-7d9f", ownerUid), ready ? "True" : "False"));
    }

    private static final KubeObject ENDPOINT_SLICE = obj("""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-abc12
              namespace: shop
              uid: es-1
              ownerReferences:
              - {apiVersion: v1, kind: Service, name: web, uid: %s, controller: true}
            addressType: IPv4
            """.formatted(SERVICE_UID));

    /** Endpoints carry no ownerReference to their Service: they must not be linked by name. */
    private static final KubeObject ENDPOINTS = obj("""
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web, namespace: shop, uid: ep-1}
            """);

    private static List<ResourceTreeBuilder.Managed> managed(KubeObject... live) {
        return java.util.Arrays.stream(live)
                .map(o -> new ResourceTreeBuilder.Managed(o.key(), o, SyncStatus.Synced, false))
                .toList();
    }

    @Test
    void ownerChainServiceDeploymentReplicaSetPod() {
        ResourceTree tree = builder.build(
                managed(DEPLOYMENT, SERVICE),
                List.of(pod("web-7d9f-b", NEW_RS_UID, false), NEW_RS, ENDPOINTS, pod("web-7d9f-a", NEW_RS_UID, true),
                        OLD_RS, ENDPOINT_SLICE));

        assertThat(tree.getRows()).extracting(r -> r.getDepth() + " " + r.getNode().getKind() + " " + r.getNode().getName())
                .containsExactly(
                        "0 Deployment web",
                        "1 ReplicaSet web-5c4b",
                        "1 ReplicaSet web-7d9f",
                        "2 Pod web-7d9f-a",
                        "2 Pod web-7d9f-b",
                        "0 Service web",
                        "1 EndpointSlice web-abc12");
    }

    @Test
    void nodesCarrySyncAndHealth() {
        ResourceTree tree = builder.build(managed(DEPLOYMENT, SERVICE),
                List.of(NEW_RS, pod("web-7d9f-a", NEW_RS_UID, true), pod("web-7d9f-b", NEW_RS_UID, false), ENDPOINT_SLICE));

        ResourceNode deployment = tree.getRoots().get(0);
        assertThat(deployment.getGroup()).isEqualTo("apps");
        assertThat(deployment.getVersion()).isEqualTo("v1");
        assertThat(deployment.getNamespace()).isEqualTo("shop");
        assertThat(deployment.getSyncStatus()).isEqualTo(SyncStatus.Synced);
        assertThat(deployment.isManaged()).isTrue();
        assertThat(deployment.getHealthStatus()).isEqualTo(HealthStatus.Progressing);
        assertThat(deployment.getHealthMessage()).isEqualTo("Waiting for rollout to finish: 1 of 2 updated replicas are available...");

        ResourceNode rs = deployment.getChildren().get(0);
        assertThat(rs.getSyncStatus()).isNull();
        assertThat(rs.isManaged()).isFalse();
        assertThat(rs.getHealthStatus()).isEqualTo(HealthStatus.Progressing);
        assertThat(rs.getChildren()).extracting(ResourceNode::getHealthStatus)
                .containsExactly(HealthStatus.Healthy, HealthStatus.Progressing);

        ResourceNode slice = tree.find(new ResourceKey("discovery.k8s.io", "EndpointSlice", "shop", "web-abc12")).orElseThrow();
        assertThat(slice.getHealthStatus()).as("EndpointSlice reports no health").isNull();
        assertThat(slice.getHealthMessage()).isEmpty();
    }

    @Test
    void missingResourceIsAMissingRootWithoutChildren() {
        ResourceKey cmKey = new ResourceKey("", "ConfigMap", "shop", "settings");
        ResourceTree tree = builder.build(
                List.of(new ResourceTreeBuilder.Managed(cmKey, null, SyncStatus.OutOfSync, false)), List.of(NEW_RS));

        assertThat(tree.getRoots()).hasSize(1);
        ResourceNode cm = tree.getRoots().get(0);
        assertThat(cm.getKey()).isEqualTo(cmKey);
        assertThat(cm.getHealthStatus()).isEqualTo(HealthStatus.Missing);
        assertThat(cm.getSyncStatus()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(cm.getVersion()).isEmpty();
        assertThat(cm.getChildren()).isEmpty();
    }

    @Test
    void orphansAndUnownedObjectsAreLeftOut() {
        KubeObject orphan = pod("stray", "ffffffff-0000-4000-8000-00000000dead", true);
        ResourceTree tree = builder.build(managed(SERVICE), List.of(orphan, ENDPOINTS, ENDPOINT_SLICE, NEW_RS));

        assertThat(tree.getRows()).extracting(r -> r.getNode().getName()).containsExactly("web", "web-abc12");
    }

    @Test
    void pruningAndHookFlagsAreKept() {
        KubeObject hookJob = obj("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  namespace: shop
                  annotations: {argocd.argoproj.io/hook: PreSync}
                status: {active: 1}
                """);
        ResourceTree tree = builder.build(List.of(
                new ResourceTreeBuilder.Managed(hookJob.key(), hookJob, SyncStatus.Synced, false),
                new ResourceTreeBuilder.Managed(SERVICE.key(), SERVICE, SyncStatus.OutOfSync, true)), List.of());

        ResourceNode job = tree.getRoots().get(0);
        ResourceNode svc = tree.getRoots().get(1);
        assertThat(job.isHook()).isTrue();
        assertThat(job.isRequiresPruning()).isFalse();
        assertThat(svc.isHook()).isFalse();
        assertThat(svc.isRequiresPruning()).isTrue();
    }

    @Test
    void rootsSortByKindThenNameAndManagedObjectsAreNotRepeatedAsChildren() {
        KubeObject apiDeployment = obj("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop, uid: d-api}
                """);
        KubeObject ownedButManaged = obj("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: generated
                  namespace: shop
                  uid: cm-1
                %s
                """.formatted(owner("Deployment", "web", DEPLOYMENT_UID)));
        ResourceTree tree = builder.build(managed(SERVICE, DEPLOYMENT, ownedButManaged, apiDeployment),
                List.of(SERVICE, DEPLOYMENT, ownedButManaged));

        assertThat(tree.getRows()).extracting(r -> r.getDepth() + " " + r.getNode().getKind() + " " + r.getNode().getName())
                .containsExactly("0 ConfigMap generated", "0 Deployment api", "0 Deployment web", "0 Service web");
    }

    @Test
    void ownershipCyclesTerminateAndEachObjectAppearsOnce() {
        KubeObject a = obj("""
                apiVersion: example.com/v1
                kind: Thing
                metadata:
                  name: a
                  namespace: shop
                  uid: t-a
                  ownerReferences:
                  - {apiVersion: apps/v1, kind: Deployment, name: web, uid: %s}
                  - {apiVersion: example.com/v1, kind: Thing, name: b, uid: t-b, controller: true}
                """.formatted(DEPLOYMENT_UID));
        KubeObject b = obj("""
                apiVersion: example.com/v1
                kind: Thing
                metadata:
                  name: b
                  namespace: shop
                  uid: t-b
                  ownerReferences:
                  - {apiVersion: example.com/v1, kind: Thing, name: a, uid: t-a, controller: true}
                """);

        ResourceTree tree = builder.build(managed(DEPLOYMENT), List.of(a, b));

        assertThat(tree.getRows()).extracting(r -> r.getNode().getName()).containsExactly("web");
    }

    @Test
    void controllerReferenceWinsOverOtherOwners() {
        KubeObject pod = obj("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  namespace: shop
                  uid: p-1
                  ownerReferences:
                  - {apiVersion: v1, kind: Service, name: web, uid: %s}
                  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: %s, controller: true}
                status: {phase: Pending}
                """.formatted(SERVICE_UID, NEW_RS_UID));

        ResourceTree tree = builder.build(managed(DEPLOYMENT, SERVICE), List.of(pod, NEW_RS));

        assertThat(tree.getRows()).extracting(r -> r.getDepth() + " " + r.getNode().getName())
                .containsExactly("0 web", "1 web-7d9f", "2 p", "0 web");
    }
}
