package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.IgnoreDifference;
import java.util.List;
import java.util.Objects;

/**
 * How to compare: the application's {@code spec.ignoreDifferences}, whether {@code status} takes part, and the field
 * manager whose managedFields entries mark fields as "ours" (so a field Git removed is drift).
 *
 * @param ignoreDifferences rules from the Application, applied to resources they match
 * @param compareStatus     compare {@code status} too (off by default, as in Argo CD)
 * @param fieldManager      our server-side apply field manager, {@value AnnotationNames#FIELD_MANAGER} by default
 */
public record DiffOptions(List<IgnoreDifference> ignoreDifferences, boolean compareStatus, String fieldManager) {

    public DiffOptions {
        ignoreDifferences = List.copyOf(Objects.requireNonNull(ignoreDifferences, "ignoreDifferences"));
        if (fieldManager == null || fieldManager.isBlank()) {
            throw new IllegalArgumentException("fieldManager must not be blank");
        }
    }

    /** No ignore rules, status not compared, field manager {@value AnnotationNames#FIELD_MANAGER}. */
    public static DiffOptions defaults() {
        return new DiffOptions(List.of(), false, AnnotationNames.FIELD_MANAGER);
    }

    public DiffOptions withIgnoreDifferences(List<IgnoreDifference> rules) {
        return new DiffOptions(rules, compareStatus, fieldManager);
    }

    public DiffOptions withCompareStatus(boolean compare) {
        return new DiffOptions(ignoreDifferences, compare, fieldManager);
    }

    public DiffOptions withFieldManager(String manager) {
        return new DiffOptions(ignoreDifferences, compareStatus, manager);
    }
}
