package io.jenkins.plugins.gitops.engine.reconcile;

import java.time.Instant;

/**
 * A person paused self-heal during an incident (Be-better #3): until {@code until}, drift is reported but not
 * reverted. The pause expires by itself; {@code by} and {@code reason} are shown on the application.
 */
public record SelfHealPause(Instant until, String by, String reason) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
