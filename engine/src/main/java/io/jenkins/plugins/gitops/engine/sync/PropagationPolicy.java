package io.jenkins.plugins.gitops.engine.sync;

import java.util.Arrays;
import java.util.Locale;

/**
 * Values of the {@code PrunePropagationPolicy} sync option: how Kubernetes deletes the dependents of a pruned object.
 * Argo CD prunes with {@link #FOREGROUND} unless told otherwise.
 */
public enum PropagationPolicy {
    FOREGROUND("Foreground"),
    BACKGROUND("Background"),
    ORPHAN("Orphan");

    private final String kubernetesValue;

    PropagationPolicy(String kubernetesValue) {
        this.kubernetesValue = kubernetesValue;
    }

    /** The value of {@code DeleteOptions.propagationPolicy}, e.g. {@code Foreground}. */
    public String kubernetesValue() {
        return kubernetesValue;
    }

    static PropagationPolicy parse(String text) {
        return Arrays.stream(values())
                .filter(p -> p.kubernetesValue.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected foreground, background or orphan"));
    }
}
