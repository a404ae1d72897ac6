package io.jenkins.plugins.gitops.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterRegistry;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns configured {@link ClusterSpec}s into connections and a registry. The default connection (what
 * {@code https://kubernetes.default.svc} and {@code in-cluster} mean) is the one named {@code defaultCluster}, else
 * the only one, else the first ready connection given to the builder.
 */
final class ClusterConnections {

    private ClusterConnections() {}

    static ClusterRegistry registry(EngineConfig config) {
        List<ClusterConnection> all = new ArrayList<>(config.connections());
        for (ClusterSpec spec : config.clusters()) {
            all.add(connect(spec));
        }
        ClusterRegistry.Builder b = ClusterRegistry.builder();
        ClusterConnection def = null;
        for (ClusterConnection c : all) {
            if (config.defaultCluster() != null && config.defaultCluster().equals(c.name())) {
                def = c;
            }
        }
        if (def == null && !all.isEmpty() && (all.size() == 1 || !config.connections().isEmpty())) {
            def = all.get(0);
        }
        if (config.defaultCluster() != null && !config.defaultCluster().isEmpty() && def != null
                && !config.defaultCluster().equals(def.name())) {
            throw new IllegalArgumentException("defaultCluster: no cluster named " + config.defaultCluster());
        }
        if (def != null) {
            b.defaultConnection(def);
        }
        for (ClusterConnection c : all) {
            if (c != def) {
                b.add(c);
            }
        }
        return b.build();
    }

    static ClusterConnection connect(ClusterSpec spec) {
        if (spec.inCluster()) {
            return ClusterConnection.inCluster(spec.name());
        }
        if (spec.kubeconfig() != null && !spec.kubeconfig().isBlank()) {
            return fromKubeconfigText(spec);
        }
        if (spec.server() == null || spec.server().isBlank()) {
            throw new IllegalArgumentException("cluster " + spec.name()
                    + ": needs a server URL with a token, a kubeconfig, or in-cluster");
        }
        return ClusterConnection.withBearerToken(spec.name(), spec.server(), spec.token(), spec.caCertificatePem(),
                spec.insecureSkipTlsVerify(), spec.defaultNamespace());
    }

    private static ClusterConnection fromKubeconfigText(ClusterSpec spec) {
        String context = spec.context();
        if (context != null && !context.isBlank() && !contextExists(spec.kubeconfig(), context)) {
            throw new IllegalArgumentException("cluster " + spec.name() + ": kubeconfig has no context '" + context
                    + "'");
        }
        String server = serverOf(spec.kubeconfig(), context);
        if (server == null) {
            // not a plain https:// server: fabric8 decides (and reports what is wrong) now
            KubernetesClient client = client(spec, context);
            return ClusterConnection.ofClient(spec.name(), client.getMasterUrl().toString(), client);
        }
        // fabric8's kubeconfig parse and client set-up (model classes, trust and key stores: about a second in a
        // fresh JVM) wait until the first request, which a one-shot command sends from another thread while it reads
        // Git; the server URL applications name is known from the file
        return ClusterConnection.ofConfigFactory(spec.name(), server, () -> {
            Config config = config(spec, context);
            String built = ClusterConnection.normalizeServer(config.getMasterUrl());
            if (!built.equals(ClusterConnection.normalizeServer(server))) {
                throw new IllegalStateException("cluster " + spec.name() + ": the kubeconfig's server " + server
                        + " became " + built + " in the Kubernetes client");
            }
            return config;
        });
    }

    private static KubernetesClient client(ClusterSpec spec, String context) {
        return new KubernetesClientBuilder().withConfig(config(spec, context)).build();
    }

    private static Config config(ClusterSpec spec, String context) {
        Config config = io.jenkins.plugins.gitops.engine.cluster.KubeconfigText.config(spec.kubeconfig(), context);
        if (spec.defaultNamespace() != null && !spec.defaultNamespace().isBlank()) {
            config.setNamespace(spec.defaultNamespace());
        }
        return config;
    }

    /**
     * The {@code http(s)://} server of the kubeconfig's context ({@code context}, else its current-context), or null
     * when the file names none that plainly (then fabric8 reads it, and reports what is wrong, at once).
     */
    static String serverOf(String kubeconfig, String context) {
        try {
            JsonNode root = Yaml.YAML.readTree(kubeconfig);
            String name = context != null && !context.isBlank() ? context : root.path("current-context").asText("");
            String cluster = null;
            for (JsonNode c : root.path("contexts")) {
                if (!name.isEmpty() && name.equals(c.path("name").asText())) {
                    cluster = c.path("context").path("cluster").asText(null);
                }
            }
            for (JsonNode c : root.path("clusters")) {
                if (cluster != null && cluster.equals(c.path("name").asText())) {
                    String server = c.path("cluster").path("server").asText("").strip();
                    return server.startsWith("https://") || server.startsWith("http://") ? server : null;
                }
            }
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean contextExists(String kubeconfig, String context) {
        try {
            JsonNode root = Yaml.YAML.readTree(kubeconfig);
            for (JsonNode c : root.path("contexts")) {
                if (context.equals(c.path("name").asText())) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("kubeconfig is not valid YAML: " + e.getMessage(), e);
        }
    }
}
