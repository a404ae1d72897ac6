package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperationQueueTest {

    final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static SyncOutcome outcome(String revision) {
        return new SyncOutcome("Succeeded", "synced " + revision, revision, Instant.EPOCH, Instant.EPOCH, List.of(), null);
    }

    @Test
    void requestsWhileBusyQueueAndCoalesceToTheLatest() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        OperationQueue q = new OperationQueue(pool, (app, req) -> {
            ran.add(app + "@" + req.revision());
            if (req.revision().equals("r1")) {
                firstStarted.countDown();
                await(release);
            }
            return outcome(req.revision());
        });
        CompletableFuture<SyncOutcome> f1 = q.submit("web", SyncRequest.manual("a").withRevision("r1"));
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<SyncOutcome> f2 = q.submit("web", SyncRequest.manual("b").withRevision("r2"));
        CompletableFuture<SyncOutcome> f3 = q.submit("web", SyncRequest.manual("c").withRevision("r3"));
        assertThat(q.busy("web")).isTrue();
        assertThat(q.queued("web")).isTrue();
        release.countDown();
        assertThat(f1.get(10, TimeUnit.SECONDS).revision()).isEqualTo("r1");
        assertThat(f2.get(10, TimeUnit.SECONDS).revision()).isEqualTo("r3");
        assertThat(f3.get(10, TimeUnit.SECONDS).revision()).isEqualTo("r3");
        assertThat(ran).containsExactly("web@r1", "web@r3");
    }

    @Test
    void differentApplicationsRunInParallel() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        OperationQueue q = new OperationQueue(pool, (app, req) -> {
            both.countDown();
            await(both);
            return outcome(app);
        });
        CompletableFuture<SyncOutcome> a = q.submit("a", SyncRequest.manual("x").withRevision("1"));
        CompletableFuture<SyncOutcome> b = q.submit("b", SyncRequest.manual("x").withRevision("1"));
        assertThat(a.get(10, TimeUnit.SECONDS).revision()).isEqualTo("a");
        assertThat(b.get(10, TimeUnit.SECONDS).revision()).isEqualTo("b");
        // the slot is released just after the waiters are completed
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (q.busy("a") && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(q.busy("a")).isFalse();
    }

    @Test
    void aCrashingOperationFailsItsWaitersAndFreesTheApp() throws Exception {
        OperationQueue q = new OperationQueue(pool, (app, req) -> {
            if (req.revision().equals("bad")) {
                throw new IllegalStateException("boom");
            }
            return outcome(req.revision());
        });
        CompletableFuture<SyncOutcome> bad = q.submit("web", SyncRequest.manual("a").withRevision("bad"));
        assertThat(bad).failsWithin(10, TimeUnit.SECONDS);
        assertThat(q.submit("web", SyncRequest.manual("a").withRevision("good")).get(10, TimeUnit.SECONDS).revision())
                .isEqualTo("good");
    }

    static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
