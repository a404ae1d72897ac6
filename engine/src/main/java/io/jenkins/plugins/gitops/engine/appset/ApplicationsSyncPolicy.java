package io.jenkins.plugins.gitops.engine.appset;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code spec.syncPolicy.applicationsSync}: what an ApplicationSet may do to the Applications it generates. Creating
 * is always allowed; the table says whether updating and deleting are (Argo CD's policy table).
 */
public enum ApplicationsSyncPolicy {
    CREATE_ONLY("create-only", false, false),
    CREATE_UPDATE("create-update", true, false),
    CREATE_DELETE("create-delete", false, true),
    SYNC("sync", true, true);

    private final String yaml;
    private final boolean update;
    private final boolean delete;

    ApplicationsSyncPolicy(String yaml, boolean update, boolean delete) {
        this.yaml = yaml;
        this.update = update;
        this.delete = delete;
    }

    public boolean allowsUpdate() {
        return update;
    }

    public boolean allowsDelete() {
        return delete;
    }

    /** The name users write ({@code create-update}). */
    public String yaml() {
        return yaml;
    }

    /** Parses the YAML name; empty means {@code sync}, Argo CD's default. */
    public static ApplicationsSyncPolicy of(String yaml) {
        if (yaml == null || yaml.isEmpty()) {
            return SYNC;
        }
        return Arrays.stream(values()).filter(p -> p.yaml.equals(yaml)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("applicationsSync must be one of "
                        + Arrays.stream(values()).map(p -> p.yaml).collect(Collectors.joining(", ")) + ", not '"
                        + yaml + "'"));
    }
}
