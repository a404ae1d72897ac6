package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.time.Instant;
import java.util.List;

/**
 * Live state moved away from Git without a Git change (Be-better #3): which resource, which field paths, when it was
 * noticed, and who changed it - the managedFields manager and operation (e.g. {@code kubectl-edit / Update}) that
 * owns the drifted fields, where the API server recorded one. {@code action} says what automation did about it:
 * {@code reverted}, {@code reported} (no selfHeal), or {@code paused} (self-heal paused by a person).
 */
public record DriftEvent(Instant detectedAt, ResourceKey resource, List<String> fields, String changedBy,
        String operation, String action) {}
