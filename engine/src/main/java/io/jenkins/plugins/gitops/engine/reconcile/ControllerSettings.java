package io.jenkins.plugins.gitops.engine.reconcile;

import java.time.Duration;

/**
 * Tuning of the {@link Controller}: refresh every {@code refreshInterval} plus up to {@code jitter} (Argo CD 3.x:
 * 120 s + 60 s), at most {@code compareConcurrency} comparisons and {@code operationConcurrency} sync operations at
 * once (separately, so slow syncs never starve refreshes), self-heal backoff, and how many drift events each
 * application keeps.
 */
public record ControllerSettings(Duration refreshInterval, Duration jitter, int compareConcurrency,
        int operationConcurrency, SelfHealBackoff selfHealBackoff, int driftEventLimit) {

    public ControllerSettings {
        if (compareConcurrency < 1 || operationConcurrency < 1) {
            throw new IllegalArgumentException("compareConcurrency and operationConcurrency must be at least 1");
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive");
        }
    }

    /** Argo CD's {@code --status-processors} default: comparisons mostly wait for Git and the API server. */
    public static final int DEFAULT_COMPARE_CONCURRENCY = 20;
    /** Argo CD's {@code --operation-processors} default: operations mostly wait for the API server and health. */
    public static final int DEFAULT_OPERATION_CONCURRENCY = 10;

    public static ControllerSettings defaults() {
        return new ControllerSettings(Duration.ofSeconds(120), Duration.ofSeconds(60), DEFAULT_COMPARE_CONCURRENCY,
                DEFAULT_OPERATION_CONCURRENCY, SelfHealBackoff.DEFAULT, 100);
    }

    public ControllerSettings withRefreshInterval(Duration interval, Duration newJitter) {
        return new ControllerSettings(interval, newJitter, compareConcurrency, operationConcurrency, selfHealBackoff,
                driftEventLimit);
    }

    public ControllerSettings withSelfHealBackoff(SelfHealBackoff backoff) {
        return new ControllerSettings(refreshInterval, jitter, compareConcurrency, operationConcurrency, backoff,
                driftEventLimit);
    }

    public ControllerSettings withConcurrency(int compares, int operations) {
        return new ControllerSettings(refreshInterval, jitter, compares, operations, selfHealBackoff, driftEventLimit);
    }
}
