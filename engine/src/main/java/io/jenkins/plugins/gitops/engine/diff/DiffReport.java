package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;

/**
 * Plain-text renderings of a {@link DiffResult} for logs, the CLI and build pages: a summary naming every resource,
 * its status and each differing field with its reason, and the concatenated unified diffs. Secret values never
 * appear (they are masked before these texts are built).
 */
public final class DiffReport {

    private DiffReport() {}

    /**
     * One block per resource, e.g.
     * <pre>
     * Application: OutOfSync
     * apps/Deployment default/web: OutOfSync
     *   spec.replicas: changed (live 3 -&gt; Git 5)
     * </pre>
     */
    public static String summary(DiffResult result) {
        StringBuilder b = new StringBuilder("Application: ").append(result.syncStatus()).append('\n');
        for (ResourceDiff r : result.resources()) {
            b.append(r.key()).append(": ").append(r.syncStatus());
            if (r.requiresPruning()) {
                b.append(", requires pruning");
            }
            if (!r.affectsAppSync()) {
                b.append(", ignored for the application status (IgnoreExtraneous)");
            }
            b.append('\n');
            r.differences().forEach(d -> b.append("  ").append(d).append('\n'));
        }
        for (ResourceKey hook : result.hooks()) {
            b.append(hook).append(": hook, not compared\n");
        }
        result.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
        return b.toString();
    }

    /** The unified diffs of all resources that differ, in key order. */
    public static String unifiedDiffs(DiffResult result) {
        StringBuilder b = new StringBuilder();
        for (ResourceDiff r : result.outOfSync()) {
            b.append(r.unifiedDiff());
        }
        return b.toString();
    }
}
