package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindOrderTest {

    @Test
    void tableIsHelmsInstallOrder() {
        assertThat(KindOrder.KINDS).containsExactly(
                "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
                "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
                "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
                "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
                "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
                "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService");
    }

    @Test
    void unknownKindsSortLastAndEqual() {
        List<String> kinds = new ArrayList<>(List.of("Widget", "APIService", "Namespace", "Rollout", "Deployment"));
        kinds.sort(KindOrder.COMPARATOR);

        assertThat(kinds).containsExactly("Namespace", "Deployment", "APIService", "Widget", "Rollout");
        assertThat(KindOrder.rank("Widget")).isEqualTo(KindOrder.rank("Rollout")).isEqualTo(KindOrder.KINDS.size());
    }
}
