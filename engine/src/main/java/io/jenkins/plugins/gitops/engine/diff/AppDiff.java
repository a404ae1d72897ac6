package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares an application's desired objects (rendered from Git) with the live objects it tracks, the way Argo CD's
 * controller/state.go reconciles them: each desired object is paired with the live object of the same
 * {@link ResourceKey}; a desired object without a live one is missing (OutOfSync); a live object without a desired
 * one requires pruning (OutOfSync, but ignored for the app's status when it carries
 * {@code argocd.argoproj.io/compare-options: IgnoreExtraneous}); hooks on either side are not compared at all.
 */
public final class AppDiff {

    private final ResourceDiffer differ;

    /** @throws IllegalArgumentException when an ignoreDifferences rule is invalid (the message names it) */
    public AppDiff(DiffOptions options) {
        this.differ = new ResourceDiffer(options);
    }

    /**
     * @param desired objects rendered from Git, namespaces already set; a key rendered twice keeps the last object
     *                and adds a warning
     * @param live    live objects tracked by the application, by key
     */
    public DiffResult compare(List<KubeObject> desired, Map<ResourceKey, KubeObject> live) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(live, "live");
        List<String> warnings = new ArrayList<>();
        Map<ResourceKey, KubeObject> wanted = new TreeMap<>();
        for (KubeObject obj : desired) {
            KubeObject previous = wanted.put(obj.key(), obj);
            if (previous != null) {
                warnings.add(obj.key() + " is rendered more than once (" + previous.source() + ", " + obj.source()
                        + "); the last one is compared");
            }
        }
        TreeSet<ResourceKey> keys = new TreeSet<>(wanted.keySet());
        keys.addAll(live.keySet());
        List<ResourceKey> compared = new ArrayList<>();
        List<ResourceKey> hooks = new ArrayList<>();
        for (ResourceKey key : keys) {
            boolean hook = ResourceAnnotations.isHook(wanted.get(key)) || ResourceAnnotations.isHook(live.get(key));
            (hook ? hooks : compared).add(key);
        }
        // objects are compared independently: a large application uses every core (a one-shot diff of 500 objects
        // spends a third of its CPU here); results keep the key order either way
        java.util.stream.Stream<ResourceKey> each = compared.size() >= PARALLEL_FROM ? compared.parallelStream()
                : compared.stream();
        List<ResourceDiff> resources = each.map(key -> differ.diff(wanted.get(key), live.get(key))).toList();
        return new DiffResult(resources, hooks, warnings);
    }

    /** From this many objects on, they are compared in parallel (common fork-join pool). */
    static final int PARALLEL_FROM = 128;
}
