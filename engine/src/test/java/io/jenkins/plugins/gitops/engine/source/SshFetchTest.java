package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.GitSshServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshFetchTest {

    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path tmp;

    private final KeyPair clientKey = GitSshServer.generateKey();
    private GitHttpServer http;
    private GitSshServer ssh;
    private GitRepositoryCache cache;
    private String sha;

    @BeforeEach
    void start() {
        http = GitHttpServer.start(tmp.resolve("srv"));
        ssh = GitSshServer.start(http.projectRoot(), clientKey.getPublic());
        cache = new GitRepositoryCache(tmp.resolve("cache"));
        TestRepo repo = TestRepos.create(http, "app", tmp.resolve("work"));
        sha = repo.write("cm.yaml", "a: 1\n").commit("first");
    }

    @AfterEach
    void stop() {
        cache.close();
        ssh.close();
        http.close();
    }

    @Test
    void fetchesWithAnEncryptedKeyAndKnownHosts() {
        RepoCredentials creds = RepoCredentials.sshKey(GitSshServer.privateKeyText(clientKey, PASSPHRASE))
                .withPassphrase(PASSPHRASE)
                .withKnownHosts(ssh.knownHostsLine());

        RevisionInfo info = cache.resolve(ssh.url("app"), creds, "HEAD");

        assertThat(info.sha()).isEqualTo(sha);
        assertThat(info.ref()).isEqualTo("refs/heads/main");
    }

    @Test
    void unknownHostKeyIsRefusedUnlessAcceptNew() throws Exception {
        RepoCredentials strict = RepoCredentials.sshKey(GitSshServer.privateKeyText(clientKey, null));

        assertThatThrownBy(() -> cache.fetch(ssh.url("app"), strict))
                .isInstanceOf(GitSourceException.class)
                .hasMessageStartingWith("fetch of " + ssh.url("app").replace("git@", "***@") + " failed: the SSH host key");

        cache.fetch(ssh.url("app"), strict.withHostKeyChecking(RepoCredentials.HostKeyChecking.ACCEPT_NEW));
        Path knownHosts = cache.root().resolve("ssh").resolve(RepoUrl.of(ssh.url("app")).cacheKey()).resolve("known_hosts");
        assertThat(Files.readString(knownHosts)).contains("ecdsa-sha2-nistp256");
    }

    @Test
    void wrongKeyIsRejectedWithoutLeakingIt() {
        String otherKey = GitSshServer.privateKeyText(GitSshServer.generateKey(), null);
        RepoCredentials creds = RepoCredentials.sshKey(otherKey).withKnownHosts(ssh.knownHostsLine());

        assertThatThrownBy(() -> cache.fetch(ssh.url("app"), creds))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("fetch of " + ssh.url("app").replace("git@", "***@") + " failed: SSH authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(otherKey.lines().skip(1).findFirst().get()));
    }

    @Test
    void wrongPassphraseSaysSo() {
        RepoCredentials creds = RepoCredentials.sshKey(GitSshServer.privateKeyText(clientKey, PASSPHRASE))
                .withPassphrase("not the passphrase").withKnownHosts(ssh.knownHostsLine());

        assertThatThrownBy(() -> cache.fetch(ssh.url("app"), creds))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("cannot read the SSH private key of the repository credentials (wrong passphrase?)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not the passphrase"));
    }
}
