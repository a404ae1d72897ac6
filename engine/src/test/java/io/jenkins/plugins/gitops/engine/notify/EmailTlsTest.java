package io.jenkins.plugins.gitops.engine.notify;

import static io.jenkins.plugins.gitops.engine.notify.SendersTest.config;
import static io.jenkins.plugins.gitops.engine.notify.SendersTest.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail over TLS: STARTTLS (with AUTH PLAIN only after the upgrade) and implicit TLS, against an SMTP server in this
 * test whose certificate the test generates with the JDK's {@code keytool} (a self-signed one for 127.0.0.1); the
 * sender trusts exactly that certificate. A certificate for another name is refused before any credential is sent,
 * and {@code starttls: true} refuses a server that does not offer it. The server is a few lines of RFC 5321 written
 * here (rather than aiosmtpd, which {@link SendersTest} uses for plain SMTP) so the test sees exactly when the TLS
 * upgrade happens relative to the credentials; the client is the real {@link EmailSender}.
 */
class EmailTlsTest {

    @TempDir
    Path dir;

    /** A PKCS#12 key store with a self-signed certificate for {@code san}, made by keytool. */
    KeyStore certificate(String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    static SSLContext serverContext(KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    /** A client context trusting only the certificate in {@code ks}. */
    static SSLSocketFactory trusting(KeyStore ks) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("smtp", ks.getCertificate("smtp"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c.getSocketFactory();
    }

    @Test
    void starttlsUpgradesBeforeAuthenticating() throws Exception {
        KeyStore ks = certificate("smtp-test", "ip:127.0.0.1");
        try (Smtp server = Smtp.start(serverContext(ks), false, true)) {
            NotificationConfig c = config(Map.of("service.email", "host: 127.0.0.1\nport: " + server.port()
                    + "\nfrom: GitOps <gitops@example.com>\nstarttls: true\nusername: bot\npassword: $token\n"));

            new EmailSender(trusting(ks)).send(notification(c, "email", "dev@example.com", "app-sync-failed",
                    "sync-failed-hook"));

            List<String> log = server.session();
            assertThat(log).containsSubsequence("C: EHLO gitops", "C: STARTTLS", "-- TLS", "C: EHLO gitops",
                    "C: AUTH PLAIN " + Base64.getEncoder().encodeToString("\0bot\0xoxb-123".getBytes(
                            StandardCharsets.UTF_8)), "C: MAIL FROM:<gitops@example.com>",
                    "C: RCPT TO:<dev@example.com>", "C: DATA", "C: Subject: Failed to sync application web.",
                    "C: QUIT");
            assertThat(log.indexOf("-- TLS")).as("nothing secret before the upgrade")
                    .isLessThan(log.indexOf(log.stream().filter(l -> l.startsWith("C: AUTH")).findFirst()
                            .orElseThrow()));
        }
    }

    @Test
    void implicitTlsOnAnSslPort() throws Exception {
        KeyStore ks = certificate("smtps-test", "ip:127.0.0.1");
        try (Smtp server = Smtp.start(serverContext(ks), true, false)) {
            NotificationConfig c = config(Map.of("service.email", "host: 127.0.0.1\nport: " + server.port()
                    + "\nssl: true\nfrom: gitops@example.com\n"));

            new EmailSender(trusting(ks)).send(notification(c, "email", "dev@example.com", "app-sync-failed",
                    "sync-failed-hook"));

            assertThat(server.session()).startsWith("-- TLS").contains("C: RCPT TO:<dev@example.com>", "C: QUIT")
                    .doesNotContain("C: STARTTLS");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedBeforeAnyCredentialIsSent() throws Exception {
        KeyStore ks = certificate("smtp-other", "dns:mail.other.example");
        try (Smtp server = Smtp.start(serverContext(ks), false, true)) {
            NotificationConfig c = config(Map.of("service.email", "host: 127.0.0.1\nport: " + server.port()
                    + "\nfrom: gitops@example.com\nusername: bot\npassword: $token\n"));

            assertThatThrownBy(() -> new EmailSender(trusting(ks)).send(notification(c, "email", "dev@example.com",
                    "app-sync-failed", "sync-failed-hook"))).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");

            assertThat(server.session()).noneMatch(l -> l.startsWith("C: AUTH"));
        }
    }

    @Test
    void starttlsRequiredButNotOfferedIsAPermanentFailure() throws Exception {
        KeyStore ks = certificate("smtp-plain", "ip:127.0.0.1");
        try (Smtp server = Smtp.start(serverContext(ks), false, false)) {
            NotificationConfig c = config(Map.of("service.email", "host: 127.0.0.1\nport: " + server.port()
                    + "\nfrom: gitops@example.com\nstarttls: true\nusername: bot\npassword: $token\n"));

            assertThatThrownBy(() -> new EmailSender(trusting(ks)).send(notification(c, "email", "dev@example.com",
                    "app-sync-failed", "sync-failed-hook"))).isInstanceOf(Sender.Permanent.class)
                    .hasMessage("SMTP server 127.0.0.1:" + server.port() + " does not offer STARTTLS");
            assertThat(server.session()).noneMatch(l -> l.startsWith("C: AUTH"));
        }
    }

    /**
     * One-connection SMTP server: implicit TLS, or plain with STARTTLS offered (or not). Records the session: client
     * lines as {@code C: ...}, the switch to TLS as {@code -- TLS}.
     */
    static final class Smtp implements AutoCloseable {
        private final ServerSocket listener;
        private final CompletableFuture<List<String>> session;

        private Smtp(ServerSocket listener, CompletableFuture<List<String>> session) {
            this.listener = listener;
            this.session = session;
        }

        static Smtp start(SSLContext tls, boolean implicit, boolean offerStartTls) throws IOException {
            ServerSocket listener = implicit
                    ? ((SSLServerSocketFactory) tls.getServerSocketFactory()).createServerSocket(0, 1,
                            InetAddress.getLoopbackAddress())
                    : new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<List<String>> done = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = listener.accept()) {
                    Socket s = accepted;
                    if (implicit) {
                        ((SSLSocket) s).startHandshake();
                        log.add("-- TLS");
                    }
                    BufferedReader in = reader(s);
                    OutputStream out = s.getOutputStream();
                    reply(out, "220 test ESMTP");
                    boolean inData = false;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        log.add("C: " + line);
                        if (inData) {
                            if (line.equals(".")) {
                                inData = false;
                                reply(out, "250 queued");
                            }
                            continue;
                        }
                        String verb = line.split(" ", 2)[0].toUpperCase();
                        switch (verb) {
                            case "EHLO" -> reply(out, offerStartTls && !(s instanceof SSLSocket)
                                    ? "250-test\r\n250 STARTTLS" : "250 test");
                            case "STARTTLS" -> {
                                reply(out, "220 go ahead");
                                SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(s,
                                        "127.0.0.1", s.getPort(), false);
                                upgraded.setUseClientMode(false);
                                try {
                                    upgraded.startHandshake();
                                } catch (IOException refused) {
                                    log.add("-- TLS refused by the client");
                                    return List.copyOf(log);
                                }
                                log.add("-- TLS");
                                s = upgraded;
                                in = reader(s);
                                out = s.getOutputStream();
                            }
                            case "AUTH" -> reply(out, "235 ok");
                            case "DATA" -> {
                                inData = true;
                                reply(out, "354 go");
                            }
                            case "QUIT" -> {
                                reply(out, "221 bye");
                                return List.copyOf(log);
                            }
                            default -> reply(out, "250 ok");
                        }
                    }
                    return List.copyOf(log);
                } catch (IOException e) {
                    log.add("-- " + e);
                    return List.copyOf(log);
                }
            });
            return new Smtp(listener, done);
        }

        private static BufferedReader reader(Socket s) throws IOException {
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        int port() {
            return listener.getLocalPort();
        }

        List<String> session() throws Exception {
            return session.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
