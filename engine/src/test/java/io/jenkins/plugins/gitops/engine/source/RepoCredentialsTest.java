package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoCredentialsTest {

    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAsecretkeymaterial\n-----END OPENSSH PRIVATE KEY-----\n";

    @Test
    void toStringNeverShowsSecrets() {
        assertThat(RepoCredentials.none()).hasToString("RepoCredentials[none]");
        assertThat(RepoCredentials.password("deployer", "hunter2-password"))
                .hasToString("RepoCredentials[https username=deployer password=***]");
        assertThat(RepoCredentials.token("ghp_secret_token"))
                .hasToString("RepoCredentials[https username=x-access-token token=***]");
        assertThat(RepoCredentials.sshKey(KEY).withPassphrase("phrase-secret").toString())
                .isEqualTo("RepoCredentials[ssh key=*** passphrase=*** hostKeyChecking=KNOWN_HOSTS]")
                .doesNotContain("secretkeymaterial");
    }

    @Test
    void tokenUsesArgoCdsDefaultUsername() {
        assertThat(RepoCredentials.token("t0ken-value").username()).isEqualTo("x-access-token");
        assertThat(RepoCredentials.token("", "t0ken-value").username()).isEqualTo("x-access-token");
        assertThat(RepoCredentials.token("oauth2", "t0ken-value").username()).isEqualTo("oauth2");
        assertThat(RepoCredentials.token("oauth2", "t0ken-value").kind()).isEqualTo(RepoCredentials.Kind.HTTPS_TOKEN);
    }

    @Test
    void sshSettingsAreImmutableWithers() {
        RepoCredentials base = RepoCredentials.sshKey(KEY);
        RepoCredentials tuned = base.withKnownHosts("github.com ssh-ed25519 AAAA")
                .withHostKeyChecking(RepoCredentials.HostKeyChecking.ACCEPT_NEW);

        assertThat(base.knownHosts()).isEmpty();
        assertThat(base.hostKeyChecking()).isEqualTo(RepoCredentials.HostKeyChecking.KNOWN_HOSTS);
        assertThat(tuned.knownHosts()).isEqualTo("github.com ssh-ed25519 AAAA");
        assertThat(tuned.hostKeyChecking()).isEqualTo(RepoCredentials.HostKeyChecking.ACCEPT_NEW);
        assertThat(tuned.secretValues()).containsExactly(KEY);
    }

    @Test
    void rejectsEmptyValuesAndSshOptionsOnHttps() {
        assertThatThrownBy(() -> RepoCredentials.password("u", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Git credentials: password must not be empty");
        assertThatThrownBy(() -> RepoCredentials.token(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Git credentials: token must not be empty");
        assertThatThrownBy(() -> RepoCredentials.token("abcd").withPassphrase("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only applies to SSH key credentials");
    }

    @Test
    void unreadableKeyGivesAClearErrorWithoutTheKey(@TempDir Path tmp) {
        try (GitRepositoryCache cache = new GitRepositoryCache(tmp)) {
            assertThatThrownBy(() -> cache.fetch("ssh://git@127.0.0.1:1/repo.git", RepoCredentials.sshKey(KEY)))
                    .isInstanceOf(GitSourceException.class)
                    .hasMessageContaining("cannot read the SSH private key")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretkeymaterial"));
        }
    }
}
