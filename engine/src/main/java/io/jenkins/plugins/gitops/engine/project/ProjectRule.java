package io.jenkins.plugins.gitops.engine.project;

/** The {@code AppProject} field a {@link ProjectViolation} was found against. */
public enum ProjectRule {
    PROJECT("project"),
    SOURCE_REPOS("sourceRepos"),
    DESTINATIONS("destinations"),
    CLUSTER_RESOURCE_WHITELIST("clusterResourceWhitelist"),
    CLUSTER_RESOURCE_BLACKLIST("clusterResourceBlacklist"),
    NAMESPACE_RESOURCE_WHITELIST("namespaceResourceWhitelist"),
    NAMESPACE_RESOURCE_BLACKLIST("namespaceResourceBlacklist");

    private final String field;

    ProjectRule(String field) {
        this.field = field;
    }

    /** The field name as users write it in the AppProject spec. */
    public String field() {
        return field;
    }
}
