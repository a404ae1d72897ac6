package io.jenkins.plugins.gitops.engine.cluster.live;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How an application marks the objects it deploys, with Argo CD's spelling of each method
 * ({@code application.resourceTrackingMethod} in {@code argocd-cm}).
 *
 * <table>
 *   <caption>What each method writes and reads</caption>
 *   <tr><th>method</th><th>writes</th><th>ownership is read from</th></tr>
 *   <tr><td>annotation (default)</td><td>{@code argocd.argoproj.io/tracking-id}</td><td>the annotation</td></tr>
 *   <tr><td>label</td><td>{@code app.kubernetes.io/instance}</td><td>the label</td></tr>
 *   <tr><td>annotation+label</td><td>both (label truncated to 63 characters)</td><td>the annotation</td></tr>
 * </table>
 */
public enum TrackingMethod {
    /** {@code argocd.argoproj.io/tracking-id: <app>:<group>/<kind>:<namespace>/<name>}; the default. */
    Annotation("annotation", true, false),
    /** {@code app.kubernetes.io/instance: <app>}, Argo CD's legacy method. */
    Label("label", false, true),
    /** Both marks; the annotation decides ownership, the label is informational (for selectors and tools). */
    AnnotationAndLabel("annotation+label", true, true);

    /** Argo CD 2.x and later track by annotation unless told otherwise. */
    public static final TrackingMethod DEFAULT = Annotation;

    private final String argoName;
    private final boolean writesAnnotation;
    private final boolean writesLabel;

    TrackingMethod(String argoName, boolean writesAnnotation, boolean writesLabel) {
        this.argoName = argoName;
        this.writesAnnotation = writesAnnotation;
        this.writesLabel = writesLabel;
    }

    /** The name as written in Argo CD configuration, e.g. {@code annotation+label}. */
    public String argoName() {
        return argoName;
    }

    /** Whether the tracking-id annotation is written and decides ownership. */
    public boolean usesAnnotation() {
        return writesAnnotation;
    }

    /** Whether the instance label is written. */
    public boolean writesLabel() {
        return writesLabel;
    }

    /**
     * Parses Argo CD's spelling; {@code null} or blank means {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the accepted values when the text is unknown
     */
    public static TrackingMethod parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String t = text.trim();
        for (TrackingMethod m : values()) {
            if (m.argoName.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown resource tracking method '" + t + "'; expected one of "
                + Arrays.stream(values()).map(TrackingMethod::argoName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return argoName;
    }
}
