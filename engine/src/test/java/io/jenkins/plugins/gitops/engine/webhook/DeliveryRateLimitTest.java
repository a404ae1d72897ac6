package io.jenkins.plugins.gitops.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The webhook's per-source token bucket, on a clock the test moves (no sleeping). */
class DeliveryRateLimitTest {

    static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstPassesThenOneDeliveryPerIntervalPerSource() {
        DeliveryRateLimit limit = new DeliveryRateLimit(3, Duration.ofSeconds(1), 100);
        long t = 1_000 * SECOND;
        assertThat(limit.admit("10.0.0.1", t)).isTrue();
        assertThat(limit.admit("10.0.0.1", t)).isTrue();
        assertThat(limit.admit("10.0.0.1", t)).isTrue();
        assertThat(limit.admit("10.0.0.1", t)).as("burst used up").isFalse();
        assertThat(limit.admit("10.0.0.2", t)).as("another source has its own bucket").isTrue();
        assertThat(limit.admit("10.0.0.1", t + SECOND / 2)).isFalse();
        assertThat(limit.admit("10.0.0.1", t + SECOND)).as("one token back after an interval").isTrue();
        assertThat(limit.admit("10.0.0.1", t + SECOND)).isFalse();
        assertThat(limit.admit("10.0.0.1", t + 100 * SECOND)).isTrue();
        assertThat(limit.admit("10.0.0.1", t + 100 * SECOND)).isTrue();
        assertThat(limit.admit("10.0.0.1", t + 100 * SECOND)).isTrue();
        assertThat(limit.admit("10.0.0.1", t + 100 * SECOND)).as("refill is capped at the burst").isFalse();
    }

    @Test
    void theTableOfSourcesStaysBounded() {
        DeliveryRateLimit limit = new DeliveryRateLimit(1, Duration.ofSeconds(1), 50);
        for (int i = 0; i < 10_000; i++) {
            limit.admit("10.1." + (i / 256) + "." + (i % 256), 0);
        }
        assertThat(limit.sources()).isEqualTo(50);
    }

    @Test
    void refusalsAnswerWithoutDetailsWhileTheLogKeepsThem() {
        WebhookResponse limited = WebhookResponse.tooManyRequests("10.0.0.9");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.message()).contains("10.0.0.9");
        assertThat(limited.answer()).doesNotContain("10.0.0.9").contains("retry later");
    }
}
