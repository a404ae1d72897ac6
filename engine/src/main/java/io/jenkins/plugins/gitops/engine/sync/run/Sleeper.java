package io.jenkins.plugins.gitops.engine.sync.run;

import java.time.Duration;

/**
 * How a sync operation waits between two looks at the cluster (health polls, retry backoff). Injectable so that tests
 * advance a fake clock instead of sleeping; the default waits for real and wakes up early when the operation is
 * terminated (see {@link OperationHandle#sleep(Duration)}).
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread with {@link Thread#sleep}. */
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    /**
     * Waits about {@code duration}; may return early.
     *
     * @throws InterruptedException when the thread is interrupted; the operation then ends with Error
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits about {@code duration}, or less when {@code wakeup} is signalled (a watched object changed). Sleepers that
     * ignore wake-ups (test sleepers advancing a fake clock) keep this default: the caller then looks again after
     * {@code duration}, as without a watch.
     */
    default void sleep(Duration duration, Wakeup wakeup) throws InterruptedException {
        sleep(duration);
    }
}
