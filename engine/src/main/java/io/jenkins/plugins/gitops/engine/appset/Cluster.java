package io.jenkins.plugins.gitops.engine.appset;

import java.util.Map;

/**
 * A cluster the clusters generator can target, as configured by the user (Argo CD keeps these as cluster secrets).
 * Labels and annotations are the ones selectors match and templates read ({@code metadata.labels.env}). No credentials
 * belong here.
 */
public record Cluster(String name, String server, Map<String, String> labels, Map<String, String> annotations) {

    public Cluster {
        if (name == null || name.isBlank() || server == null || server.isBlank()) {
            throw new IllegalArgumentException("a cluster needs a name and a server URL");
        }
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    }

    public Cluster(String name, String server, Map<String, String> labels) {
        this(name, server, labels, Map.of());
    }
}
