package io.jenkins.plugins.gitops.engine;

/**
 * Credentials for every repository whose URL starts with {@code urlPrefix} (longest prefix wins): HTTPS
 * username + password/token, or an SSH private key (PEM/OpenSSH) with optional passphrase; for Helm chart
 * repositories and OCI registries also a CA certificate (PEM) to trust. toString never shows secrets.
 */
public record RepoCredentialSpec(String urlPrefix, String username, String password, String sshPrivateKey,
        String sshPassphrase, String caCertificatePem) {

    public RepoCredentialSpec(String urlPrefix, String username, String password, String sshPrivateKey,
            String sshPassphrase) {
        this(urlPrefix, username, password, sshPrivateKey, sshPassphrase, null);
    }

    /** The same entry trusting a CA certificate (PEM) for Helm chart repositories and OCI registries. */
    public RepoCredentialSpec withCaCertificate(String pem) {
        return new RepoCredentialSpec(urlPrefix, username, password, sshPrivateKey, sshPassphrase,
                pem == null || pem.isBlank() ? null : pem);
    }

    public static RepoCredentialSpec https(String urlPrefix, String username, String passwordOrToken) {
        return new RepoCredentialSpec(urlPrefix, username, passwordOrToken, null, null);
    }

    public static RepoCredentialSpec ssh(String urlPrefix, String username, String privateKey, String passphrase) {
        return new RepoCredentialSpec(urlPrefix, username, null, privateKey, passphrase);
    }

    @Override
    public String toString() {
        return "RepoCredentialSpec[" + urlPrefix + ", user=" + username
                + (password != null ? ", password=****" : "") + (sshPrivateKey != null ? ", sshKey=****" : "")
                + (caCertificatePem != null ? ", ca=custom" : "") + "]";
    }
}
