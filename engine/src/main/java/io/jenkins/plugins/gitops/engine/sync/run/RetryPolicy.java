package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * When a failed sync operation is run again (Argo CD's {@code spec.syncPolicy.retry}): up to {@code limit} retries
 * (negative: no limit, 0: never), the n-th after {@code backoff * factor^(n-1)}, never longer than
 * {@code maxDuration}. With Argo CD's defaults that is 5s, 10s, 20s, 40s, 80s, 160s, 180s, 180s... Like Argo CD, any
 * failed or errored operation is retried, dry-run failures included; terminated operations and dry-run operations are
 * not. Immutable.
 */
public record RetryPolicy(int limit, Duration backoff, int factor, Duration maxDuration) {

    /** Never retry. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (backoff.isNegative() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("retry backoff durations must not be negative");
        }
        if (factor < 1) {
            throw new IllegalArgumentException("retry backoff factor must be at least 1, got " + factor);
        }
    }

    /** The application's retry settings; null (no {@code retry} block) means never retry. */
    public static RetryPolicy of(SyncPolicy.Retry retry) {
        if (retry == null) {
            return NONE;
        }
        return new RetryPolicy(retry.limit(), retry.backoffDuration(), retry.factor(), retry.maxDuration());
    }

    /** Whether another attempt may follow {@code retriesSoFar} retries. */
    public boolean allowsRetry(int retriesSoFar) {
        return limit < 0 || retriesSoFar < limit;
    }

    /** How long to wait before retry number {@code retry} (1 for the first retry). */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are counted from 1, got " + retry);
        }
        Duration wait = backoff;
        for (int i = 1; i < retry && wait.compareTo(maxDuration) < 0; i++) {
            wait = wait.multipliedBy(factor);
        }
        return wait.compareTo(maxDuration) > 0 ? maxDuration : wait;
    }
}
