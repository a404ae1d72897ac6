package io.jenkins.plugins.gitops.engine.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a raw webhook delivery into a {@link PushEvent}, or a clear rejection. Order of checks: size limit (before
 * the body is read, see {@link #receive(java.util.Map, InputStream, long)}), provider recognised, shared secret (when
 * one is configured for that provider an unsigned or wrongly signed delivery is refused with 401; once any provider
 * has a secret, a provider without one is refused too unless unsigned deliveries are explicitly allowed), JSON
 * well-formed, push or not. Answers never echo the secret or signature, and never name applications: which
 * applications a repository feeds is for the log, not for whoever can reach the endpoint.
 */
public final class WebhookReceiver {

    /**
     * Argo CD's default limit is 50 MB; push payloads are a few kilobytes (GitHub lists at most 20 commits), so a
     * tighter default keeps forty parallel deliveries from costing the controller hundreds of megabytes.
     */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    private final Map<GitProvider, String> secrets;
    private final int maxPayloadBytes;
    private final boolean allowUnsigned;

    /**
     * @param secrets         shared secret per provider; providers without one are absent or map to an empty string
     * @param maxPayloadBytes the largest body accepted
     * @param allowUnsigned   accept deliveries of a provider without a secret even when another provider has one
     */
    public WebhookReceiver(Map<GitProvider, String> secrets, int maxPayloadBytes, boolean allowUnsigned) {
        this.secrets = new EnumMap<>(GitProvider.class);
        secrets.forEach((p, s) -> {
            if (s != null && !s.isEmpty()) {
                this.secrets.put(p, s);
            }
        });
        this.maxPayloadBytes = maxPayloadBytes;
        this.allowUnsigned = allowUnsigned;
    }

    public WebhookReceiver(Map<GitProvider, String> secrets, int maxPayloadBytes) {
        this(secrets, maxPayloadBytes, false);
    }

    public WebhookReceiver(Map<GitProvider, String> secrets) {
        this(secrets, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** The size limit this receiver enforces. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Reads the body within the size limit (refusing a declared or actual length over it before reading it all) and
     * receives the delivery.
     *
     * @param declaredLength the Content-Length header's value, or a negative number when absent
     */
    public WebhookResponse receive(Map<String, String> headers, InputStream body, long declaredLength)
            throws IOException {
        Optional<byte[]> bytes = WebhookBody.read(body, declaredLength, maxPayloadBytes);
        if (bytes.isEmpty()) {
            return tooLarge();
        }
        return receive(new WebhookRequest(headers, bytes.get()));
    }

    private WebhookResponse tooLarge() {
        return WebhookResponse.reject(413, "payload exceeds the limit of " + maxPayloadBytes + " bytes");
    }

    public WebhookResponse receive(WebhookRequest request) {
        if (request.bodyUnsafe().length > maxPayloadBytes) {
            return tooLarge();
        }
        Optional<GitProvider> provider = GitProvider.of(request);
        if (provider.isEmpty()) {
            return WebhookResponse.reject(400, "unknown webhook: expected a GitHub, GitLab or Bitbucket push "
                    + "(no X-GitHub-Event, X-Gitlab-Event or X-Event-Key header)");
        }
        GitProvider p = provider.get();
        String secret = secrets.get(p);
        if (secret == null && !secrets.isEmpty() && !allowUnsigned) {
            return WebhookResponse.reject(401, p + " webhook rejected: no " + p + " secret is configured while "
                    + "other providers have one; configure a " + p + " secret or allow unsigned deliveries");
        }
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
        return new WebhookResponse(200, p + " push received; applications using the repository will be refreshed",
                event);
    }
}
