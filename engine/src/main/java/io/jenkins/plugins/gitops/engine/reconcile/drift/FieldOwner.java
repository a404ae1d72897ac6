package io.jenkins.plugins.gitops.engine.reconcile.drift;

import java.time.Instant;
import java.util.Objects;

/**
 * Who changed one drifted field, as the API server recorded it in {@code metadata.managedFields}.
 *
 * <p>Invariant: {@code manager} and {@code ownedPath} are non-empty exactly when {@code kind} is
 * {@link Kind#MANAGER}; otherwise every field but {@code path} and {@code kind} is empty (null {@code time}).
 * {@code ownedPath} equals {@code path}, unless the manager owns an enclosing field as a unit (an atomic list such as
 * {@code args}), which is how a removed list element can still be attributed to the manager that wrote the shorter list.
 *
 * @param path        the drifted field, as the diff names it
 * @param kind        whether a manager was found, the field is unrecorded, or the field is gone from the cluster
 * @param manager     field manager, e.g. {@code kubectl-edit}, {@code kubectl-set}, {@code kube-controller-manager}
 * @param operation   {@code Update} or {@code Apply}
 * @param time        when that manager last wrote, null when not recorded
 * @param subresource the subresource it wrote through ({@code status}, {@code scale}), empty for the main resource
 * @param ownedPath   the field the manager owns: {@code path} itself or an ancestor owned as a unit
 */
public record FieldOwner(String path, Kind kind, String manager, String operation, Instant time, String subresource,
        String ownedPath) {

    /** How a field was attributed. */
    public enum Kind {
        /** A managedFields entry owns the field (or an ancestor as a unit). */
        MANAGER,
        /** The field is in the cluster, but no managedFields entry owns it. */
        UNKNOWN,
        /** The field is in Git but no longer in the cluster; the API server keeps no record of who removed it. */
        REMOVED
    }

    public FieldOwner {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        manager = manager == null ? "" : manager;
        operation = operation == null ? "" : operation;
        subresource = subresource == null ? "" : subresource;
        ownedPath = ownedPath == null ? "" : ownedPath;
        if ((kind == Kind.MANAGER) == manager.isEmpty() || (kind == Kind.MANAGER) == ownedPath.isEmpty()) {
            throw new IllegalArgumentException(
                    path + ": a manager and owned path are required exactly for kind MANAGER");
        }
    }

    static FieldOwner unknown(String path) {
        return new FieldOwner(path, Kind.UNKNOWN, "", "", null, "", "");
    }

    static FieldOwner removed(String path) {
        return new FieldOwner(path, Kind.REMOVED, "", "", null, "", "");
    }

    /**
     * In words: {@code kubectl-edit / Update at 2024-05-01T10:15:00Z}, with {@code (subresource scale)} and
     * {@code (owns spec.x as a unit)} when they apply; {@code unknown (the API server recorded no manager for this
     * field)}; or {@code removed (no manager record)}.
     */
    public String describe() {
        return switch (kind) {
            case UNKNOWN -> "unknown (the API server recorded no manager for this field)";
            case REMOVED -> "removed (no manager record)";
            case MANAGER -> manager + (operation.isEmpty() ? "" : " / " + operation)
                    + (time == null ? "" : " at " + time)
                    + (subresource.isEmpty() ? "" : " (subresource " + subresource + ")")
                    + (ownedPath.equals(path) ? "" : " (owns " + ownedPath + " as a unit)");
        };
    }

    @Override
    public String toString() {
        return path + ": " + describe();
    }
}
