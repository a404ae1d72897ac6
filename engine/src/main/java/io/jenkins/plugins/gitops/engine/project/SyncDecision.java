package io.jenkins.plugins.gitops.engine.project;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a sync may run now, and if not, why and until when. Invariant: an allowed decision has no blocking windows
 * and no {@code blockedUntil}; a blocked one names at least one window. {@code blockedUntil} is empty when the block
 * does not end within a year.
 *
 * @param allowed whether the sync may run
 * @param blockingWindows the active deny windows that block it, or the inactive allow windows it must wait for
 * @param blockedUntil the first instant at which the sync would be allowed
 * @param reason a sentence for the user naming the application and the windows
 */
public record SyncDecision(boolean allowed, List<ScheduledWindow> blockingWindows, Optional<Instant> blockedUntil,
        String reason) {

    public SyncDecision {
        blockingWindows = List.copyOf(blockingWindows);
        if (allowed != blockingWindows.isEmpty()) {
            throw new IllegalArgumentException("a blocked decision names its windows, an allowed one none");
        }
    }

    static SyncDecision allow(String reason) {
        return new SyncDecision(true, List.of(), Optional.empty(), reason);
    }
}
