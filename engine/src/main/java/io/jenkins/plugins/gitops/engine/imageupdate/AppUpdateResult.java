package io.jenkins.plugins.gitops.engine.imageupdate;

import java.time.Instant;
import java.util.List;

/**
 * The result of one update check of one application. Invariant: when {@code error} is set, nothing was written
 * ({@code commit} empty, overrides unchanged); {@code changes} then lists what would have been written.
 *
 * @param app the application
 * @param images one status per tracked image
 * @param changes the images moved (or, with {@code dryRun}, that would move)
 * @param commit the pushed commit for Git write-back, empty otherwise
 * @param writeBack where changes went ({@code git <repo> <branch>:<file>}, {@code argocd}), empty when none
 * @param error the one-line reason the update failed, empty on success
 * @param checkedAt when the check ran
 * @param dryRun whether nothing was to be written
 */
public record AppUpdateResult(String app, List<ImageStatus> images, List<ImageChange> changes, String commit,
        String writeBack, String error, Instant checkedAt, boolean dryRun) {

    public boolean failed() {
        return !error.isEmpty();
    }

    public boolean changed() {
        return !changes.isEmpty() && !failed();
    }

    /** One line per change: {@code nginx 1.26.0 -> 1.27.1}. */
    public List<String> changeLines() {
        return changes.stream().map(c -> c.image().image().name() + " " + (c.oldVersion().isEmpty() ? "<none>"
                : c.oldVersion()) + " -> " + c.newVersion()).toList();
    }
}
