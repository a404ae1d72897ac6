package io.jenkins.plugins.gitops.engine.cluster.live;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes and reads the marks that tie a cluster object to an application, for one {@link TrackingMethod}.
 *
 * <p>Writing ({@link #stamp}) returns a copy of a desired object with the tracking-id annotation and/or instance
 * label set. Reading ({@link #owningApp}, {@link #belongsTo}) decides which application an object belongs to. With
 * annotation tracking an object belongs to an application only when its tracking id names that application
 * <em>and this very object</em>: a tracking id copied onto another object (say by {@code kubectl get -o yaml} and
 * re-create under a new name) makes the copy nobody's, so it is neither adopted nor pruned. A malformed tracking id
 * also makes an object nobody's, as in Argo CD; {@link #trackingIdOf} reports it as an error naming the object.
 *
 * <p>Mirrors argo-cd {@code util/argo/resource_tracking.go} ({@code SetAppInstance}, {@code GetAppName}) and the
 * self-reference check of {@code controller/state.go}. Instances are immutable and thread-safe.
 */
public final class ResourceTracking {

    /** Longest label value Kubernetes accepts. */
    static final int LABEL_MAX_LENGTH = 63;

    private static final Map<TrackingMethod, ResourceTracking> BY_METHOD = new EnumMap<>(TrackingMethod.class);

    static {
        for (TrackingMethod m : TrackingMethod.values()) {
            BY_METHOD.put(m, new ResourceTracking(m));
        }
    }

    private final TrackingMethod method;

    private ResourceTracking(TrackingMethod method) {
        this.method = method;
    }

    /** The (shared) instance for a method; {@code null} means {@link TrackingMethod#DEFAULT}. */
    public static ResourceTracking of(TrackingMethod method) {
        return BY_METHOD.get(method == null ? TrackingMethod.DEFAULT : method);
    }

    public TrackingMethod method() {
        return method;
    }

    /** The tracking-id annotation value for an object of an application: {@code app:group/kind:namespace/name}. */
    public static String trackingId(String appName, ResourceKey key) {
        return new TrackingId(appName, key).value();
    }

    /** {@link #stamp(String, KubeObject, String)} without a destination namespace. */
    public KubeObject stamp(String appName, KubeObject desired) {
        return stamp(appName, desired, "");
    }

    /**
     * A copy of {@code desired} carrying this method's marks for {@code appName}. As in Argo CD, the tracking id of
     * an object without a namespace (a cluster-scoped one) records {@code destinationNamespace}; this keeps the
     * annotation identical to what Argo CD wrote on clusters that move over, so it does not show up as drift.
     *
     * @throws IllegalArgumentException when the object has no kind or name, or (label tracking) when the application
     *     name cannot be a label value
     */
    public KubeObject stamp(String appName, KubeObject desired, String destinationNamespace) {
        Objects.requireNonNull(desired, "desired");
        requireAppName(appName);
        KubeObject out = desired;
        if (method.usesAnnotation()) {
            ResourceKey key = keyOf(desired);
            if (key.namespace().isEmpty() && destinationNamespace != null) {
                key = key.withNamespace(destinationNamespace);
            }
            out = out.withAnnotation(AnnotationNames.TRACKING_ID, new TrackingId(appName, key).value());
        }
        if (method.writesLabel()) {
            out = out.withLabel(AnnotationNames.INSTANCE_LABEL, labelValue(appName, desired));
        }
        return out;
    }

    /**
     * The tracking id written on {@code live}, if any.
     *
     * @throws MalformedTrackingIdException naming the object when the annotation is present but malformed
     */
    public static Optional<TrackingId> trackingIdOf(KubeObject live) {
        String value = live.annotation(AnnotationNames.TRACKING_ID);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TrackingId.parse(value));
        } catch (MalformedTrackingIdException e) {
            throw new MalformedTrackingIdException(describe(live) + ": annotation " + AnnotationNames.TRACKING_ID
                    + ": " + e.getMessage());
        }
    }

    /** The application {@code live} belongs to under this method, or empty when it belongs to none. */
    public Optional<String> owningApp(KubeObject live) {
        return owningApp(live.annotation(AnnotationNames.TRACKING_ID), live.labels().get(AnnotationNames.INSTANCE_LABEL),
                liveKey(live));
    }

    /** Whether {@code live} belongs to {@code appName} under this method. */
    public boolean belongsTo(KubeObject live, String appName) {
        return appName != null && owningApp(live).filter(appName::equals).isPresent();
    }

    /** Ownership from the raw marks, for callers (such as informer indexes) that do not hold a {@link KubeObject}. */
    Optional<String> owningApp(String trackingAnnotation, String instanceLabel, ResourceKey liveKey) {
        if (method.usesAnnotation()) {
            return appFromAnnotation(trackingAnnotation, liveKey);
        }
        return instanceLabel == null || instanceLabel.isEmpty() ? Optional.empty() : Optional.of(instanceLabel);
    }

    /** The application named by a well-formed tracking id that names {@code liveKey} itself. */
    static Optional<String> appFromAnnotation(String trackingAnnotation, ResourceKey liveKey) {
        return liveKey == null ? Optional.empty()
                : TrackingId.tryParse(trackingAnnotation).filter(id -> id.names(liveKey)).map(TrackingId::appName);
    }

    /**
     * The instance label value. Label tracking needs the full name (Argo CD would fail at apply time, we fail here with
     * a clearer message); with annotation+label the label is informational and, as in Argo CD, is cut to 63 characters
     * and trailing non-alphanumerics are removed.
     */
    private String labelValue(String appName, KubeObject desired) {
        if (appName.length() <= LABEL_MAX_LENGTH) {
            return appName;
        }
        if (method == TrackingMethod.Label) {
            throw new IllegalArgumentException("cannot track " + describe(desired) + " by label: application name '"
                    + appName + "' has " + appName.length() + " characters, a label value allows at most "
                    + LABEL_MAX_LENGTH + "; use annotation tracking");
        }
        String v = appName.substring(0, LABEL_MAX_LENGTH);
        int end = v.length();
        while (end > 0 && !isAsciiAlphanumeric(v.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            throw new IllegalArgumentException("cannot derive an instance label from application name '" + appName + "'");
        }
        return v.substring(0, end);
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static void requireAppName(String appName) {
        if (appName == null || appName.isEmpty()) {
            throw new IllegalArgumentException("application name is required for resource tracking");
        }
    }

    private static ResourceKey keyOf(KubeObject o) {
        if (o.kind().isEmpty() || o.name().isEmpty()) {
            throw new IllegalArgumentException("cannot track " + describe(o) + ": it needs a kind and a metadata.name");
        }
        return o.key();
    }

    private static ResourceKey liveKey(KubeObject o) {
        return o.kind().isEmpty() ? null : o.key();
    }

    static String describe(KubeObject o) {
        String what = o.kind().isEmpty() ? "object without kind" : o.key().toString();
        return o.source().isEmpty() ? what : what + " (" + o.source() + ")";
    }

    @Override
    public String toString() {
        return "ResourceTracking[" + method.argoName() + "]";
    }
}
