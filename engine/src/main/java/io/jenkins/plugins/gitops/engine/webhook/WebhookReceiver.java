package io.jenkins.plugins.gitops.engine.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a raw webhook delivery into a {@link PushEvent}, or a clear rejection. Order of checks: size limit, provider
 * recognised, shared secret (when one is configured for that provider an unsigned or wrongly signed delivery is
 * refused with 401), JSON well-formed, push or not. Messages never echo the secret or signature.
 */
public final class WebhookReceiver {

    /** Argo CD's default limit is 50 MB; pushes are small, so a tighter default protects the controller. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    private final Map<GitProvider, String> secrets;
    private final int maxPayloadBytes;

    public WebhookReceiver(Map<GitProvider, String> secrets, int maxPayloadBytes) {
        this.secrets = new EnumMap<>(GitProvider.class);
        secrets.forEach((p, s) -> {
            if (s != null && !s.isEmpty()) {
                this.secrets.put(p, s);
            }
        });
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public WebhookReceiver(Map<GitProvider, String> secrets) {
        this(secrets, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public WebhookResponse receive(WebhookRequest request) {
        if (request.bodyUnsafe().length > maxPayloadBytes) {
            return WebhookResponse.reject(413, "payload of " + request.bodyUnsafe().length
                    + " bytes exceeds the limit of " + maxPayloadBytes + " bytes");
        }
        Optional<GitProvider> provider = GitProvider.of(request);
        if (provider.isEmpty()) {
            return WebhookResponse.reject(400, "unknown webhook: expected a GitHub, GitLab or Bitbucket push "
                    + "(no X-GitHub-Event, X-Gitlab-Event or X-Event-Key header)");
        }
        GitProvider p = provider.get();
        String secret = secrets.get(p);
        if (secret != null) {
            String problem = p.signature().verify(request, secret);
            if (problem != null) {
                return WebhookResponse.reject(401, p + " webhook rejected: " + problem);
            }
        }
        JsonNode body;
        try {
            body = Yaml.JSON.readTree(request.bodyUnsafe());
        } catch (JsonProcessingException e) {
            return WebhookResponse.reject(400, p + " webhook payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return WebhookResponse.reject(400, p + " webhook payload cannot be read: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            return WebhookResponse.reject(400, p + " webhook payload must be a JSON object");
        }
        Optional<PushEvent> event = p.parse(request, body);
        if (event.isEmpty()) {
            return new WebhookResponse(200, p + " event ignored: not a push", Optional.empty());
        }
        if (event.get().repoUrls().isEmpty()) {
            return WebhookResponse.reject(400, p + " push payload names no repository URL");
        }
        return new WebhookResponse(200, p + " push to " + event.get().repoUrls().get(0) + " "
                + String.join(",", event.get().revisions()), event);
    }
}
