package io.jenkins.plugins.gitops.engine.appset;

import io.jenkins.plugins.gitops.engine.model.Application;

/**
 * One thing to do (or deliberately not do) to a generated Application. Invariant: CREATE and UPDATE carry the
 * desired application; DELETE carries the current one and whether its resources are kept; the SKIPPED types record
 * what the sync policy held back and why.
 *
 * @param type what to do
 * @param name the application's name
 * @param desired the generated application (null for DELETE and SKIPPED_DELETE)
 * @param current the existing application (null for CREATE)
 * @param preserveResources for DELETE: delete the Application but leave its deployed resources in place
 * @param reason a sentence for logs and the UI
 */
public record AppSetAction(Type type, String name, Application desired, Application current,
        boolean preserveResources, String reason) {

    /** Kinds of action. */
    public enum Type { CREATE, UPDATE, DELETE, SKIPPED_UPDATE, SKIPPED_DELETE }

    /** Whether the action changes anything. */
    public boolean changes() {
        return type == Type.CREATE || type == Type.UPDATE || type == Type.DELETE;
    }
}
