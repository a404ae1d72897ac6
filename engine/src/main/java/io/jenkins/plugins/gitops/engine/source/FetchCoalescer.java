package io.jenkins.plugins.gitops.engine.source;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes concurrent fetches of one repository share work. A request carries a threshold on the logical clock of
 * {@link RefreshCycle}: any fetch that started at or after the threshold satisfies it.
 *
 * <ul>
 *   <li>a finished fetch that started late enough answers at once (success, or the same failure again);
 *   <li>a running fetch that started late enough is joined;
 *   <li>a running fetch that started too early is waited for, then one follow-up fetch is shared by everyone who
 *       arrived meanwhile;
 *   <li>otherwise the caller runs the fetch itself.
 * </ul>
 * State is per repository (one coalescer per URL), so different repositories never wait for each other.
 */
final class FetchCoalescer {

    /** The work being coalesced: one real fetch. */
    @FunctionalInterface
    interface Fetch {
        void run() throws GitSourceException;
    }

    private final AtomicInteger fetchCount = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private CompletableFuture<Void> running;
    private long runningStart;
    private long lastSuccessStart = Long.MIN_VALUE;
    private long lastFailureStart = Long.MIN_VALUE;
    private String lastFailure;

    /** Returns once a fetch that started at or after {@code threshold} has succeeded; throws if it failed. */
    void fetch(long threshold, Fetch fetch) {
        while (true) {
            CompletableFuture<Void> other;
            boolean joins;
            CompletableFuture<Void> mine = null;
            long start = 0;
            synchronized (this) {
                if (lastSuccessStart >= threshold && lastSuccessStart >= lastFailureStart) {
                    return;
                }
                if (lastFailureStart >= threshold) {
                    throw new GitSourceException(lastFailure);
                }
                if (running == null) {
                    mine = new CompletableFuture<>();
                    start = RefreshCycle.tick();
                    running = mine;
                    runningStart = start;
                }
                other = running;
                joins = runningStart >= threshold;
            }
            if (mine != null) {
                runOwned(fetch, mine, start);
                return;
            }
            waitFor(other, joins);
            if (joins) {
                return;
            }
        }
    }

    /** Number of real fetches run so far (for tests and metrics). */
    int fetchCount() {
        return fetchCount.get();
    }

    /** Number of callers currently waiting for someone else's fetch (for tests and metrics). */
    int waiting() {
        return waiting.get();
    }

    private void runOwned(Fetch fetch, CompletableFuture<Void> mine, long start) {
        fetchCount.incrementAndGet();
        boolean succeeded = false;
        String failure = "fetch was aborted";
        try {
            fetch.run();
            succeeded = true;
        } catch (GitSourceException e) {
            failure = e.getMessage();
            throw e;
        } catch (RuntimeException e) {
            failure = SecretRedactor.urlsOnly().describe(e);
            throw new GitSourceException(failure);
        } finally {
            synchronized (this) {
                if (succeeded) {
                    lastSuccessStart = start;
                } else {
                    lastFailureStart = start;
                    lastFailure = failure;
                }
                running = null;
            }
            if (succeeded) {
                mine.complete(null);
            } else {
                mine.completeExceptionally(new GitSourceException(failure));
            }
        }
    }

    private void waitFor(CompletableFuture<Void> other, boolean rethrow) {
        waiting.incrementAndGet();
        try {
            other.join();
        } catch (CompletionException e) {
            if (rethrow) {
                throw new GitSourceException(e.getCause().getMessage());
            }
            // an older fetch failed; the loop decides whether a newer one is needed
        } finally {
            waiting.decrementAndGet();
        }
    }
}
