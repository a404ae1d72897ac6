package io.jenkins.plugins.gitops.engine.cluster.live;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of Argo CD's {@code argocd.argoproj.io/tracking-id} annotation: the owning application and the identity
 * of the object the annotation was written for, {@code <app>:<group>/<kind>:<namespace>/<name>}.
 *
 * <p>Invariant: application name, kind and name are never empty; group is empty for the core API group; namespace is
 * empty only when the object it was written for is cluster-scoped and no destination namespace was given.
 * Mirrors {@code BuildAppInstanceValue} / {@code ParseAppInstanceValue} of argo-cd's {@code util/argo/resource_tracking.go}.
 */
public record TrackingId(String appName, ResourceKey key) {

    /** The format, as Argo CD states it in its error message. */
    public static final String FORMAT = "<application-name>:<group>/<kind>:<namespace>/<name>";

    public TrackingId {
        Objects.requireNonNull(key, "key");
        if (appName == null || appName.isEmpty()) {
            throw new IllegalArgumentException("tracking id needs an application name (for " + key + ")");
        }
        if (key.name().isEmpty()) {
            throw new IllegalArgumentException("tracking id needs an object name (" + key + ")");
        }
    }

    /** The annotation value: {@code app:group/kind:namespace/name}. */
    public String value() {
        return appName + ":" + key.trackingSuffix();
    }

    /**
     * Parses an annotation value the way Argo CD does: split into three parts at the first two colons (so names such
     * as {@code system:controller:x} survive), then {@code group/kind} and {@code namespace/name} at exactly one slash.
     *
     * @throws MalformedTrackingIdException saying which part is wrong
     */
    public static TrackingId parse(String value) {
        if (value == null || value.isEmpty()) {
            throw malformed(value, "the value is empty");
        }
        String[] parts = value.split(":", 3);
        if (parts.length != 3) {
            throw malformed(value, "expected three ':'-separated parts, found " + parts.length);
        }
        String[] groupKind = parts[1].split("/", -1);
        if (groupKind.length != 2) {
            throw malformed(value, "'" + parts[1] + "' is not <group>/<kind>");
        }
        String[] nsName = parts[2].split("/", -1);
        if (nsName.length != 2) {
            throw malformed(value, "'" + parts[2] + "' is not <namespace>/<name>");
        }
        if (parts[0].isEmpty()) {
            throw malformed(value, "the application name is empty");
        }
        if (groupKind[1].isEmpty()) {
            throw malformed(value, "the kind is empty");
        }
        if (nsName[1].isEmpty()) {
            throw malformed(value, "the object name is empty");
        }
        return new TrackingId(parts[0], new ResourceKey(groupKind[0], groupKind[1], nsName[0], nsName[1]));
    }

    /** Like {@link #parse} but empty for missing or malformed values (how Argo CD treats them when reading). */
    public static Optional<TrackingId> tryParse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether this id was written for the live object {@code live} and not copied onto it from another object: group,
     * kind and name must match, and the namespace must match unless the live object is cluster-scoped (cluster-scoped
     * objects carry the application's destination namespace). Argo CD's {@code isSelfReferencedObj}.
     */
    public boolean names(ResourceKey live) {
        return (live.namespace().isEmpty() || live.namespace().equals(key.namespace()))
                && live.name().equals(key.name())
                && live.group().equals(key.group())
                && live.kind().equals(key.kind());
    }

    private static MalformedTrackingIdException malformed(String value, String why) {
        return new MalformedTrackingIdException("malformed tracking id '" + value + "': " + why
                + "; expected " + FORMAT);
    }

    @Override
    public String toString() {
        return value();
    }
}
