package io.jenkins.plugins.gitops.engine.source.helm;

import java.util.ArrayList;
import java.util.List;

/**
 * How to reach one Helm repository or OCI registry: HTTP basic credentials (a registry token is sent as the password,
 * exchanged for a bearer token when the registry asks for one) and a CA certificate (PEM) to trust besides the JVM's.
 * Any part may be absent. {@link #toString()} never shows the password.
 *
 * @param username user name; empty for none
 * @param password password or token; empty for none
 * @param caCertificatePem PEM certificate(s) of a private CA; empty for the JVM's trust store only
 */
public record HelmAuth(String username, String password, String caCertificatePem) {

    private static final HelmAuth NONE = new HelmAuth("", "", "");

    public HelmAuth {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        caCertificatePem = caCertificatePem == null ? "" : caCertificatePem;
    }

    public static HelmAuth none() {
        return NONE;
    }

    /** Whether basic credentials are configured (a token alone counts: Argo CD sends it as the password). */
    public boolean hasCredentials() {
        return !password.isEmpty();
    }

    /** The same credentials trusting another CA (empty keeps the JVM's trust store only). */
    public HelmAuth withCaCertificate(String pem) {
        return new HelmAuth(username, password, pem);
    }

    /** Values that must never appear in a message. */
    List<String> secrets() {
        List<String> out = new ArrayList<>();
        if (!password.isEmpty()) {
            out.add(password);
            out.add(java.util.Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "HelmAuth[user=" + username + (password.isEmpty() ? "" : " password=***")
                + (caCertificatePem.isEmpty() ? "" : " ca=custom") + "]";
    }
}
