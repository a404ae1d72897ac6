package io.jenkins.plugins.gitops.engine.reconcile.shard;

import java.time.Duration;

/**
 * client-go's leader-election timing. {@code leaseDuration}: how long others wait after the last renewal they saw
 * before taking a lease over. {@code renewDeadline}: how long the holder keeps writing after the start of its last
 * successful renewal (it must be shorter, the difference is the safety margin). {@code retryPeriod}: how often every
 * controller tries to acquire or renew. Defaults 15 s, 10 s, 2 s, as kube-controller-manager's.
 */
public record LeaseTiming(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

    public static final LeaseTiming DEFAULT = new LeaseTiming(Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(2));

    public LeaseTiming {
        if (leaseDuration.toMillis() < 1000) {
            throw new IllegalArgumentException("lease duration must be at least 1s, not " + secs(leaseDuration));
        }
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the renew deadline (" + secs(renewDeadline)
                    + ") must be shorter than the lease duration (" + secs(leaseDuration) + ")");
        }
        if (retryPeriod.isNegative() || retryPeriod.isZero() || retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("the retry period (" + secs(retryPeriod)
                    + ") must be positive and shorter than the renew deadline (" + secs(renewDeadline) + ")");
        }
    }

    static String secs(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
    }

    /** The lease duration as the Lease's {@code leaseDurationSeconds} (rounded up). */
    int leaseSeconds() {
        return (int) Math.max(1, (leaseDuration.toMillis() + 999) / 1000);
    }
}
