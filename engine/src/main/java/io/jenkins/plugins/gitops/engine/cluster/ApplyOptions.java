package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;

/**
 * How one object is written to the cluster. Immutable; start from {@link #defaults()} and use the {@code with...}
 * methods.
 *
 * <p>Defaults: server-side apply by our own field manager, strict field validation, no dry run, and conflicts not
 * forced. That default is the cluster layer's, for direct callers; a sync forces conflicts as Argo CD does
 * ({@code ForceConflicts = serverSideApply} in gitops-engine's {@code resource_ops.go}) unless the sync option
 * {@code FailOnConflict=true} is set, and names the managers it took fields from (see the sync.run package).
 *
 * @param serverSide server-side apply (true) or kubectl-style client-side apply with the last-applied annotation
 * @param forceConflicts take over fields owned by other field managers (server-side apply only)
 * @param fieldManager the field manager name recorded in managedFields
 * @param validate false is Argo CD's {@code Validate=false}: the server ignores unknown or duplicate fields
 * @param dryRun ask the server to run every check and admission webhook without persisting ({@code dryRun=All})
 */
public record ApplyOptions(boolean serverSide, boolean forceConflicts, String fieldManager, boolean validate,
        boolean dryRun) {

    private static final ApplyOptions DEFAULTS = new ApplyOptions(true, false, AnnotationNames.FIELD_MANAGER, true,
            false);

    public ApplyOptions {
        if (fieldManager == null || fieldManager.isBlank()) {
            fieldManager = AnnotationNames.FIELD_MANAGER;
        }
    }

    /** Server-side apply as {@value AnnotationNames#FIELD_MANAGER}, not forcing conflicts, validating, for real. */
    public static ApplyOptions defaults() {
        return DEFAULTS;
    }

    public ApplyOptions withServerSide(boolean value) {
        return new ApplyOptions(value, forceConflicts, fieldManager, validate, dryRun);
    }

    public ApplyOptions withForceConflicts(boolean value) {
        return new ApplyOptions(serverSide, value, fieldManager, validate, dryRun);
    }

    public ApplyOptions withFieldManager(String value) {
        return new ApplyOptions(serverSide, forceConflicts, value, validate, dryRun);
    }

    public ApplyOptions withValidate(boolean value) {
        return new ApplyOptions(serverSide, forceConflicts, fieldManager, value, dryRun);
    }

    public ApplyOptions withDryRun(boolean value) {
        return new ApplyOptions(serverSide, forceConflicts, fieldManager, validate, value);
    }

    /** The {@code fieldValidation} query parameter value: Strict, or Ignore for {@code Validate=false}. */
    String fieldValidation() {
        return validate ? "Strict" : "Ignore";
    }
}
