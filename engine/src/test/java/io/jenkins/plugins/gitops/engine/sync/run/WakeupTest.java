package io.jenkins.plugins.gitops.engine.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A wait woken by a watch or by termination. The waits are long (an hour) and each test has a short JUnit timeout: a
 * wake-up that did not happen fails the test instead of passing late.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WakeupTest {

    static final Duration LONG = Duration.ofHours(1);

    @Test
    void aSignalBeforeTheWaitIsKeptSoNoChangeBetweenTwoLooksIsMissed() throws Exception {
        Wakeup wakeup = new Wakeup();
        wakeup.signal();
        wakeup.signal();

        wakeup.await(LONG);

        // both signals were consumed by that one wait: the next one waits for a new signal
        assertTheNextWaitNeedsANewSignal(wakeup);
    }

    @Test
    void withoutASignalTheWaitEndsAfterItsTimeout() throws Exception {
        new Wakeup().await(Duration.ofMillis(20));
    }

    @Test
    void terminatingTheOperationWakesAWaitThatListensToAWatch() throws Exception {
        OperationHandle handle = new OperationHandle();
        Wakeup wakeup = new Wakeup();
        CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
            try {
                handle.sleep(LONG, wakeup);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        handle.terminate("alice");

        sleeping.get(20, TimeUnit.SECONDS);
        // and once terminated, a new wait does not sleep at all
        handle.sleep(LONG, new Wakeup());
    }

    @Test
    void aBurstOfSignalsIsTakenInOneLookPerSettleWindow() throws Exception {
        Wakeup wakeup = new Wakeup(Duration.ofSeconds(2));
        wakeup.signal();
        long start = System.nanoTime();
        wakeup.await(LONG);
        // the first change after a quiet spell is seen at once
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));

        long looked = System.nanoTime();
        wakeup.signal();
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> await(wakeup));
        Thread.sleep(50);
        wakeup.signal();
        assertThat(next).isNotDone();
        next.get(20, TimeUnit.SECONDS);
        // both signals of the burst ended one wait, which returned once the window after the last return had passed
        assertThat(Duration.ofNanos(System.nanoTime() - looked)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertTheNextWaitNeedsANewSignal(wakeup);
    }

    @Test
    void aSettleWindowNeverOutlastsTheWaitsTimeout() throws Exception {
        Wakeup wakeup = new Wakeup(LONG);
        wakeup.await(Duration.ofMillis(1));
        wakeup.signal();
        long start = System.nanoTime();
        wakeup.await(Duration.ofMillis(50));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private static void assertTheNextWaitNeedsANewSignal(Wakeup wakeup) throws Exception {
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> await(wakeup));
        Thread.sleep(50);
        assertThat(next).isNotDone();
        wakeup.signal();
        next.get(20, TimeUnit.SECONDS);
    }

    private static void await(Wakeup wakeup) {
        try {
            wakeup.await(LONG);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
