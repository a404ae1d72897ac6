package io.jenkins.plugins.gitops.engine.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A shared token sent verbatim in a header (GitLab's {@code X-Gitlab-Token}), compared in constant time. */
final class TokenSignature implements GitProvider.SignatureCheck {

    private final String header;

    TokenSignature(String header) {
        this.header = header;
    }

    @Override
    public String verify(WebhookRequest request, String secret) {
        String given = request.header(header);
        if (given.isEmpty()) {
            return "missing " + header + " header";
        }
        boolean ok = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
        return ok ? null : header + " does not match the configured secret";
    }
}
