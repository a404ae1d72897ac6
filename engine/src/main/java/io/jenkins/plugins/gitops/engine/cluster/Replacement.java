package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.cluster.ResourceOperations.Target;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Optional;

/**
 * {@code kubectl replace} semantics shared by both appliers (Argo CD's {@code Replace=true}, with {@code Force=true}
 * {@code kubectl replace --force}): the live object becomes exactly the desired one, nothing of the old object is
 * merged in. Absent objects are created. Forcing deletes the old object (background propagation, as kubectl does),
 * waits until it is gone and creates the new one, which is the only way to change immutable fields such as a Job's
 * template or a Service's clusterIP.
 */
final class Replacement {

    private Replacement() {}

    static KubeObject replace(ResourceOperations ops, KubeObject desired, boolean force, ApplyOptions options) {
        String verb = (options.dryRun() ? "dry-run " : "") + (force ? "force replace" : "replace");
        Target t = ops.target(verb, desired);
        ObjectNode body = ResourceOperations.body(t, desired.node());
        Optional<KubeObject> live = ops.get(t);
        if (live.isEmpty()) {
            return ops.create(verb, t, body, options, desired);
        }
        if (force) {
            if (options.dryRun()) {
                // a dry-run create would only report that the object still exists: check the delete, show the result
                ops.delete(t, PropagationPolicy.BACKGROUND, true, false);
                return new KubeObject(body, "dry-run");
            }
            ops.delete(t, PropagationPolicy.BACKGROUND, false, true);
            return ops.create(verb, t, body, options, desired);
        }
        body.with("metadata").put("resourceVersion", live.get().metadata().path("resourceVersion").asText());
        return ops.update(verb, t, body, options, desired);
    }
}
