package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Map;

/**
 * A comparison together with the raw diff and live objects behind it, for the controller's drift attribution.
 * Invariant: when {@code comparison.error()} is set, {@code diff} is null and {@code live} is empty.
 */
public record Refresh(AppComparison comparison, DiffResult diff, Map<ResourceKey, KubeObject> live) {}
