package io.jenkins.plugins.gitops.engine.sync.hook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;

/**
 * Argo CD's {@code argocd.argoproj.io/hook-finalizer} (gitops-engine {@code hook.HookFinalizer}): every hook object is
 * written with it, so that nothing deletes a hook before the sync has read its result - a Job with
 * {@code ttlSecondsAfterFinished: 0}, which the TTL controller deletes the moment it finishes, stays readable (with a
 * deletion timestamp) until the sync removes the finalizer. The sync removes it as soon as it has read the hook's
 * result, before deleting the hook for its delete policy, and once more for every hook when the operation ends
 * however it ended (failed, terminated, errored), so the finalizer is never left behind.
 */
public final class HookFinalizer {

    public static final String NAME = "argocd.argoproj.io/hook-finalizer";

    private HookFinalizer() {}

    /** {@code hook} with the finalizer added to {@code metadata.finalizers} (unchanged when it has it already). */
    public static KubeObject add(KubeObject hook) {
        for (var f : hook.metadata().path("finalizers")) {
            if (NAME.equals(f.asText())) {
                return hook;
            }
        }
        ObjectNode copy = hook.mutableCopy();
        ObjectNode meta = copy.with("metadata");
        ArrayNode finalizers = meta.path("finalizers").isArray() ? (ArrayNode) meta.get("finalizers")
                : meta.putArray("finalizers");
        finalizers.add(NAME);
        return new KubeObject(copy, hook.source());
    }
}
