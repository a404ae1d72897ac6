package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetchCoalescerTest {

    private final FetchCoalescer coalescer = new FetchCoalescer();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void requestsArrivingDuringAFetchShareOneFollowUpFetch() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<?> first = pool.submit(() -> coalescer.fetch(RefreshCycle.tick(), () -> {
            runs.incrementAndGet();
            firstStarted.countDown();
            await(releaseFirst);
        }));
        firstStarted.await();

        // these callers asked after the first fetch started: they need a newer one, and share it
        List<Future<?>> late = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long threshold = RefreshCycle.tick();
            late.add(pool.submit(() -> coalescer.fetch(threshold, runs::incrementAndGet)));
        }
        while (coalescer.waiting() < 8) {
            Thread.onSpinWait();
        }
        releaseFirst.countDown();
        first.get();
        for (Future<?> f : late) {
            f.get();
        }

        assertThat(runs).hasValue(2);
        assertThat(coalescer.fetchCount()).isEqualTo(2);
    }

    @Test
    void requestsOfOneCycleJoinTheRunningFetch() throws Exception {
        RefreshCycle cycle = RefreshCycle.begin();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = pool.submit(() -> coalescer.fetch(cycle.startTick(), () -> {
            runs.incrementAndGet();
            started.countDown();
            await(release);
        }));
        started.await();
        List<Future<?>> joiners = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            joiners.add(pool.submit(() -> coalescer.fetch(cycle.startTick(), runs::incrementAndGet)));
        }
        while (coalescer.waiting() < 8) {
            Thread.onSpinWait();
        }
        release.countDown();
        first.get();
        for (Future<?> f : joiners) {
            f.get();
        }
        coalescer.fetch(cycle.startTick(), runs::incrementAndGet); // finished within the cycle: no new fetch

        assertThat(runs).hasValue(1);
    }

    @Test
    void joinersSeeTheFailureAndTheCycleDoesNotRetry() {
        RefreshCycle cycle = RefreshCycle.begin();
        FetchCoalescer.Fetch failing = () -> {
            runs.incrementAndGet();
            throw new GitSourceException("fetch of https://example.com/repo failed: not authorized");
        };

        assertThatThrownBy(() -> coalescer.fetch(cycle.startTick(), failing)).hasMessageEndingWith("not authorized");
        assertThatThrownBy(() -> coalescer.fetch(cycle.startTick(), failing)).hasMessageEndingWith("not authorized");
        assertThat(runs).hasValue(1);

        coalescer.fetch(RefreshCycle.begin().startTick(), runs::incrementAndGet); // next cycle retries and succeeds
        assertThat(runs).hasValue(2);
        coalescer.fetch(cycle.startTick(), () -> runs.addAndGet(100)); // the newer success now answers the old cycle
        assertThat(runs).hasValue(2);
    }

    @Test
    void unexpectedExceptionsBecomeRedactedSourceExceptions() {
        assertThatThrownBy(() -> coalescer.fetch(RefreshCycle.tick(), () -> {
            throw new IllegalStateException("boom at https://u:tok3n-value@host/repo");
        })).isInstanceOf(GitSourceException.class).hasMessage("boom at https://***@host/repo");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
