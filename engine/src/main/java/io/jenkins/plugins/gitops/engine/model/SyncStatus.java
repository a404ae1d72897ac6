package io.jenkins.plugins.gitops.engine.model;

/** Argo CD's sync status of a resource or an application: does the live state match Git? */
public enum SyncStatus {
    /** Live state matches the desired state from Git. */
    Synced,
    /** Live state differs, is missing, or is extraneous and must be pruned. */
    OutOfSync,
    /** Could not be compared (e.g. rendering or the cluster failed). */
    Unknown
}
