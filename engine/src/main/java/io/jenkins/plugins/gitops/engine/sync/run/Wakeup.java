package io.jenkins.plugins.gitops.engine.sync.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a sync's wait early: a watch signals it when an object the sync waits for changed, and terminating the
 * operation signals it too. A signal that arrives while nobody waits is kept for the next wait, so no change between
 * two looks is missed. Thread-safe.
 */
public final class Wakeup {

    private long signals;
    private long consumed;

    /** Something changed: the current or next {@link #await} returns at once. */
    public synchronized void signal() {
        signals++;
        notifyAll();
    }

    /** Returns when signalled since the last call returned, or after {@code timeout}, whichever comes first. */
    public synchronized void await(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (signals == consumed) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        consumed = signals;
    }
}
