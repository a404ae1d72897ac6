package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a delete treats the object's dependents (pods of a ReplicaSet, ...). Argo CD prunes with {@link #FOREGROUND}
 * unless the sync option {@code PrunePropagationPolicy=background|orphan} says otherwise.
 */
public enum PropagationPolicy {
    /** The object stays (with a deletionTimestamp) until its dependents are gone. Argo CD's prune default. */
    FOREGROUND(DeletionPropagation.FOREGROUND),
    /** The object goes at once; the garbage collector removes dependents afterwards. kubectl's default. */
    BACKGROUND(DeletionPropagation.BACKGROUND),
    /** The object goes; dependents stay, without owner. */
    ORPHAN(DeletionPropagation.ORPHAN);

    private final DeletionPropagation fabric8;

    PropagationPolicy(DeletionPropagation fabric8) {
        this.fabric8 = fabric8;
    }

    DeletionPropagation fabric8() {
        return fabric8;
    }

    /** Parses the value of {@code PrunePropagationPolicy=...} (case-insensitive). */
    public static PropagationPolicy parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (PropagationPolicy p : values()) {
            if (p.name().equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("PrunePropagationPolicy: unknown value '" + value + "' (expected one of "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ")");
    }
}
