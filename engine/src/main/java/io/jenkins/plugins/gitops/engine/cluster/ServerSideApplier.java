package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ResourceOperations.Target;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;

/**
 * Server-side apply ({@code kubectl apply --server-side}, Argo CD's {@code ServerSideApply=true} and our default): a
 * PATCH of type {@code application/apply-patch+yaml} carrying the desired object, the field manager
 * ({@code fieldManager}), {@code force} for conflicts, {@code dryRun=All} for dry runs and {@code fieldValidation}.
 * The API server owns the merge and records which fields our manager owns, so fields dropped from Git are removed,
 * fields owned by others are kept, and there is no 256 KiB last-applied annotation.
 *
 * <p>Servers without server-side apply (Kubernetes before 1.16, the fabric8 mock server) answer 415; the resulting
 * {@link ClusterException} has reason {@link ClusterException.Reason#UNSUPPORTED} and says to use client-side apply.
 */
public final class ServerSideApplier extends ResourceOperationsApplier {

    /** Fields the server owns; sending them in an apply body would be rejected or claim them for our manager. */
    private static final List<String> SERVER_METADATA =
            List.of("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink");

    public ServerSideApplier(KubernetesClient client, ApiDiscovery discovery, String server, SecretRedactor redactor) {
        this(new ResourceOperations(client, discovery, server, redactor));
    }

    ServerSideApplier(ResourceOperations ops) {
        super(ops);
    }

    /** A server-side applier for a connection (its client, discovery cache and redactor). */
    public static ServerSideApplier forConnection(ClusterConnection connection) {
        return new ServerSideApplier(connection.client(), connection.discovery(), connection.server(),
                connection.redactor());
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        String verb = options.dryRun() ? "dry-run server-side apply" : "server-side apply";
        Target t = ops.target(verb, desired);
        ObjectNode body = ResourceOperations.body(t, desired.node());
        ObjectNode meta = body.with("metadata");
        SERVER_METADATA.forEach(meta::remove);
        return ops.serverSideApply(verb, t, body, options, desired);
    }
}
