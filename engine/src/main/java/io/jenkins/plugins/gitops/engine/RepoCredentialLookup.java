package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.source.RepoCredentials;
import io.jenkins.plugins.gitops.engine.source.helm.HelmAuth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the credentials for a repository URL among the configured ones: those whose prefix the URL starts with and
 * whose kind fits the transport (an SSH key for {@code ssh://} and {@code git@host:} URLs, a password or token for
 * {@code http(s)://}); the longest prefix wins, as Argo CD's repository credential templates do.
 */
public final class RepoCredentialLookup {

    private final List<RepoCredentialSpec> specs;

    public RepoCredentialLookup(List<RepoCredentialSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    public RepoCredentials forUrl(String url) {
        boolean ssh = isSsh(url);
        Optional<RepoCredentialSpec> best = specs.stream()
                .filter(s -> url.startsWith(s.urlPrefix() == null ? "" : s.urlPrefix()))
                .filter(s -> ssh ? s.sshPrivateKey() != null : s.password() != null)
                .max(Comparator.comparingInt(s -> s.urlPrefix() == null ? 0 : s.urlPrefix().length()));
        if (best.isEmpty()) {
            return RepoCredentials.none();
        }
        RepoCredentialSpec s = best.get();
        if (ssh) {
            RepoCredentials c = RepoCredentials.sshKey(s.sshPrivateKey());
            return s.sshPassphrase() == null ? c : c.withPassphrase(s.sshPassphrase());
        }
        return s.username() == null || s.username().isEmpty()
                ? RepoCredentials.token(s.password())
                : RepoCredentials.password(s.username(), s.password());
    }

    /**
     * Credentials and CA for a Helm chart repository or OCI registry: the longest matching prefix with a password or
     * token gives the user and password, the longest matching prefix with a CA certificate gives the CA. An
     * {@code oci://} URL also matches prefixes written without the scheme, as Argo CD stores OCI Helm repositories.
     */
    public HelmAuth helmAuth(String url) {
        List<String> forms = url.startsWith("oci://") ? List.of(url, url.substring("oci://".length())) : List.of(url);
        Optional<RepoCredentialSpec> login = longest(forms, s -> s.password() != null && !s.password().isEmpty());
        Optional<RepoCredentialSpec> ca = longest(forms,
                s -> s.caCertificatePem() != null && !s.caCertificatePem().isBlank());
        return new HelmAuth(login.map(RepoCredentialSpec::username).orElse(""),
                login.map(RepoCredentialSpec::password).orElse(""),
                ca.map(RepoCredentialSpec::caCertificatePem).orElse(""));
    }

    private Optional<RepoCredentialSpec> longest(List<String> forms, java.util.function.Predicate<RepoCredentialSpec> kind) {
        return specs.stream().filter(kind)
                .filter(s -> forms.stream().anyMatch(f -> f.startsWith(s.urlPrefix() == null ? "" : s.urlPrefix())))
                .max(Comparator.comparingInt(s -> s.urlPrefix() == null ? 0 : s.urlPrefix().length()));
    }

    static boolean isSsh(String url) {
        return url.startsWith("ssh://") || url.startsWith("git+ssh://")
                || (!url.contains("://") && url.matches("^[^/@:]+@[^/:]+:.*"));
    }
}
