package io.jenkins.plugins.gitops.engine.sync;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which kinds are applied inside one (phase, wave): namespaces and cluster plumbing first, workloads
 * last, kinds not in the table (custom resources) after all known kinds. This is Helm's install order
 * ({@code pkg/releaseutil/kind_sorter.go}) as copied by gitops-engine {@code pkg/sync/sync_tasks.go} ({@code kindOrder}).
 */
public final class KindOrder {

    /** Helm's kind order, exactly as in gitops-engine's sync_tasks.go. */
    static final List<String> KINDS = List.of(
            "Namespace",
            "NetworkPolicy",
            "ResourceQuota",
            "LimitRange",
            "PodSecurityPolicy",
            "PodDisruptionBudget",
            "ServiceAccount",
            "Secret",
            "SecretList",
            "ConfigMap",
            "StorageClass",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "CustomResourceDefinition",
            "ClusterRole",
            "ClusterRoleList",
            "ClusterRoleBinding",
            "ClusterRoleBindingList",
            "Role",
            "RoleList",
            "RoleBinding",
            "RoleBindingList",
            "Service",
            "DaemonSet",
            "Pod",
            "ReplicationController",
            "ReplicaSet",
            "Deployment",
            "HorizontalPodAutoscaler",
            "StatefulSet",
            "Job",
            "CronJob",
            "IngressClass",
            "Ingress",
            "APIService");

    private static final Map<String, Integer> RANK = new HashMap<>();

    static {
        for (int i = 0; i < KINDS.size(); i++) {
            RANK.put(KINDS.get(i), i);
        }
    }

    /** Compares kinds by rank; all unknown kinds rank equal, after every known kind. */
    public static final Comparator<String> COMPARATOR = Comparator.comparingInt(KindOrder::rank);

    private KindOrder() {}

    /** The position of a kind in the table; unknown kinds get the same rank, larger than any known one. */
    public static int rank(String kind) {
        return RANK.getOrDefault(kind, KINDS.size());
    }
}
