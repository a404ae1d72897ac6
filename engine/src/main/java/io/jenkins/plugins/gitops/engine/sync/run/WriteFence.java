package io.jenkins.plugins.gitops.engine.sync.run;

import java.util.Optional;

/**
 * Whether the operation may still write to the cluster. Several controllers share the work through Kubernetes Leases
 * ({@code reconcile.shard}); the one holding an application's shard gives its operations a fence, and the operation
 * asks it before it starts, before every write (apply, replace, create, prune, hook deletion), between waves and after
 * every wait. Once {@link #lost()} answers, the operation stops at once with that message and is never retried, so it
 * cannot continue in parallel with the controller that took the lease over.
 */
@FunctionalInterface
public interface WriteFence {

    /** The single controller's fence: it never loses its right to write. */
    WriteFence NONE = Optional::empty;

    /** Empty while writing is allowed; otherwise why not ("lost leadership of shard 2 to ctl-b"). */
    Optional<String> lost();
}
