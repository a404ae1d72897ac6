package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * One operation per application at a time, and no "another operation is already in progress" errors (Be-better #4):
 * a request for an application that is busy waits; further requests coalesce with it, the latest request winning,
 * and every waiter gets the outcome of the operation that finally ran for it. Operations of different applications
 * run in parallel on the given executor (its size bounds operation concurrency).
 */
public final class OperationQueue {

    private static final class AppSlot {
        boolean running;
        boolean startedOnce;
        SyncRequest pending;
        List<CompletableFuture<SyncOutcome>> waiters = new ArrayList<>();
    }

    private final Executor executor;
    private final BiFunction<String, SyncRequest, SyncOutcome> operation;
    private final Map<String, AppSlot> slots = new HashMap<>();

    /** {@code operation} runs one sync for (app, request) and must not throw for ordinary failures. */
    public OperationQueue(Executor executor, BiFunction<String, SyncRequest, SyncOutcome> operation) {
        this.executor = executor;
        this.operation = operation;
    }

    public CompletableFuture<SyncOutcome> submit(String app, SyncRequest request) {
        CompletableFuture<SyncOutcome> f = new CompletableFuture<>();
        boolean start;
        synchronized (this) {
            AppSlot slot = slots.computeIfAbsent(app, a -> new AppSlot());
            slot.pending = request;
            slot.waiters.add(f);
            start = !slot.running;
            if (start) {
                slot.running = true;
            }
        }
        if (start) {
            try {
                executor.execute(() -> drain(app));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                List<CompletableFuture<SyncOutcome>> waiters;
                synchronized (this) {
                    AppSlot slot = slots.remove(app);
                    waiters = slot == null ? List.of() : slot.waiters;
                }
                waiters.forEach(w -> w.completeExceptionally(closed));
            }
        }
        return f;
    }

    /** Whether an operation runs or waits for this application. */
    public synchronized boolean busy(String app) {
        AppSlot s = slots.get(app);
        return s != null && (s.running || s.pending != null);
    }

    /** Whether a request waits behind the running operation. */
    public synchronized boolean queued(String app) {
        AppSlot s = slots.get(app);
        return s != null && s.running && s.pending != null && !s.waiters.isEmpty() && s.startedOnce;
    }

    private void drain(String app) {
        while (true) {
            SyncRequest req;
            List<CompletableFuture<SyncOutcome>> waiters;
            synchronized (this) {
                AppSlot slot = slots.get(app);
                if (slot.pending == null) {
                    slot.running = false;
                    slot.startedOnce = false;
                    slots.remove(app);
                    return;
                }
                req = slot.pending;
                waiters = slot.waiters;
                slot.pending = null;
                slot.waiters = new ArrayList<>();
                slot.startedOnce = true;
            }
            try {
                SyncOutcome outcome = operation.apply(app, req);
                waiters.forEach(w -> w.complete(outcome));
            } catch (RuntimeException | Error e) {
                waiters.forEach(w -> w.completeExceptionally(e));
            }
        }
    }
}
