package io.jenkins.plugins.gitops.engine.diff;

import java.util.Objects;

/**
 * One differing field: its path as people read it ({@code spec.template.spec.containers[name=web].image}), why it
 * differs and a short detail with the values (Secret values are never shown, only that they changed).
 *
 * @param path   the field path; {@code (whole object)} for a missing or extraneous resource
 * @param reason why the field differs
 * @param detail values or explanation, never a secret value; may be empty
 */
public record FieldDifference(String path, DifferenceReason reason, String detail) {

    public FieldDifference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    /** One line: {@code spec.replicas: changed (live 3, Git 5)}. */
    @Override
    public String toString() {
        return path + ": " + reason.label() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
