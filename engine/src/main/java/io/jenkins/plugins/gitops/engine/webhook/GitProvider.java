package io.jenkins.plugins.gitops.engine.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Git providers whose push webhooks we accept, each with how to recognise its deliveries, how to check the
 * shared secret, and how to read its push payload. A table, as Argo CD's webhook handler dispatches on the same
 * headers (util/webhook/webhook.go).
 */
public enum GitProvider {
    GITHUB("GitHub", r -> r.hasHeader("X-GitHub-Event"),
            new HmacSignature("X-Hub-Signature-256", "sha256="),
            new GitHubPayload()),
    GITLAB("GitLab", r -> r.hasHeader("X-Gitlab-Event"),
            new TokenSignature("X-Gitlab-Token"),
            new GitLabPayload()),
    BITBUCKET_SERVER("Bitbucket Server", r -> r.headerLower("X-Event-Key").equals("repo:refs_changed")
                    || r.headerLower("X-Event-Key").equals("diagnostics:ping"),
            new HmacSignature("X-Hub-Signature", "sha256="),
            new BitbucketServerPayload()),
    BITBUCKET_CLOUD("Bitbucket Cloud", r -> r.hasHeader("X-Event-Key") && r.hasHeader("X-Hook-UUID"),
            new HmacSignature("X-Hub-Signature", "sha256="),
            new BitbucketCloudPayload());

    private final String displayName;
    private final Predicate<WebhookRequest> recognises;
    private final SignatureCheck signature;
    private final PushPayload payload;

    GitProvider(String displayName, Predicate<WebhookRequest> recognises, SignatureCheck signature,
            PushPayload payload) {
        this.displayName = displayName;
        this.recognises = recognises;
        this.signature = signature;
        this.payload = payload;
    }

    /** The product's name as its users write it ({@code GitLab}), for answers and log lines. */
    @Override
    public String toString() {
        return displayName;
    }

    /** Which provider sent this delivery, if any we know. */
    public static Optional<GitProvider> of(WebhookRequest request) {
        for (GitProvider p : values()) {
            if (p.recognises.test(request)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    SignatureCheck signature() {
        return signature;
    }

    /** The push in the payload, or empty for deliveries that are not pushes (ping, issue events...). */
    Optional<PushEvent> parse(WebhookRequest request, JsonNode body) {
        return payload.parse(this, request, body);
    }

    /** Reads one provider's push payload. */
    interface PushPayload {
        Optional<PushEvent> parse(GitProvider provider, WebhookRequest request, JsonNode body);

        static String text(JsonNode n, String pointer) {
            JsonNode v = n.at(pointer);
            return v.isMissingNode() || v.isNull() ? "" : v.asText();
        }

        static List<String> nonEmpty(String... values) {
            return java.util.Arrays.stream(values).filter(v -> v != null && !v.isEmpty()).toList();
        }
    }

    /** Checks the shared secret of a delivery. */
    interface SignatureCheck {
        /** Null when valid, else the reason it is not. */
        String verify(WebhookRequest request, String secret);
    }
}
