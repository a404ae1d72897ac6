package io.jenkins.plugins.gitops.engine.cluster.live;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Comparator;

/**
 * An API kind at one version, the unit the live state is watched or listed by. Group is empty for the core group.
 * {@link ResourceKey} has no version, so {@link #matches(ResourceKey)} compares group and kind only.
 */
public record GroupVersionKind(String group, String version, String kind) implements Comparable<GroupVersionKind> {

    private static final Comparator<GroupVersionKind> ORDER = Comparator.comparing(GroupVersionKind::group)
            .thenComparing(GroupVersionKind::kind)
            .thenComparing(GroupVersionKind::version);

    public GroupVersionKind {
        group = group == null ? "" : group;
        if (version == null || version.isEmpty()) {
            throw new IllegalArgumentException("version is required for kind " + kind);
        }
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("kind is required (apiVersion " + group + "/" + version + ")");
        }
    }

    /** From an apiVersion such as {@code apps/v1} or {@code v1} and a kind. */
    public static GroupVersionKind of(String apiVersion, String kind) {
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("apiVersion is required for kind " + kind);
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0
                ? new GroupVersionKind("", apiVersion, kind)
                : new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
    }

    /** The kind of a (desired or live) object. */
    public static GroupVersionKind of(KubeObject object) {
        return of(object.apiVersion(), object.kind());
    }

    /** {@code apps/v1} or {@code v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Whether a resource key is of this group and kind (any version). */
    public boolean matches(ResourceKey key) {
        return key.group().equals(group) && key.kind().equals(kind);
    }

    @Override
    public int compareTo(GroupVersionKind o) {
        return ORDER.compare(this, o);
    }

    /** {@code apps/v1 Deployment}. */
    @Override
    public String toString() {
        return apiVersion() + " " + kind;
    }
}
