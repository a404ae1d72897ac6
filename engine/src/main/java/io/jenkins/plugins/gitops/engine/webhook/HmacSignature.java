package io.jenkins.plugins.gitops.engine.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of the raw body, hex, in a header such as {@code X-Hub-Signature-256: sha256=<hex>}. */
final class HmacSignature implements GitProvider.SignatureCheck {

    private final String header;
    private final String prefix;

    HmacSignature(String header, String prefix) {
        this.header = header;
        this.prefix = prefix;
    }

    @Override
    public String verify(WebhookRequest request, String secret) {
        String given = request.header(header).trim();
        if (given.isEmpty()) {
            return "missing " + header + " signature header";
        }
        if (!given.startsWith(prefix)) {
            return header + " must start with " + prefix;
        }
        byte[] expected = hex(hmac(secret, request.bodyUnsafe())).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = given.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? null : header + " does not match the configured secret";
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
