package io.jenkins.plugins.gitops.engine.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * E-mail over SMTP (Argo CD's email service: {@code host}, {@code port}, {@code from}, {@code username},
 * {@code password}; the template's {@code email.subject} and {@code email.body}, the body defaulting to the
 * message). A small RFC 5321 client: implicit TLS on port 465 or with {@code ssl: true}, STARTTLS when the server
 * offers it (required with {@code starttls: true}), AUTH PLAIN when a username is set, one message per recipient.
 * Text is sent as UTF-8 quoted-printable-free 8BITMIME plain text with an RFC 2047 encoded subject. TLS (implicit or
 * STARTTLS) checks the server's certificate against the JVM's trust store and its name against {@code host}, as
 * HTTPS does, so credentials never go to a server that merely offers TLS.
 */
final class EmailSender implements Sender {

    private static final int TIMEOUT_MS = 20_000;

    private final SSLSocketFactory tls;

    EmailSender() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With the TLS socket factory to use (tests: one trusting a certificate they generated). */
    EmailSender(SSLSocketFactory tls) {
        this.tls = tls;
    }

    @Override
    public void send(Notification n) throws Exception {
        ServiceConfig s = n.service();
        if (n.recipient().isEmpty()) {
            throw new Permanent("email service " + s.name() + " needs an address as recipient");
        }
        String host = s.string("host");
        boolean ssl = Boolean.parseBoolean(s.string("ssl", "false")) || "465".equals(s.string("port"));
        int port = Integer.parseInt(s.string("port", ssl ? "465" : "25"));
        String subject = n.field("email", "subject");
        String body = n.field("email", "body");
        String from = s.string("from");
        send(tls, host, port, ssl, Boolean.parseBoolean(s.string("starttls", "false")), s.string("username"),
                s.string("password"), from, n.recipient(), subject == null ? "" : subject.strip(),
                body == null ? n.message() : body);
    }

    static void send(SSLSocketFactory tls, String host, int port, boolean ssl, boolean requireStartTls, String user,
            String password, String from, String to, String subject, String body) throws IOException, Permanent {
        Socket socket = ssl ? verifyingHost((SSLSocket) tls.createSocket()) : new Socket();
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        try (Session smtp = new Session(socket)) {
            smtp.expect(220);
            List<String> ehlo = smtp.command("EHLO gitops", 250);
            if (!ssl && ehlo.stream().anyMatch(l -> l.toUpperCase().contains("STARTTLS"))) {
                smtp.command("STARTTLS", 220);
                SSLSocket upgraded = verifyingHost((SSLSocket) tls.createSocket(socket, host, port, true));
                upgraded.startHandshake();
                smtp.use(upgraded);
                smtp.command("EHLO gitops", 250);
            } else if (!ssl && requireStartTls) {
                throw new Permanent("SMTP server " + host + ":" + port + " does not offer STARTTLS");
            }
            if (user != null && !user.isEmpty()) {
                String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + (password == null ? ""
                        : password)).getBytes(StandardCharsets.UTF_8));
                smtp.command("AUTH PLAIN " + token, 235);
            }
            smtp.command("MAIL FROM:<" + address(from) + ">", 250);
            smtp.command("RCPT TO:<" + address(to) + ">", 250, 251);
            smtp.command("DATA", 354);
            StringBuilder m = new StringBuilder();
            m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
            m.append("From: ").append(from).append("\r\n");
            m.append("To: ").append(to).append("\r\n");
            m.append("Subject: ").append(encodeHeader(subject)).append("\r\n");
            m.append("MIME-Version: 1.0\r\n");
            m.append("Content-Type: text/plain; charset=UTF-8\r\n");
            m.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
            for (String line : body.replace("\r\n", "\n").split("\n", -1)) {
                m.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            m.append(".");
            smtp.command(m.toString(), 250);
            smtp.command("QUIT", 221);
        }
    }

    /** The server's certificate must name the host we connected to (JSSE checks nothing of the kind by default). */
    private static SSLSocket verifyingHost(SSLSocket socket) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static String address(String a) {
        int lt = a.indexOf('<');
        int gt = a.indexOf('>');
        return lt >= 0 && gt > lt ? a.substring(lt + 1, gt).trim() : a.trim();
    }

    static String encodeHeader(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 32 && c < 127);
        return ascii ? text : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "?=";
    }

    private static final class Session implements AutoCloseable {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;

        Session(Socket socket) throws IOException {
            use(socket);
        }

        void use(Socket s) throws IOException {
            socket = s;
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out = s.getOutputStream();
        }

        List<String> command(String line, int... ok) throws IOException, Permanent {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return expect(ok);
        }

        List<String> expect(int... ok) throws IOException, Permanent {
            List<String> lines = new ArrayList<>();
            String l;
            do {
                l = in.readLine();
                if (l == null) {
                    throw new IOException("SMTP server closed the connection");
                }
                lines.add(l);
            } while (l.length() > 3 && l.charAt(3) == '-');
            int code = Integer.parseInt(l.substring(0, 3));
            for (int c : ok) {
                if (c == code) {
                    return lines;
                }
            }
            String msg = "SMTP server answered " + String.join(" / ", lines);
            if (code >= 500) {
                throw new Permanent(msg);
            }
            throw new IOException(msg);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
