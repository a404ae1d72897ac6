package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Optional;

/**
 * A cluster operation failed. The message always names the cluster (server URL) and, when one was involved, the
 * resource; it never contains a credential or a Secret value (see {@link SecretRedactor}). {@link #reason()} lets
 * callers react without parsing text, e.g. the sync planner skips the dry run of a kind whose CRD is not created yet
 * when the reason is {@link Reason#UNKNOWN_KIND}.
 */
public class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the operation failed, coarse enough to act on. */
    public enum Reason {
        /** Connection refused, DNS failure, TLS failure or timeout: the API server was not reached. */
        UNREACHABLE,
        /** The API server answered 5xx (other than a schema error, which is {@link #REJECTED}): may pass. */
        SERVER_ERROR,
        /** 401/403: the credentials were refused or lack permission. */
        UNAUTHORIZED,
        /** 404: the object (or its namespace) does not exist. */
        NOT_FOUND,
        /** 409: a concurrent write or an object that already exists. */
        CONFLICT,
        /** 415: the API server does not support the request's content type (e.g. no server-side apply). */
        UNSUPPORTED,
        /** The cluster does not serve this apiVersion/kind (discovery knows nothing about it). */
        UNKNOWN_KIND,
        /** Any other rejection (400, 422 validation, admission webhooks, a 500 for an object outside the schema...):
         * permanent, retrying the same object cannot help. */
        REJECTED,
        /** Bad local configuration (kubeconfig, certificate, destination). */
        CONFIGURATION
    }

    private final Reason reason;
    private final String server;
    private final transient ResourceKey resource;
    private final int httpCode;

    public ClusterException(Reason reason, String server, ResourceKey resource, int httpCode, String message,
            Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.server = server == null ? "" : server;
        this.resource = resource;
        this.httpCode = httpCode;
    }

    public ClusterException(Reason reason, String server, String message) {
        this(reason, server, null, 0, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The API server URL the operation was sent to (empty when not known yet). */
    public String server() {
        return server;
    }

    /** The resource the operation was about, when there was one. */
    public Optional<ResourceKey> resource() {
        return Optional.ofNullable(resource);
    }

    /** HTTP status of the API server's answer, 0 when there was no answer. */
    public int httpCode() {
        return httpCode;
    }
}
