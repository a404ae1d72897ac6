package io.jenkins.plugins.gitops.engine.webhook;

import java.util.Optional;

/** What to answer the provider (HTTP status and a one-line message) and the push, when there was one. */
public record WebhookResponse(int status, String message, Optional<PushEvent> event) {

    static WebhookResponse reject(int status, String message) {
        return new WebhookResponse(status, message, Optional.empty());
    }
}
