package io.jenkins.plugins.gitops.engine.cluster.live;

/** A {@code argocd.argoproj.io/tracking-id} value that does not follow {@link TrackingId#FORMAT}. */
public final class MalformedTrackingIdException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedTrackingIdException(String message) {
        super(message);
    }
}
