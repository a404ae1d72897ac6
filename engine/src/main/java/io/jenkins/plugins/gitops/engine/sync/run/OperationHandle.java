package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The remote control of one running sync operation: another thread (a person pressing "Terminate", an aborted build)
 * calls {@link #terminate(String)}; the operation then starts no new task, stops waiting, leaves running hooks alone
 * and ends Failed with "terminated by &lt;who&gt;". Terminating is always possible and idempotent (the first caller is
 * remembered). Thread-safe.
 */
public final class OperationHandle {

    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile String terminatedBy;
    private volatile String stopReason;
    private volatile OperationPhase phase = OperationPhase.Running;
    private final java.util.Set<Wakeup> sleeping = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Asks the operation to stop. {@code who} is named in the operation's message (a user id, a job). */
    public void terminate(String who) {
        synchronized (this) {
            if (terminatedBy != null) {
                return;
            }
            terminatedBy = who == null || who.isBlank() ? "unknown" : who;
            if (!phase.completed()) {
                phase = OperationPhase.Terminating;
            }
        }
        terminated.countDown();
        sleeping.forEach(Wakeup::signal);
    }

    /**
     * Stops the operation like {@link #terminate} but for a reason that is not a person's request, e.g. the
     * controller lost the lease of the application's shard: the operation ends Failed with exactly {@code reason}.
     */
    public void stop(String reason) {
        synchronized (this) {
            if (terminatedBy != null) {
                return;
            }
            stopReason = reason;
        }
        terminate("the controller (" + reason + ")");
    }

    /** The message an operation ends with once terminated or stopped. */
    public String terminationMessage() {
        return stopReason != null ? stopReason : "terminated by " + terminatedBy();
    }

    public boolean isTerminated() {
        return terminatedBy != null;
    }

    /** Who asked to terminate; empty string when nobody did. */
    public String terminatedBy() {
        return Objects.requireNonNullElse(terminatedBy, "");
    }

    /** Running, Terminating, or the final phase once the operation ended. */
    public OperationPhase phase() {
        return phase;
    }

    /** An operation (or a retry of it) starts: Running, unless termination was already asked for. */
    synchronized void begin() {
        phase = terminatedBy == null ? OperationPhase.Running : OperationPhase.Terminating;
    }

    synchronized void finish(OperationPhase finalPhase) {
        phase = finalPhase;
    }

    /** Sleeps for {@code duration} or until {@link #terminate} is called, whichever comes first. */
    public void sleep(Duration duration) throws InterruptedException {
        terminated.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** As {@link #sleep(Duration)}, and returns early too when {@code wakeup} is signalled. */
    public void sleep(Duration duration, Wakeup wakeup) throws InterruptedException {
        sleeping.add(wakeup);
        try {
            if (terminated.getCount() > 0) {
                wakeup.await(duration);
            }
        } finally {
            sleeping.remove(wakeup);
        }
    }
}
