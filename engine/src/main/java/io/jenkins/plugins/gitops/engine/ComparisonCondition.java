package io.jenkins.plugins.gitops.engine;

/**
 * Something a comparison found that the user must see although it did not stop the comparison, as an entry of
 * Argo CD's {@code status.conditions}: a resource produced by several sources (RepeatedResourceWarning, the last one
 * is used) or a namespaced resource without a namespace (InvalidSpecError, it cannot be synced).
 */
public record ComparisonCondition(String type, String message) {

    public static final String REPEATED_RESOURCE_WARNING = "RepeatedResourceWarning";
    public static final String INVALID_SPEC_ERROR = "InvalidSpecError";

    @Override
    public String toString() {
        return type + ": " + message;
    }
}
