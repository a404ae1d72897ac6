package io.jenkins.plugins.gitops.engine.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to authenticate to a Git repository, as an Argo CD repository secret describes it: nothing, HTTPS username and
 * password, an HTTPS token (sent as the password, with the username {@value #TOKEN_USERNAME} unless one is given, as
 * Argo CD does), or an SSH private key with optional passphrase and host-key settings.
 *
 * <p>Immutable. {@link #toString()} names the kind and the username but never a password, token, key or passphrase.
 */
public final class RepoCredentials {

    /** Username Argo CD sends with a token when none is configured (GitHub App convention). */
    public static final String TOKEN_USERNAME = "x-access-token";

    /** The kind of authentication. */
    public enum Kind {
        NONE,
        HTTPS_PASSWORD,
        HTTPS_TOKEN,
        SSH_KEY
    }

    /** How an SSH server's host key is verified (OpenSSH's {@code StrictHostKeyChecking}). */
    public enum HostKeyChecking {
        /** The host key must be in the given known_hosts (OpenSSH {@code yes}). */
        KNOWN_HOSTS,
        /** Unknown hosts are accepted and remembered; a changed key is refused (OpenSSH {@code accept-new}). */
        ACCEPT_NEW,
        /** Any host key is accepted (Argo CD's {@code insecure: true}); only for tests and lab setups. */
        INSECURE
    }

    private static final RepoCredentials NONE = new RepoCredentials(Kind.NONE, null, null, null, null, "", HostKeyChecking.KNOWN_HOSTS);

    private final Kind kind;
    private final String username;
    private final String secret;
    private final String privateKey;
    private final String passphrase;
    private final String knownHosts;
    private final HostKeyChecking hostKeyChecking;

    private RepoCredentials(Kind kind, String username, String secret, String privateKey, String passphrase,
            String knownHosts, HostKeyChecking hostKeyChecking) {
        this.kind = kind;
        this.username = username;
        this.secret = secret;
        this.privateKey = privateKey;
        this.passphrase = passphrase;
        this.knownHosts = knownHosts;
        this.hostKeyChecking = hostKeyChecking;
    }

    /** Anonymous access. */
    public static RepoCredentials none() {
        return NONE;
    }

    /** HTTPS basic authentication. */
    public static RepoCredentials password(String username, String password) {
        return new RepoCredentials(Kind.HTTPS_PASSWORD, required(username, "username"), required(password, "password"),
                null, null, "", HostKeyChecking.KNOWN_HOSTS);
    }

    /** HTTPS token sent as the password of user {@value #TOKEN_USERNAME}. */
    public static RepoCredentials token(String token) {
        return token(TOKEN_USERNAME, token);
    }

    /** HTTPS token sent as the password of {@code username} (blank means {@value #TOKEN_USERNAME}). */
    public static RepoCredentials token(String username, String token) {
        String user = username == null || username.isBlank() ? TOKEN_USERNAME : username;
        return new RepoCredentials(Kind.HTTPS_TOKEN, user, required(token, "token"), null, null, "",
                HostKeyChecking.KNOWN_HOSTS);
    }

    /**
     * SSH with a private key in OpenSSH or PEM format, no passphrase, host keys checked against {@link #knownHosts()}
     * (empty until {@link #withKnownHosts(String)}).
     */
    public static RepoCredentials sshKey(String privateKey) {
        return new RepoCredentials(Kind.SSH_KEY, null, null, required(privateKey, "private key"), null, "",
                HostKeyChecking.KNOWN_HOSTS);
    }

    /** Same SSH credentials with a passphrase for the private key. */
    public RepoCredentials withPassphrase(String keyPassphrase) {
        requireSsh("passphrase");
        return new RepoCredentials(kind, username, secret, privateKey, keyPassphrase, knownHosts, hostKeyChecking);
    }

    /** Same SSH credentials trusting the host keys listed in {@code knownHostsText} (known_hosts format). */
    public RepoCredentials withKnownHosts(String knownHostsText) {
        requireSsh("known hosts");
        return new RepoCredentials(kind, username, secret, privateKey, passphrase,
                knownHostsText == null ? "" : knownHostsText, hostKeyChecking);
    }

    /** Same SSH credentials with another host-key policy. */
    public RepoCredentials withHostKeyChecking(HostKeyChecking checking) {
        requireSsh("host key checking");
        return new RepoCredentials(kind, username, secret, privateKey, passphrase, knownHosts,
                Objects.requireNonNull(checking, "checking"));
    }

    public Kind kind() {
        return kind;
    }

    /** Username for HTTPS kinds; null otherwise (SSH takes the user from the URL). */
    public String username() {
        return username;
    }

    /** known_hosts text for SSH (may be empty). Host keys are public, so this is not a secret. */
    public String knownHosts() {
        return knownHosts;
    }

    public HostKeyChecking hostKeyChecking() {
        return hostKeyChecking;
    }

    /** The HTTPS password or token. Package-private: only the transport setup reads it. */
    String secret() {
        return secret;
    }

    String privateKey() {
        return privateKey;
    }

    String passphrase() {
        return passphrase;
    }

    /** Every secret value held, for {@link SecretRedactor}. */
    List<String> secretValues() {
        List<String> values = new ArrayList<>();
        values.add(secret);
        values.add(privateKey);
        values.add(passphrase);
        if (username != null && secret != null) {
            values.add(username + ":" + secret); // HTTP basic form, also base64-encoded by the redactor
        }
        values.removeIf(Objects::isNull);
        return values;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "RepoCredentials[none]";
            case HTTPS_PASSWORD -> "RepoCredentials[https username=" + username + " password=" + SecretRedactor.MASK + "]";
            case HTTPS_TOKEN -> "RepoCredentials[https username=" + username + " token=" + SecretRedactor.MASK + "]";
            case SSH_KEY -> "RepoCredentials[ssh key=" + SecretRedactor.MASK
                    + (passphrase == null ? "" : " passphrase=" + SecretRedactor.MASK)
                    + " hostKeyChecking=" + hostKeyChecking + "]";
        };
    }

    private void requireSsh(String what) {
        if (kind != Kind.SSH_KEY) {
            throw new IllegalStateException(what + " only applies to SSH key credentials, not " + kind);
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Git credentials: " + what + " must not be empty");
        }
        return value;
    }
}
