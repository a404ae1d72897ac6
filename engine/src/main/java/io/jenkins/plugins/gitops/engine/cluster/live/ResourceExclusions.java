package io.jenkins.plugins.gitops.engine.cluster.live;

import java.util.List;

/**
 * Kinds live state never reads, however an application is tracked: Argo CD's default {@code resource.exclusions}
 * (argo-cd {@code docs/operator-manual/argocd-cm.yaml}) plus its core exclusions ({@code util/settings}
 * {@code coreExcludedResources}: events and metrics). Noisy objects the control plane creates, intermediate
 * requests and reports; nobody keeps them in Git.
 */
public final class ResourceExclusions {

    /** One exclusion rule: these kinds ({@code *} for any) in these API groups. */
    private record Rule(List<String> groups, List<String> kinds) {
        boolean matches(String group, String kind) {
            return groups.contains(group) && (kinds.contains("*") || kinds.contains(kind));
        }
    }

    private static final List<Rule> DEFAULTS = List.of(
            new Rule(List.of("", "events.k8s.io"), List.of("Event")),
            new Rule(List.of("metrics.k8s.io"), List.of("*")),
            new Rule(List.of("", "discovery.k8s.io"), List.of("Endpoints", "EndpointSlice")),
            new Rule(List.of("coordination.k8s.io"), List.of("Lease")),
            new Rule(List.of("authentication.k8s.io", "authorization.k8s.io"), List.of("SelfSubjectReview",
                    "TokenReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview",
                    "SubjectAccessReview")),
            new Rule(List.of("certificates.k8s.io"), List.of("CertificateSigningRequest")),
            new Rule(List.of("cert-manager.io"), List.of("CertificateRequest")),
            new Rule(List.of("cilium.io"), List.of("CiliumIdentity", "CiliumEndpoint", "CiliumEndpointSlice")),
            new Rule(List.of("kyverno.io", "reports.kyverno.io", "wgpolicyk8s.io"), List.of("PolicyReport",
                    "ClusterPolicyReport", "EphemeralReport", "ClusterEphemeralReport", "AdmissionReport",
                    "ClusterAdmissionReport", "BackgroundScanReport", "ClusterBackgroundScanReport",
                    "UpdateRequest")));

    private ResourceExclusions() {}

    public static boolean excluded(String group, String kind) {
        return DEFAULTS.stream().anyMatch(r -> r.matches(group, kind));
    }
}
