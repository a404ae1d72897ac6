package io.jenkins.plugins.gitops.engine.cluster.live;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Objects;

/**
 * One observed change of a live object that an application cares about.
 *
 * <p>Invariant: {@code appName} is never empty; {@code oldObject} is null for {@link Type#Added}, {@code newObject}
 * is null for {@link Type#Deleted}, both are set for {@link Type#Updated}. {@code appName} is the application that
 * should refresh: the owner named by the object's tracking annotation or instance label, or, for objects without
 * marks such as Pods, the owner of the nearest tracked ancestor along {@code ownerReferences}.
 */
public record LiveChange(String appName, ResourceKey key, KubeObject oldObject, KubeObject newObject) {

    /** What happened to the object. */
    public enum Type {
        Added,
        Updated,
        Deleted
    }

    public LiveChange {
        if (appName == null || appName.isEmpty()) {
            throw new IllegalArgumentException("a live change needs the application name");
        }
        Objects.requireNonNull(key, "key");
        if (oldObject == null && newObject == null) {
            throw new IllegalArgumentException("a live change needs an old or a new object (" + key + ")");
        }
    }

    public Type type() {
        if (oldObject == null) {
            return Type.Added;
        }
        return newObject == null ? Type.Deleted : Type.Updated;
    }

    @Override
    public String toString() {
        return appName + ": " + type() + " " + key;
    }
}
