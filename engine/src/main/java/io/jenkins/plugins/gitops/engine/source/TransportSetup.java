package io.jenkins.plugins.gitops.engine.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Applies {@link RepoCredentials} to a JGit transport command: a credentials provider for HTTPS, an SSH session
 * factory (key held in memory, never written to disk) for SSH. The returned handle must be closed after the command
 * ran, which releases the SSH client.
 *
 * <p>SSH host keys live in {@code known_hosts} of a per-repository directory, next to a generated OpenSSH config that
 * sets {@code StrictHostKeyChecking} from {@link RepoCredentials.HostKeyChecking}; the user's {@code ~/.ssh} is never
 * read.
 */
public final class TransportSetup implements AutoCloseable {

    /** StrictHostKeyChecking value per policy (OpenSSH keywords). */
    private static final Map<RepoCredentials.HostKeyChecking, String> STRICT_HOST_KEY_CHECKING = Map.of(
            RepoCredentials.HostKeyChecking.KNOWN_HOSTS, "yes",
            RepoCredentials.HostKeyChecking.ACCEPT_NEW, "accept-new",
            RepoCredentials.HostKeyChecking.INSECURE, "no");

    private final SshdSessionFactory sshFactory;

    private TransportSetup(SshdSessionFactory sshFactory) {
        this.sshFactory = sshFactory;
    }

    /**
     * Configures {@code command} for {@code credentials}; {@code sshDir} is where SSH keeps known_hosts and config for
     * this repository (created when needed).
     */
    public static TransportSetup apply(TransportCommand<?, ?> command, RepoCredentials credentials, Path sshDir, Duration timeout) {
        command.setTimeout((int) Math.max(1, timeout.toSeconds()));
        switch (credentials.kind()) {
            case HTTPS_PASSWORD, HTTPS_TOKEN -> command.setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider(credentials.username(), credentials.secret()));
            case SSH_KEY -> {
                SshdSessionFactory factory = sshFactory(credentials, sshDir);
                command.setTransportConfigCallback(transport -> {
                    if (transport instanceof SshTransport ssh) {
                        ssh.setSshSessionFactory(factory);
                    }
                });
                return new TransportSetup(factory);
            }
            case NONE -> {
                // anonymous: no provider, so JGit cannot prompt or fall back to anything else
            }
        }
        return new TransportSetup(null);
    }

    @Override
    public void close() {
        if (sshFactory != null) {
            sshFactory.close();
        }
    }

    private static SshdSessionFactory sshFactory(RepoCredentials credentials, Path sshDir) {
        List<KeyPair> keys = loadKey(credentials);
        try {
            Files.createDirectories(sshDir);
            Path knownHosts = sshDir.resolve("known_hosts");
            boolean keepLearned = credentials.hostKeyChecking() == RepoCredentials.HostKeyChecking.ACCEPT_NEW
                    && Files.exists(knownHosts);
            if (!keepLearned) {
                Files.writeString(knownHosts, credentials.knownHosts(), StandardCharsets.UTF_8);
            }
            Files.writeString(sshDir.resolve("config"), "Host *\n"
                    + "  StrictHostKeyChecking " + STRICT_HOST_KEY_CHECKING.get(credentials.hostKeyChecking()) + "\n"
                    + "  UserKnownHostsFile " + knownHosts.toAbsolutePath() + "\n"
                    + "  BatchMode yes\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GitSourceException("cannot prepare SSH settings in " + sshDir + ": " + e.getMessage());
        }
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(sshDir.toFile())
                .setSshDirectory(sshDir.toFile())
                .setPreferredAuthentications("publickey")
                .setDefaultKeysProvider(dir -> keys)
                .build(null);
    }

    private static List<KeyPair> loadKey(RepoCredentials credentials) {
        String passphrase = credentials.passphrase();
        FilePasswordProvider password = passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase);
        byte[] pem = credentials.privateKey().getBytes(StandardCharsets.UTF_8);
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("repository key"),
                    new ByteArrayInputStream(pem), password);
            List<KeyPair> keys = loaded == null ? List.of() : listOf(loaded);
            if (keys.isEmpty()) {
                throw new GitSourceException("SSH private key of the repository credentials contains no key");
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof GitSourceException g) {
                throw g;
            }
            String hint = passphrase == null ? " (is it encrypted and missing a passphrase?)" : " (wrong passphrase?)";
            throw new GitSourceException("cannot read the SSH private key of the repository credentials" + hint + ": "
                    + SecretRedactor.of(credentials).describe(e));
        }
    }

    private static List<KeyPair> listOf(Iterable<KeyPair> keys) {
        List<KeyPair> list = new ArrayList<>();
        keys.forEach(list::add);
        return list;
    }
}
