package io.jenkins.plugins.gitops.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/**
 * A real Git-over-SSH server for tests: Apache MINA SSHD on {@code 127.0.0.1} (ephemeral port) running the installed
 * {@code git upload-pack} for {@code git-upload-pack '/name.git'} commands, serving the bare repositories below a
 * project root (use the same root as a {@link GitHttpServer} to serve one repository both ways). Only public-key
 * authentication with the key given at start is accepted.
 *
 * <pre>{@code
 * KeyPair client = GitSshServer.generateKey();
 * try (GitSshServer ssh = GitSshServer.start(server.projectRoot(), client.getPublic())) {
 *     String url = ssh.url("app");                       // ssh://git@127.0.0.1:PORT/app.git
 *     String key = GitSshServer.privateKeyText(client, "passphrase");
 *     String knownHosts = ssh.knownHostsLine();
 * }
 * }</pre>
 */
public final class GitSshServer implements AutoCloseable {

    private final SshServer server;
    private final Path projectRoot;
    private final KeyPair hostKey;

    private GitSshServer(Path projectRoot, PublicKey authorizedKey) throws IOException {
        this.projectRoot = projectRoot.toAbsolutePath();
        this.hostKey = generateKey();
        this.server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorizedKey));
        server.setCommandFactory((channel, command) -> new GitCommand(this.projectRoot, command));
        server.start();
    }

    /** Starts a server accepting only {@code authorizedKey}, serving the bare repositories below {@code projectRoot}. */
    public static GitSshServer start(Path projectRoot, PublicKey authorizedKey) {
        try {
            return new GitSshServer(projectRoot, authorizedKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Git SSH server", e);
        }
    }

    /** A fresh ECDSA P-256 key pair (for clients and hosts). */
    public static KeyPair generateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC keys are always available", e);
        }
    }

    /** The private key in OpenSSH format, encrypted with {@code passphrase} unless it is null. */
    public static String privateKeyText(KeyPair key, String passphrase) {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(passphrase);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode private key", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Clone URL of repository {@code name} ({@code .git} appended when missing). */
    public String url(String name) {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/" + GitHttpServer.bareName(name);
    }

    /** The server's host key as one known_hosts line ({@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA...}). */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code git upload-pack DIR} with the channel's streams. */
    private static final class GitCommand implements Command {
        private final Path projectRoot;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        GitCommand(Path projectRoot, String command) {
            this.projectRoot = projectRoot;
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            List<String> args = CommandFactory.split(command);
            if (args.size() != 2 || !args.get(0).equals("git-upload-pack")) {
                err.write(("unsupported command: " + command + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
                exit.onExit(1);
                return;
            }
            Path dir = projectRoot.resolve(args.get(1).replaceFirst("^/+", "")).normalize();
            if (!dir.startsWith(projectRoot)) {
                exit.onExit(1);
                return;
            }
            ProcessBuilder pb = new ProcessBuilder("git", "upload-pack", dir.toString());
            pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
            String protocol = env.getEnv().get("GIT_PROTOCOL");
            if (protocol != null) {
                pb.environment().put("GIT_PROTOCOL", protocol);
            }
            process = pb.start();
            Thread input = pump(in, process.getOutputStream(), true);
            Thread output = pump(process.getInputStream(), out, false);
            Thread errors = pump(process.getErrorStream(), err, false);
            Thread waiter = new Thread(() -> {
                try {
                    int code = process.waitFor();
                    output.join();
                    errors.join();
                    input.interrupt();
                    exit.onExit(code);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "git-ssh-wait");
            waiter.setDaemon(true);
            waiter.start();
        }

        private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int n;
                    while ((n = from.read(buffer)) != -1) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                } catch (IOException ignored) {
                    // the other side went away; the exit code tells the client
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                }
            }, "git-ssh-pump");
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.destroy();
            }
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }
    }
}
