package io.jenkins.plugins.gitops.engine.sync.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a sync's wait early: a watch signals it when an object the sync waits for changed, and terminating the
 * operation signals it too. A signal that arrives while nobody waits is kept for the next wait, so no change between
 * two looks is missed. Thread-safe.
 *
 * <p>A wave of objects changes in bursts (a controller updating 167 Deployments sends hundreds of events in two
 * seconds), and every look reads the whole wave: a signalled wait therefore returns no sooner than {@link #SETTLE}
 * after the previous one returned, so one look takes in every change of that window. The first change after a quiet
 * spell is seen at once; the wait for any change is at most {@link #SETTLE} longer. Looking at every event, the waiting
 * thread had about half of the Java samples (JFR) of a client waiting for a 167-Deployment gate, on two cores whose
 * API server and controllers were what the gate waited for.
 */
public final class Wakeup {

    /** The least time between two returns of a signalled wait. */
    static final Duration SETTLE = Duration.ofMillis(100);

    private final long settleNanos;
    private long signals;
    private long consumed;
    /** When the last wait returned; before the first, one window back, so the first signalled wait returns at once. */
    private long lastReturn;

    public Wakeup() {
        this(SETTLE);
    }

    Wakeup(Duration settle) {
        this.settleNanos = settle.toNanos();
        this.lastReturn = System.nanoTime() - settleNanos;
    }

    /** Something changed: the current or next {@link #await} returns at once (or once the settle window ends). */
    public synchronized void signal() {
        signals++;
        notifyAll();
    }

    /**
     * Returns when signalled since the last call returned, but not before the settle window that started when the last
     * call returned has passed; or after {@code timeout}, whichever comes first.
     */
    public synchronized void await(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (signals == consumed) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (signals != consumed) {
            long settled = Math.min(end, lastReturn + settleNanos);
            for (long left = settled - System.nanoTime(); left > 0; left = settled - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        consumed = signals;
        lastReturn = System.nanoTime();
    }
}
