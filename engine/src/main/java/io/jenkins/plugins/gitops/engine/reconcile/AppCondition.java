package io.jenkins.plugins.gitops.engine.reconcile;

import java.time.Instant;

/**
 * A problem recorded on an application, as Argo CD's {@code status.conditions}: {@code type} is one of
 * ComparisonError, SyncError, InvalidSpecError, DeletionError, SharedResourceWarning, SyncWindowBlocked; the message names the
 * file, field or resource at fault.
 */
public record AppCondition(String type, String message, Instant lastTransitionTime) {

    public static final String COMPARISON_ERROR = "ComparisonError";
    public static final String SYNC_ERROR = "SyncError";
    public static final String INVALID_SPEC = "InvalidSpecError";
    /** The last deletion failed (Argo CD's {@code DeletionError}); the message says whether resources were deleted. */
    public static final String DELETION_ERROR = "DeletionError";
}
