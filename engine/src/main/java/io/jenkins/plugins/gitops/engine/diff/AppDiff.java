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
        List<ResourceDiff> resources = new ArrayList<>();
        List<ResourceKey> hooks = new ArrayList<>();
        for (ResourceKey key : keys) {
            KubeObject d = wanted.get(key);
            KubeObject l = live.get(key);
            if (ResourceAnnotations.isHook(d) || ResourceAnnotations.isHook(l)) {
                hooks.add(key);
            } else {
                resources.add(differ.diff(d, l));
            }
        }
        return new DiffResult(resources, hooks, warnings);
    }
}
