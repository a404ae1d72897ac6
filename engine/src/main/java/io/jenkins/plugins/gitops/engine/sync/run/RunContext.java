package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt of an operation as the classes of this package see it: the caller's {@link SyncContext}, the progress
 * log of this application, when the attempt started and by when it must end. The SyncFail phase runs
 * {@link #withoutDeadline() without} the operation deadline, since it usually runs because that deadline passed.
 */
final class RunContext {

    private final SyncContext context;
    private final ProgressLog progress;
    private final Instant startedAt;
    private final Instant deadline;

    private RunContext(SyncContext context, ProgressLog progress, Instant startedAt, Instant deadline) {
        this.context = context;
        this.progress = progress;
        this.startedAt = startedAt;
        this.deadline = deadline;
    }

    static RunContext start(SyncContext context, String appName) {
        Instant now = context.clock().instant();
        return new RunContext(context, new ProgressLog(context.log().withPrefix(appName + ": ")), now,
                now.plus(context.operationTimeout()));
    }

    RunContext withoutDeadline() {
        return new RunContext(context, progress, startedAt, null);
    }

    SyncContext context() {
        return context;
    }

    ResourceApplier applier() {
        return context.applier();
    }

    ProgressLog progress() {
        return progress;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant now() {
        return context.clock().instant();
    }

    /** When the operation must have ended; empty while running SyncFail hooks. */
    Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    boolean terminated() {
        return context.handle().isTerminated();
    }

    String terminationMessage() {
        return context.handle().terminationMessage();
    }

    void sleep(Duration duration) {
        try {
            context.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterrupted(e);
        }
    }

    /** As {@link #sleep(Duration)}, returning early when {@code wakeup} is signalled (if the sleeper listens). */
    void sleep(Duration duration, Wakeup wakeup) {
        try {
            context.sleeper().sleep(duration, wakeup);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterrupted(e);
        }
    }

    /** The thread running the operation was interrupted: the operation ends with Error. */
    static final class OperationInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OperationInterrupted(InterruptedException cause) {
            super("the thread running the sync was interrupted", cause);
        }
    }
}
