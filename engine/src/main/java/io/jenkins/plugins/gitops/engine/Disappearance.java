package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.run.OperationHandle;
import io.jenkins.plugins.gitops.engine.sync.run.SyncContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Waits until deleted objects no longer exist, as Argo CD's deletion does before it calls an application deleted
 * ("N objects remaining for deletion"). With foreground propagation an object stays, with a deletionTimestamp, until
 * the garbage collector removed its dependents, so this also waits for those. Stops at the operation timeout or when
 * the operation is terminated.
 */
final class Disappearance {

    private final ResourceApplier applier;
    private final SyncContext context;
    private final EngineLog log;

    Disappearance(ResourceApplier applier, SyncContext context, EngineLog log) {
        this.applier = applier;
        this.context = context;
        this.log = log;
    }

    /** Empty when every object is gone; else what is still there and why the wait ended. */
    String await(List<ResourceKey> keys, OperationHandle handle) {
        Instant deadline = context.clock().instant().plus(context.operationTimeout());
        List<ResourceKey> pending = new ArrayList<>(keys);
        int lastCount = -1;
        while (true) {
            pending.removeIf(this::gone);
            if (pending.isEmpty()) {
                return "";
            }
            if (handle.isTerminated()) {
                return "terminated by " + handle.terminatedBy() + " while waiting for " + names(pending)
                        + " to be deleted";
            }
            if (!context.clock().instant().isBefore(deadline)) {
                return "timed out waiting for " + names(pending) + " to be deleted";
            }
            if (pending.size() != lastCount) {
                log.info("waiting for " + pending.size() + " resource(s) to be gone: " + names(pending));
                lastCount = pending.size();
            }
            try {
                context.sleeper().sleep(context.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for " + names(pending) + " to be deleted";
            }
        }
    }

    private boolean gone(ResourceKey key) {
        try {
            return applier.get(key).isEmpty();
        } catch (ClusterException e) {
            log.warn("cannot tell whether " + key + " is gone: " + e.getMessage());
            return false;
        }
    }

    private static String names(List<ResourceKey> keys) {
        String shown = keys.stream().limit(3).map(ResourceKey::toString).collect(Collectors.joining(", "));
        return keys.size() > 3 ? shown + " and " + (keys.size() - 3) + " more" : shown;
    }
}
