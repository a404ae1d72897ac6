package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.health.HealthChecks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Everything a {@link SyncOperation} needs besides the plan: the cluster, health checks, where progress goes, how to
 * run tasks in parallel, how to wait, and the limits. Build with {@link #builder(ResourceApplier)}; every setting has
 * a default. Immutable.
 *
 * @param applier writes to and reads from the destination cluster
 * @param healthChecks decide when a wave is healthy and when a hook completed
 * @param log receives one line per event; every line is prefixed with the application name
 * @param executor runs the tasks of one kind group in parallel; empty runs them one by one on the calling thread
 * @param parallelism the most tasks of one kind group in flight at once (with an executor)
 * @param applyOptions base options of every write (field manager, forced conflicts); per-task sync options
 *        (ServerSideApply, Validate) adjust them
 * @param handle lets another thread terminate the operation
 * @param sleeper waits between polls and before retries
 * @param clock tells the time for timeouts and results
 * @param pollInterval time between two looks at the health of a wave
 * @param hookTimeout how long a hook may run unless its {@value #HOOK_TIMEOUT_ANNOTATION} annotation says otherwise
 * @param operationTimeout how long the whole operation may take before it fails
 * @param fence whether the operation may still write (a lease of the application's shard); the applier and sleeper
 *        of a context built with a fence ask it before every write and after every wait
 */
public record SyncContext(
        ResourceApplier applier,
        HealthChecks healthChecks,
        EngineLog log,
        Optional<ExecutorService> executor,
        int parallelism,
        ApplyOptions applyOptions,
        OperationHandle handle,
        Sleeper sleeper,
        Clock clock,
        Duration pollInterval,
        Duration hookTimeout,
        Duration operationTimeout,
        WriteFence fence) {

    /** Annotation on a hook that overrides {@link #hookTimeout()}, a Go duration such as {@code 5m} or {@code 90s}. */
    public static final String HOOK_TIMEOUT_ANNOTATION = "gitops-sync.jenkins.io/hook-timeout";
    /** Argo CD's default {@code --kubectl-parallelism-limit}. */
    public static final int DEFAULT_PARALLELISM = 20;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(10);
    /** Argo CD has no limit, so a rollout that never becomes healthy blocks the application forever; we stop. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofHours(1);

    public SyncContext {
        Objects.requireNonNull(applier, "applier");
        Objects.requireNonNull(healthChecks, "healthChecks");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(executor, "executor");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        Objects.requireNonNull(applyOptions, "applyOptions");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        requirePositive(pollInterval, "pollInterval");
        requirePositive(hookTimeout, "hookTimeout");
        requirePositive(operationTimeout, "operationTimeout");
        Objects.requireNonNull(fence, "fence");
    }

    public static Builder builder(ResourceApplier applier) {
        return new Builder(applier);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }

    /** Builder; defaults: default health checks, no log, no executor, parallelism 20 (Argo CD's default), server-side apply as
     * {@code gitops-sync}, a fresh handle, real time, poll every 2s, hooks 10m, operation 1h. */
    public static final class Builder {
        private final ResourceApplier applier;
        private HealthChecks healthChecks = HealthChecks.defaults();
        private EngineLog log = EngineLog.NONE;
        private ExecutorService executor;
        private int parallelism = DEFAULT_PARALLELISM;
        private ApplyOptions applyOptions = ApplyOptions.defaults();
        private OperationHandle handle = new OperationHandle();
        private Sleeper sleeper;
        private Clock clock = Clock.systemUTC();
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration hookTimeout = DEFAULT_HOOK_TIMEOUT;
        private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
        private WriteFence fence = WriteFence.NONE;

        private Builder(ResourceApplier applier) {
            this.applier = applier;
        }

        public Builder healthChecks(HealthChecks value) {
            this.healthChecks = value;
            return this;
        }

        public Builder log(EngineLog value) {
            this.log = value;
            return this;
        }

        /** Runs the tasks of a kind group on this executor; the caller owns (and shuts down) it. */
        public Builder executor(ExecutorService value) {
            this.executor = value;
            return this;
        }

        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        public Builder applyOptions(ApplyOptions value) {
            this.applyOptions = value;
            return this;
        }

        public Builder handle(OperationHandle value) {
            this.handle = value;
            return this;
        }

        /** Replaces real waiting, e.g. by a fake clock in tests. Default: {@link OperationHandle#sleep}. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        public Builder hookTimeout(Duration value) {
            this.hookTimeout = value;
            return this;
        }

        /** The operation's limit; null keeps the default. */
        public Builder operationTimeout(Duration value) {
            if (value != null) {
                this.operationTimeout = value;
            }
            return this;
        }

        /** Asks {@code value} before every write and after every wait; see {@link WriteFence}. */
        public Builder fence(WriteFence value) {
            this.fence = Objects.requireNonNull(value, "fence");
            return this;
        }

        public SyncContext build() {
            OperationHandle h = handle;
            Sleeper s = sleeper != null ? sleeper : new Sleeper() {
                @Override
                public void sleep(Duration d) throws InterruptedException {
                    h.sleep(d);
                }

                @Override
                public void sleep(Duration d, Wakeup wakeup) throws InterruptedException {
                    h.sleep(d, wakeup);
                }
            };
            ResourceApplier a = applier;
            if (fence != WriteFence.NONE) {
                a = new FencedApplier(applier, fence, h);
                Sleeper inner = s;
                WriteFence f = fence;
                s = new Sleeper() {
                    @Override
                    public void sleep(Duration d) throws InterruptedException {
                        inner.sleep(d);
                        f.lost().ifPresent(h::stop);
                    }

                    @Override
                    public void sleep(Duration d, Wakeup wakeup) throws InterruptedException {
                        inner.sleep(d, wakeup);
                        f.lost().ifPresent(h::stop);
                    }
                };
            }
            return new SyncContext(a, healthChecks, log, Optional.ofNullable(executor), parallelism,
                    applyOptions, h, s, clock, pollInterval, hookTimeout, operationTimeout, fence);
        }
    }
}
