package io.jenkins.plugins.gitops.engine.diff;

/** Why a field (or a whole resource) counts as drift between Git and the cluster. */
public enum DifferenceReason {
    /** Git and the cluster both have the field with different values. */
    CHANGED("changed"),
    /** Git declares the field; the cluster does not have it. */
    ADDED_IN_GIT("added in Git"),
    /**
     * The cluster has a field Git no longer declares, and we put it there: our field manager owns it, or it is in
     * the last-applied configuration, or it is an extra element of a list Git declares as a whole.
     */
    REMOVED_FROM_GIT("removed from Git"),
    /** The whole resource is in Git but not in the cluster. */
    MISSING_IN_CLUSTER("missing in cluster"),
    /** The whole resource is in the cluster, tracked by the application, but no longer in Git. */
    NOT_IN_GIT("not in Git, requires pruning");

    private final String label;

    DifferenceReason(String label) {
        this.label = label;
    }

    /** Human wording used in reports, e.g. {@code removed from Git}. */
    public String label() {
        return label;
    }
}
