package io.jenkins.plugins.gitops.engine.sync.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs work items with at most {@code limit} in flight on the caller's executor, starting the next one as soon as one
 * finishes, and stops starting new ones once {@code stop} says so (termination). Items already started always finish.
 * Without an executor items run one by one on the calling thread. Results come back in input order; items never
 * started have none. Unexpected exceptions of an item are rethrown on the calling thread.
 */
final class BoundedParallel {

    private BoundedParallel() {}

    static <I, O> List<O> map(List<I> items, Function<I, O> work, Optional<ExecutorService> executor, int limit,
            BooleanSupplier stop) {
        if (executor.isEmpty() || limit == 1 || items.size() <= 1) {
            List<O> out = new ArrayList<>();
            for (I item : items) {
                if (stop.getAsBoolean()) {
                    break;
                }
                out.add(work.apply(item));
            }
            return out;
        }
        CompletionService<Map.Entry<Integer, O>> service = new ExecutorCompletionService<>(executor.get());
        Map<Integer, O> done = new TreeMap<>();
        Iterator<I> next = items.iterator();
        int index = 0;
        int running = 0;
        while (running < limit && next.hasNext() && !stop.getAsBoolean()) {
            submit(service, work, next.next(), index++);
            running++;
        }
        RuntimeException failure = null;
        while (running > 0) {
            try {
                Map.Entry<Integer, O> result = service.take().get();
                done.put(result.getKey(), result.getValue());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : unwrap(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunContext.OperationInterrupted(e);
            }
            running--;
            if (failure == null && next.hasNext() && !stop.getAsBoolean()) {
                submit(service, work, next.next(), index++);
                running++;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(done.values());
    }

    private static <I, O> void submit(CompletionService<Map.Entry<Integer, O>> service, Function<I, O> work, I item,
            int index) {
        service.submit(() -> Map.entry(index, work.apply(item)));
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
