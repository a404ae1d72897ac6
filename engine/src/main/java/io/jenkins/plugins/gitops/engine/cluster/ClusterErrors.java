package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException.Reason;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns fabric8 failures into {@link ClusterException}s whose message names the verb, the resource and the server,
 * says in plain words what went wrong, and carries no secret. Used by every class of this package that talks to an
 * API server, so all cluster errors read alike.
 */
final class ClusterErrors {

    /** Transport failures (no HTTP answer) by exception type, most specific first; the phrase ends the message. */
    private static final Map<String, String> TRANSPORT = new LinkedHashMap<>();

    static {
        TRANSPORT.put("java.net.ConnectException", "connection refused");
        TRANSPORT.put("java.net.NoRouteToHostException", "no route to host");
        TRANSPORT.put("java.net.UnknownHostException", "unknown host");
        TRANSPORT.put("java.net.http.HttpConnectTimeoutException", "connect timed out");
        TRANSPORT.put("java.net.http.HttpTimeoutException", "request timed out");
        TRANSPORT.put("java.net.SocketTimeoutException", "request timed out");
        TRANSPORT.put("java.util.concurrent.TimeoutException", "request timed out");
        TRANSPORT.put("javax.net.ssl.SSLHandshakeException", "TLS handshake failed (check the CA certificate)");
        TRANSPORT.put("javax.net.ssl.SSLException", "TLS failure (check the CA certificate)");
    }

    /** HTTP status to reason; codes not listed map by class (5xx: SERVER_ERROR, else REJECTED). */
    private static final Map<Integer, Reason> BY_CODE = Map.of(
            401, Reason.UNAUTHORIZED,
            403, Reason.UNAUTHORIZED,
            404, Reason.NOT_FOUND,
            409, Reason.CONFLICT,
            415, Reason.UNSUPPORTED);

    /**
     * Phrases of 5xx answers that are not the server failing but the object failing the schema: the structured-merge
     * code of server-side apply answers 500 for them. Retrying cannot help, so they are rejections.
     */
    private static final List<String> SCHEMA_ERRORS = List.of("field not declared in schema",
            "failed to create typed patch object", "failed to create typed live object", "schema error");

    private ClusterErrors() {}

    /**
     * @param verb what we tried, e.g. "server-side apply" or "delete"
     * @param resource the object concerned, or null for cluster-wide calls such as discovery
     */
    static ClusterException translate(RuntimeException e, String verb, ResourceKey resource, String server,
            SecretRedactor redactor) {
        if (e instanceof ClusterException ce) {
            return ce;
        }
        String subject = verb + (resource == null ? "" : " " + resource) + " on cluster " + server;
        int code = e instanceof KubernetesClientException kce ? kce.getCode() : 0;
        if (code <= 0) {
            String transport = transportPhrase(e);
            if (transport != null) {
                return new ClusterException(Reason.UNREACHABLE, server, resource, 0,
                        subject + " failed: API server unreachable (" + transport + ")", e);
            }
            return new ClusterException(Reason.REJECTED, server, resource, 0,
                    subject + " failed: " + redactor.redact(rootMessage(e)), e);
        }
        String detail = redactor.redact(statusMessage((KubernetesClientException) e));
        Reason reason = BY_CODE.getOrDefault(code, code >= 500 && !isSchemaError(detail) ? Reason.SERVER_ERROR
                : Reason.REJECTED);
        String message = subject + " failed: HTTP " + code + " " + detail + hint(reason, verb, detail);
        return new ClusterException(reason, server, resource, code, message, e);
    }

    private static boolean isSchemaError(String detail) {
        return SCHEMA_ERRORS.stream().anyMatch(detail::contains);
    }

    private static String hint(Reason reason, String verb, String detail) {
        if (reason == Reason.UNSUPPORTED && verb.contains("server-side apply")) {
            return " (the API server does not support server-side apply; use client-side apply, i.e. drop the"
                    + " ServerSideApply=true sync option)";
        }
        if (reason == Reason.SERVER_ERROR) {
            return " (the API server failed; retry later)";
        }
        if (isSchemaError(detail)) {
            return " (the object does not match the kind's schema: fix it in Git; Validate=false applies it"
                    + " client-side and drops unknown fields)";
        }
        return "";
    }

    private static String statusMessage(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            String reason = status.getReason();
            return status.getMessage() + (reason == null || reason.isBlank() ? "" : " [" + reason + "]");
        }
        return rootMessage(e);
    }

    private static String transportPhrase(Throwable e) {
        for (Map.Entry<String, String> entry : TRANSPORT.entrySet()) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (isA(t.getClass(), entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return "I/O error: " + io.getClass().getSimpleName();
            }
        }
        return null;
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? e.getMessage() : t.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
