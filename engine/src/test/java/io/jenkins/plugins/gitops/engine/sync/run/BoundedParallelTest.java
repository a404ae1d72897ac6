package io.jenkins.plugins.gitops.engine.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedParallelTest {

    final ExecutorService executor = Executors.newFixedThreadPool(8);

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void neverMoreThanTheLimitInFlightAndResultsInInputOrder() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 40).boxed().toList();

        List<Integer> out = BoundedParallel.map(items, i -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.yield();
            inFlight.decrementAndGet();
            return i * 10;
        }, Optional.of(executor), 3, () -> false);

        assertThat(out).isEqualTo(items.stream().map(i -> i * 10).toList());
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void stopsStartingNewItemsOnceToldToStop() {
        AtomicInteger started = new AtomicInteger();

        List<Integer> out = BoundedParallel.map(IntStream.range(0, 10).boxed().toList(), i -> {
            started.incrementAndGet();
            return i;
        }, Optional.empty(), 4, () -> started.get() >= 2);

        assertThat(out).containsExactly(0, 1);
    }

    @Test
    void anUnexpectedExceptionOfAnItemIsRethrownOnTheCallingThread() {
        assertThatThrownBy(() -> BoundedParallel.map(List.of(1, 2, 3), i -> {
            if (i == 2) {
                throw new IllegalStateException("bug in item 2");
            }
            return i;
        }, Optional.of(executor), 2, () -> false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("bug in item 2");
    }
}
