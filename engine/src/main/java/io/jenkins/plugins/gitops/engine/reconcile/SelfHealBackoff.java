package io.jenkins.plugins.gitops.engine.reconcile;

import java.time.Duration;

/**
 * Delay before the n-th consecutive self-heal attempt on the same revision: Argo CD's self-heal backoff, 2 s growing
 * threefold per attempt, capped at 300 s (controller/appcontroller.go, selfHealBackoff defaults).
 */
public record SelfHealBackoff(Duration initial, int factor, Duration cap) {

    public static final SelfHealBackoff DEFAULT = new SelfHealBackoff(Duration.ofSeconds(2), 3, Duration.ofSeconds(300));

    /** Delay before attempt {@code attempt} (0 for the first). */
    public Duration delay(int attempt) {
        long millis = initial.toMillis();
        for (int i = 0; i < attempt && millis < cap.toMillis(); i++) {
            millis *= factor;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }
}
