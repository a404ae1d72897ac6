package io.jenkins.plugins.gitops.engine.notify;

import java.time.Duration;

/**
 * How deliveries are retried: up to {@code attempts} tries, waiting {@code firstBackoff} after the first failure and
 * doubling up to {@code maxBackoff} (Argo CD's webhook service retries 3 times, 1 to 5 s apart). Permanent failures
 * (4xx answers, bad recipients) are not retried.
 */
public record DeliveryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, int logLimit) {

    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(60), 50);
    }

    Duration backoff(int failedAttempts) {
        long ms = firstBackoff.toMillis() << Math.min(20, failedAttempts - 1);
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
