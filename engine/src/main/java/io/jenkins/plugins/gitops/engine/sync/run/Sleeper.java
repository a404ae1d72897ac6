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
}
