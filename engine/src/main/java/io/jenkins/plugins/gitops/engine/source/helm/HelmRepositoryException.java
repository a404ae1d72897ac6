package io.jenkins.plugins.gitops.engine.source.helm;

/**
 * A Helm repository or OCI registry could not give the chart asked for: unreachable, credentials refused, chart or
 * version missing, a download that does not match its digest. The message names the repository (without
 * credentials), the chart and the cause, on one line; it never contains a password or token, so the underlying
 * exception is not attached.
 */
public class HelmRepositoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HelmRepositoryException(String message) {
        super(message);
    }
}
