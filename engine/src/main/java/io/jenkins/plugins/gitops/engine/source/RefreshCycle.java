package io.jenkins.plugins.gitops.engine.source;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One pass of the reconciler over its applications. Passing the same cycle to every {@code fetch} of that pass makes
 * each repository fetch at most once per pass, however many applications share it: a fetch that <em>started</em>
 * after the cycle began satisfies every later request of the cycle, whether it succeeded or failed (a failure is
 * reported again, not retried, until the next cycle).
 *
 * <p>Cycles are ordered by a process-wide logical clock, not by wall time, so two cycles begun in the same millisecond
 * are still distinct. A plain {@code fetch(url, creds)} behaves like a cycle begun at the moment of the call: it is
 * satisfied only by a fetch that starts after it was requested (a webhook must see the push it announces).
 */
public final class RefreshCycle {

    private static final AtomicLong CLOCK = new AtomicLong();

    private final long startTick;

    private RefreshCycle(long startTick) {
        this.startTick = startTick;
    }

    /**
     * A cycle that every fetch made so far satisfies: what the local mirrors hold is read as it is, and only a
     * repository never fetched is fetched. Argo CD's {@code CompareWithRecent}, for a refresh caused by a change in
     * the cluster: Git did not change, so it need not be asked (the next periodic refresh or a webhook does).
     */
    public static RefreshCycle recent() {
        return RECENT;
    }

    private static final RefreshCycle RECENT = new RefreshCycle(Long.MIN_VALUE + 1);

    /** Begins a new cycle now. */
    public static RefreshCycle begin() {
        return new RefreshCycle(tick());
    }

    /** Identifier for log lines, unique within this JVM and increasing with time. */
    public long id() {
        return startTick;
    }

    /** The logical time the cycle began; fetches started at or after it satisfy it. */
    long startTick() {
        return startTick;
    }

    /** Advances and returns the logical clock shared by cycles and fetches. */
    static long tick() {
        return CLOCK.incrementAndGet();
    }

    @Override
    public String toString() {
        return "RefreshCycle#" + startTick;
    }
}
