package io.jenkins.plugins.gitops.engine.webhook;

import java.util.Map;
import java.util.Optional;

/**
 * What became of a delivery: the HTTP status, a one-line {@code message} for the log (which check failed and why) and
 * the push, when there was one. The body answered to whoever reached the endpoint is {@link #answer()}: for a refusal
 * only what kind of refusal it was, never which secret is missing, what the parser said or which applications exist.
 */
public record WebhookResponse(int status, String message, Optional<PushEvent> event) {

    /** The answer to refusals, by status: the sender learns what to fix on its side and nothing about ours. */
    private static final Map<Integer, String> ANSWERS = Map.of(
            400, "bad request: not a GitHub, GitLab or Bitbucket push delivery this endpoint accepts",
            401, "delivery rejected: signature missing or invalid",
            413, "payload too large",
            429, "too many deliveries from this address; retry later",
            503, "service unavailable; retry later");

    static WebhookResponse reject(int status, String message) {
        return new WebhookResponse(status, message, Optional.empty());
    }

    /** A delivery refused because its source sent too many ({@link DeliveryRateLimit}). */
    public static WebhookResponse tooManyRequests(String source) {
        return reject(429, "too many deliveries from " + source);
    }

    /** The body to send back: the message for accepted deliveries, a fixed phrase per status for refusals. */
    public String answer() {
        if (status < 300) {
            return message;
        }
        return ANSWERS.getOrDefault(status, "delivery refused");
    }
}
