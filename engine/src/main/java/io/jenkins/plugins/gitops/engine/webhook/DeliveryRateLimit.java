package io.jenkins.plugins.gitops.engine.webhook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address for the webhook endpoint: each source may send {@code burst} deliveries at once
 * and then one every {@code interval}; beyond that it is answered 429 before its body is read, so a flood costs
 * neither memory nor Git fetches. Push traffic of a real repository (a few deliveries a minute) never comes near the
 * defaults. The table of sources is bounded (the least recently seen are forgotten first), so spoofed or many
 * addresses cannot grow it without limit.
 */
public final class DeliveryRateLimit {

    /** 60 at once, then one a second, per source. */
    public static final DeliveryRateLimit DEFAULT = new DeliveryRateLimit(60, Duration.ofSeconds(1), 10_000);

    private final int burst;
    private final long intervalNanos;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    public DeliveryRateLimit(int burst, Duration interval, int maxSources) {
        if (burst < 1 || interval.isZero() || interval.isNegative() || maxSources < 1) {
            throw new IllegalArgumentException("burst, interval and maxSources must be positive");
        }
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Whether a delivery from {@code source} at {@code now} (a monotonic nano time) is admitted; takes a token. */
    public synchronized boolean admit(String source, long nowNanos) {
        Bucket b = buckets.computeIfAbsent(source == null ? "" : source, s -> new Bucket(burst, nowNanos));
        double refilled = (double) (nowNanos - b.updatedNanos) / intervalNanos;
        b.tokens = Math.min(burst, b.tokens + Math.max(0, refilled));
        b.updatedNanos = nowNanos;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    /** Same, now. */
    public boolean admit(String source) {
        return admit(source, System.nanoTime());
    }

    /** How many sources are remembered (bounded by maxSources). */
    public synchronized int sources() {
        return buckets.size();
    }

    @Override
    public String toString() {
        return burst + " at once, then one every " + Duration.ofNanos(intervalNanos) + " per source";
    }
}
