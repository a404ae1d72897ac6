package io.jenkins.plugins.gitops.engine.render;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster-scoped kinds of Kubernetes' built-in API groups (as {@code kubectl api-resources --namespaced=false}
 * lists them for Kubernetes 1.30+). Every other built-in kind is namespaced; kinds of other groups are unknown here.
 */
public final class BuiltInResourceScopes implements ResourceScope {

    /** Group ("" for core) to its cluster-scoped kinds. */
    static final Map<String, Set<String>> CLUSTER_SCOPED = Map.ofEntries(
            Map.entry("", Set.of("Namespace", "Node", "PersistentVolume", "ComponentStatus")),
            Map.entry("rbac.authorization.k8s.io", Set.of("ClusterRole", "ClusterRoleBinding")),
            Map.entry("apiextensions.k8s.io", Set.of("CustomResourceDefinition")),
            Map.entry("apiregistration.k8s.io", Set.of("APIService")),
            Map.entry("storage.k8s.io", Set.of("StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
                    "VolumeAttributesClass")),
            Map.entry("scheduling.k8s.io", Set.of("PriorityClass")),
            Map.entry("networking.k8s.io", Set.of("IngressClass", "IPAddress", "ServiceCIDR")),
            Map.entry("admissionregistration.k8s.io", Set.of("ValidatingWebhookConfiguration",
                    "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
                    "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding")),
            Map.entry("certificates.k8s.io", Set.of("CertificateSigningRequest", "ClusterTrustBundle")),
            Map.entry("node.k8s.io", Set.of("RuntimeClass")),
            Map.entry("policy", Set.of("PodSecurityPolicy")),
            Map.entry("flowcontrol.apiserver.k8s.io", Set.of("FlowSchema", "PriorityLevelConfiguration")),
            Map.entry("resource.k8s.io", Set.of("DeviceClass", "ResourceSlice")),
            Map.entry("authentication.k8s.io", Set.of("TokenReview", "SelfSubjectReview")),
            Map.entry("authorization.k8s.io", Set.of("SubjectAccessReview", "SelfSubjectAccessReview",
                    "SelfSubjectRulesReview")));

    /** Built-in groups; kinds in them that are not listed above are namespaced. */
    static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "networking.k8s.io",
            "rbac.authorization.k8s.io", "storage.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
            "events.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "scheduling.k8s.io",
            "admissionregistration.k8s.io", "certificates.k8s.io", "node.k8s.io", "flowcontrol.apiserver.k8s.io",
            "resource.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "storagemigration.k8s.io");

    public static final BuiltInResourceScopes INSTANCE = new BuiltInResourceScopes();

    private BuiltInResourceScopes() {}

    @Override
    public Optional<Boolean> namespaced(String group, String kind) {
        if (CLUSTER_SCOPED.getOrDefault(group, Set.of()).contains(kind)) {
            return Optional.of(false);
        }
        return BUILT_IN_GROUPS.contains(group) ? Optional.of(true) : Optional.empty();
    }
}
