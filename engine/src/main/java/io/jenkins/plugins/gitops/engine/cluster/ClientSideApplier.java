package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException.Reason;
import io.jenkins.plugins.gitops.engine.cluster.ResourceOperations.Target;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.Optional;

/**
 * kubectl-style client-side apply ({@code kubectl apply} without {@code --server-side}), Argo CD's default when
 * {@code ServerSideApply=true} is not set.
 *
 * <p>An absent object is created. An existing one is merged three ways ({@link ThreeWayMerge}) between the
 * configuration we applied last time (the {@value AnnotationNames#LAST_APPLIED} annotation), the desired object and
 * the live object, so fields dropped from Git disappear while fields the server or other actors added stay. The
 * merged object is written with an update guarded by the live {@code resourceVersion}; a concurrent writer causes a
 * 409, after which the merge is recomputed from a fresh read (at most {@value #ATTEMPTS} times). kubectl sends the same
 * merge as a patch; sending the result instead keeps one code path for real clusters and the fabric8 mock.
 * Every write stores the desired object (without the annotation itself) in the annotation. An object that is already
 * as desired is not written at all.
 */
public final class ClientSideApplier extends ResourceOperationsApplier {

    static final int ATTEMPTS = 3;

    public ClientSideApplier(KubernetesClient client, ApiDiscovery discovery, String server, SecretRedactor redactor) {
        this(new ResourceOperations(client, discovery, server, redactor));
    }

    ClientSideApplier(ResourceOperations ops) {
        super(ops);
    }

    /** A client-side applier for a connection (its client, discovery cache and redactor). */
    public static ClientSideApplier forConnection(ClusterConnection connection) {
        return new ClientSideApplier(connection.client(), connection.discovery(), connection.server(),
                connection.redactor());
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        String verb = options.dryRun() ? "dry-run client-side apply" : "client-side apply";
        Target t = ops.target(verb, desired);
        ObjectNode wanted = withLastApplied(ResourceOperations.body(t, desired.node()));
        for (int attempt = 1; ; attempt++) {
            Optional<KubeObject> live = ops.get(t);
            if (live.isEmpty()) {
                return ops.create(verb, t, wanted, options, desired);
            }
            ObjectNode current = live.get().node();
            ObjectNode merged = ThreeWayMerge.merge(lastApplied(current), wanted, current,
                    MergeKeys.builtInGroup(t.api().group()));
            if (merged.equals(current)) {
                return live.get();
            }
            try {
                return ops.update(verb, t, merged, options, desired);
            } catch (ClusterException e) {
                if (e.reason() != Reason.CONFLICT || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** {@code body} plus the last-applied annotation holding {@code body} itself (minus that annotation). */
    static ObjectNode withLastApplied(ObjectNode body) {
        ObjectNode config = body.deepCopy();
        ObjectNode meta = config.with("metadata");
        JsonNode annotations = meta.get(KubeObject.ANNOTATIONS);
        if (annotations instanceof ObjectNode a) {
            a.remove(AnnotationNames.LAST_APPLIED);
            if (a.isEmpty()) {
                meta.remove(KubeObject.ANNOTATIONS);
            }
        }
        ObjectNode out = body.deepCopy();
        out.with("metadata").with(KubeObject.ANNOTATIONS).put(AnnotationNames.LAST_APPLIED, config.toString() + "\n");
        return out;
    }

    /** The configuration applied last time, or null when the annotation is absent or unreadable. */
    static ObjectNode lastApplied(ObjectNode live) {
        JsonNode text = live.path("metadata").path(KubeObject.ANNOTATIONS).get(AnnotationNames.LAST_APPLIED);
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            return null;
        }
        try {
            JsonNode parsed = Yaml.JSON.readTree(text.asText());
            return parsed instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null; // like kubectl without an annotation: nothing is known to remove
        }
    }
}
