package io.jenkins.plugins.gitops.engine.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final MockClusterFixture world = new MockClusterFixture();

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void backoffSequenceWithArgoDefaultsDoublesFromFiveSecondsAndCapsAtThreeMinutes() {
        RetryPolicy retry = RetryPolicy.of(new SyncPolicy.Retry(10, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)));

        List<Duration> waits = IntStream.rangeClosed(1, 9).mapToObj(retry::backoff).toList();

        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofMinutes(3),
                Duration.ofMinutes(3), Duration.ofMinutes(3));
    }

    @Test
    void limitCountsRetriesNegativeIsUnlimitedAndNoRetryBlockNeverRetries() {
        RetryPolicy two = new RetryPolicy(2, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));
        assertThat(List.of(two.allowsRetry(0), two.allowsRetry(1), two.allowsRetry(2)))
                .containsExactly(true, true, false);
        assertThat(new RetryPolicy(-1, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)).allowsRetry(1_000)).isTrue();
        assertThat(RetryPolicy.of(null).allowsRetry(0)).isFalse();
    }

    @Test
    void retrySequenceOfAnOperationThatKeepsFailingSleepsTheBackoffAndSaysHowOftenItRetried() {
        world.cluster.reject("bad", "denied by policy");

        OperationResult result = new SyncOperation().run(() -> world.plan("dry-run-failure", b -> b, List.of()),
                world.context().build(), new RetryPolicy(2, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)));

        assertThat(result.phase()).isEqualTo(OperationPhase.Failed);
        assertThat(result.message()).startsWith("one or more objects failed to apply (dry run)")
                .endsWith("(retried 2 times)");
        assertThat(world.time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(world.log.containing("retrying in")).containsExactly("shop: retrying in 5s (retry 1 of 2)",
                "shop: retrying in 10s (retry 2 of 2)");
    }

    @Test
    void retrySequenceEndsWithTheFirstAttemptThatSucceeds() {
        world.cluster.reject("bad", "the policy server is not ready yet");
        world.time.onSleep(1, world.cluster::stopRejecting);

        OperationResult result = new SyncOperation().run(() -> world.plan("dry-run-failure", b -> b, List.of()),
                world.context().build(), new RetryPolicy(5, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)));

        assertThat(result.phase()).isEqualTo(OperationPhase.Succeeded);
        assertThat(result.message()).isEqualTo("successfully synced (all tasks run) (retried 1 time)");
        assertThat(world.time.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void terminatedOperationIsNotRetried() {
        world.time.onSleep(2, () -> world.handle.terminate("bob"));

        OperationResult result = new SyncOperation().run(() -> world.plan("running-hook", b -> b, List.of()),
                world.context().build(), new RetryPolicy(-1, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)));

        assertThat(result.message()).startsWith("terminated by bob").doesNotContain("retried");
        assertThat(world.time.sleeps()).doesNotContain(Duration.ofSeconds(5));
    }
}
