package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.List;
import java.util.Objects;

/**
 * The comparison of one resource between Git and the cluster.
 *
 * <p>Invariant: a resource is {@link SyncStatus#OutOfSync} exactly when it is {@link #modified()}, and then
 * {@link #differences()} names at least one field (or the whole object, for a missing or extraneous resource) with
 * a reason. There is no such thing as an OutOfSync resource with nothing to show. The YAML texts and the unified
 * diff are normalised (server-populated fields gone, quantities canonical) and Secret values are masked in all of
 * them.
 */
public final class ResourceDiff {

    private final ResourceKey key;
    private final String source;
    private final boolean requiresPruning;
    private final boolean affectsAppSync;
    private final List<FieldDifference> differences;
    private final java.util.function.Supplier<String> desiredYaml;
    private final java.util.function.Supplier<String> liveYaml;
    private final String unifiedDiff;

    ResourceDiff(ResourceKey key, String source, boolean requiresPruning, boolean affectsAppSync,
            List<FieldDifference> differences, String desiredYaml, String liveYaml, String unifiedDiff) {
        this(key, source, requiresPruning, affectsAppSync, differences, () -> desiredYaml, () -> liveYaml,
                unifiedDiff);
    }

    /**
     * With the YAML texts written when first asked for (once): most resources of a comparison are Synced and nobody
     * reads their YAML, which is the larger part of the cost of comparing them.
     */
    ResourceDiff(ResourceKey key, String source, boolean requiresPruning, boolean affectsAppSync,
            List<FieldDifference> differences, java.util.function.Supplier<String> desiredYaml,
            java.util.function.Supplier<String> liveYaml, String unifiedDiff) {
        this.key = Objects.requireNonNull(key, "key");
        this.source = source == null ? "" : source;
        this.requiresPruning = requiresPruning;
        this.affectsAppSync = affectsAppSync;
        this.differences = List.copyOf(differences);
        this.desiredYaml = once(desiredYaml);
        this.liveYaml = once(liveYaml);
        this.unifiedDiff = unifiedDiff;
        if (requiresPruning && this.differences.isEmpty()) {
            throw new IllegalStateException(key + ": a resource that requires pruning must say so in its differences");
        }
    }

    public ResourceKey key() {
        return key;
    }

    /** Where the desired object came from (a file in the repository), or {@code live} for an extraneous one. */
    public String source() {
        return source;
    }

    public SyncStatus syncStatus() {
        return modified() ? SyncStatus.OutOfSync : SyncStatus.Synced;
    }

    /** Git and the cluster differ (including missing and extraneous resources). */
    public boolean modified() {
        return !differences.isEmpty();
    }

    /** In the cluster and tracked by the application, but no longer in Git. */
    public boolean requiresPruning() {
        return requiresPruning;
    }

    /** Missing from the cluster. */
    public boolean missing() {
        return !differences.isEmpty() && differences.get(0).reason() == DifferenceReason.MISSING_IN_CLUSTER;
    }

    /**
     * Does this resource's status count for the application's sync status? False for an extraneous resource whose
     * live object carries {@code argocd.argoproj.io/compare-options: IgnoreExtraneous}.
     */
    public boolean affectsAppSync() {
        return affectsAppSync;
    }

    /** Differing fields with reasons, in document order; empty when Synced. */
    public List<FieldDifference> differences() {
        return differences;
    }

    /** Normalised desired YAML (empty when not in Git), Secret values masked. */
    public String desiredYaml() {
        return desiredYaml.get();
    }

    /**
     * Normalised live YAML restricted to the fields that take part in the comparison (server defaults that Git does
     * not declare are left out), Secret values masked; the whole normalised object for an extraneous resource;
     * empty when missing.
     */
    public String liveYaml() {
        return liveYaml.get();
    }

    /** Unified diff from live to desired with headers naming the resource; empty when Synced. */
    public String unifiedDiff() {
        return unifiedDiff;
    }

    /** {@code text}, computed on the first call only (thread-safe). */
    static java.util.function.Supplier<String> once(java.util.function.Supplier<String> text) {
        return new java.util.function.Supplier<>() {
            private volatile String value;

            @Override
            public String get() {
                String v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = Objects.requireNonNull(text.get(), "text");
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    @Override
    public String toString() {
        return key + ": " + syncStatus() + (modified() ? " (" + differences.size() + " differences)" : "");
    }
}
