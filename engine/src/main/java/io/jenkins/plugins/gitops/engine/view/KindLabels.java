package io.jenkins.plugins.gitops.engine.view;

import java.util.Locale;
import java.util.Map;

/**
 * The short label drawn in a node's kind icon, the abbreviation kubectl (and Argo CD's tree) uses for the kind:
 * {@code deploy}, {@code rs}, {@code pod}, {@code svc}. Kinds without a well-known abbreviation get their first
 * letters in lower case, at most six.
 */
public final class KindLabels {

    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("Application", "app"),
            Map.entry("ApplicationSet", "appset"),
            Map.entry("Deployment", "deploy"),
            Map.entry("ReplicaSet", "rs"),
            Map.entry("Pod", "pod"),
            Map.entry("Service", "svc"),
            Map.entry("EndpointSlice", "eps"),
            Map.entry("Endpoints", "ep"),
            Map.entry("ConfigMap", "cm"),
            Map.entry("Secret", "secret"),
            Map.entry("StatefulSet", "sts"),
            Map.entry("DaemonSet", "ds"),
            Map.entry("Job", "job"),
            Map.entry("CronJob", "cj"),
            Map.entry("Ingress", "ing"),
            Map.entry("PersistentVolumeClaim", "pvc"),
            Map.entry("PersistentVolume", "pv"),
            Map.entry("ServiceAccount", "sa"),
            Map.entry("Namespace", "ns"),
            Map.entry("Role", "role"),
            Map.entry("RoleBinding", "rb"),
            Map.entry("ClusterRole", "crole"),
            Map.entry("ClusterRoleBinding", "crb"),
            Map.entry("CustomResourceDefinition", "crd"),
            Map.entry("HorizontalPodAutoscaler", "hpa"),
            Map.entry("NetworkPolicy", "netpol"),
            Map.entry("PodDisruptionBudget", "pdb"),
            Map.entry("ControllerRevision", "rev"));

    private KindLabels() {}

    /** The icon label of {@code kind}. */
    public static String of(String kind) {
        if (kind == null || kind.isEmpty()) {
            return "?";
        }
        String known = SHORT.get(kind);
        if (known != null) {
            return known;
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        return lower.length() <= 6 ? lower : lower.substring(0, 6);
    }
}
