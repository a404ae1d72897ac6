package io.jenkins.plugins.gitops.engine;

/**
 * How to reach one cluster, as configured by a person (Jenkins global configuration, or the CLI's kubeconfig).
 * Exactly one way to authenticate is used, in this order: {@code inCluster} (the pod's service account), a
 * {@code kubeconfig} document (with optional {@code context}), or {@code server} + bearer {@code token} (+ CA PEM).
 * {@code name} is what an Application's {@code destination.name} refers to; {@code server} what
 * {@code destination.server} refers to. toString never shows the token or the kubeconfig.
 */
public record ClusterSpec(
        String name,
        String server,
        String token,
        String caCertificatePem,
        boolean insecureSkipTlsVerify,
        String kubeconfig,
        String context,
        boolean inCluster,
        String defaultNamespace) {

    public static ClusterSpec ofToken(String name, String server, String token, String caPem) {
        return new ClusterSpec(name, server, token, caPem, false, null, null, false, null);
    }

    public static ClusterSpec ofKubeconfig(String name, String kubeconfigYaml, String context) {
        return new ClusterSpec(name, null, null, null, false, kubeconfigYaml, context, false, null);
    }

    public static ClusterSpec inCluster(String name) {
        return new ClusterSpec(name, null, null, null, false, null, null, true, null);
    }

    @Override
    public String toString() {
        return "ClusterSpec[name=" + name + ", server=" + server + ", token=" + (token == null ? "none" : "****")
                + ", kubeconfig=" + (kubeconfig == null ? "none" : "****") + ", context=" + context
                + ", inCluster=" + inCluster + "]";
    }
}
