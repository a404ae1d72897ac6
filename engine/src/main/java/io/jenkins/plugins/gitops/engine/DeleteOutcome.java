package io.jenkins.plugins.gitops.engine;

import java.time.Instant;
import java.util.List;

/**
 * The end of one application deletion. {@code phase} is Succeeded (the application is gone: PreDelete hooks
 * completed, resources deleted as {@code cascade} says, PostDelete hooks completed; callers forget the application),
 * Failed (a hook failed, a resource could not be deleted, a timeout) or Error (it could not run, e.g. rendering
 * failed). {@code resources} holds one result per hook and deleted (Pruned) or kept (PruneSkipped) resource.
 *
 * @param resourcesReleased true once the resources were deleted or, orphaning, released: a failure after that point
 *                          (a PostDelete hook) leaves the application half deleted, and running the deletion again
 *                          finishes it. False when nothing was deleted (e.g. a PreDelete hook failed).
 */
public record DeleteOutcome(String phase, String message, DeleteRequest.Cascade cascade, Instant startedAt,
        Instant finishedAt, List<ResourceResult> resources, boolean resourcesReleased) {

    public DeleteOutcome {
        resources = List.copyOf(resources);
    }

    public boolean succeeded() {
        return "Succeeded".equals(phase);
    }

    /** The resources deleted (status Pruned, not hooks). */
    public List<ResourceResult> deleted() {
        return resources.stream().filter(r -> r.hookType().isEmpty() && "Pruned".equals(r.status())).toList();
    }

    /** The resources kept (status PruneSkipped: Delete=false, CRDs, helm.sh/resource-policy: keep...). */
    public List<ResourceResult> kept() {
        return resources.stream().filter(r -> r.hookType().isEmpty() && "PruneSkipped".equals(r.status())).toList();
    }

    /** The PreDelete and PostDelete hooks run. */
    public List<ResourceResult> hooks() {
        return resources.stream().filter(r -> !r.hookType().isEmpty()).toList();
    }
}
