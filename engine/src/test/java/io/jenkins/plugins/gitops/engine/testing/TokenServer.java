package io.jenkins.plugins.gitops.engine.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service for distribution's token authentication (the Docker Registry v2 auth specification), as a registry
 * behind Docker Hub's or Harbor's auth server sees it: {@code GET /token?service=...&scope=repository:<name>:pull}
 * with basic auth answers {@code {"token": "<JWT>"}}. Tokens are RS256 JWTs whose {@code x5c} header carries a
 * self-signed certificate made with {@code openssl} (the registry's {@code rootcertbundle}); wrong credentials get 401.
 */
final class TokenServer implements AutoCloseable {

    static final String SERVICE = "test-registry";
    static final String ISSUER = "test-token-issuer";

    private final HttpServer server;
    private final Path certificate;
    private final PrivateKey key;
    private final String x5c;
    private final AtomicInteger requests = new AtomicInteger();

    private TokenServer(HttpServer server, Path certificate, PrivateKey key, String x5c) {
        this.server = server;
        this.certificate = certificate;
        this.key = key;
        this.x5c = x5c;
    }

    static TokenServer start(Path dir, String user, String password) {
        try {
            Files.createDirectories(dir);
            Path keyFile = dir.resolve("key.pem");
            Path certFile = dir.resolve("cert.pem");
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=" + ISSUER, "-keyout", keyFile.toString(), "-out", certFile.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl req failed: " + out);
            }
            String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            X509Certificate cert;
            try (var in = Files.newInputStream(certFile)) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TokenServer t = new TokenServer(server, certFile, key,
                    Base64.getEncoder().encodeToString(cert.getEncoded()));
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            server.createContext("/token", ex -> {
                t.requests.incrementAndGet();
                if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.sendResponseHeaders(401, -1);
                    ex.close();
                    return;
                }
                String repo = "";
                List<String> actions = List.of();
                String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
                for (String part : query.split("&")) {
                    if (part.startsWith("scope=")) {
                        String[] scope = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8).split(":");
                        repo = scope[1];
                        actions = List.of(scope[2].split(","));
                    }
                }
                byte[] body = ("{\"token\":\"" + t.mint(repo, actions) + "\",\"expires_in\":300}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    Path certificate() {
        return certificate;
    }

    int requests() {
        return requests.get();
    }

    /** A JWT granting {@code actions} on repository {@code repo}. */
    String mint(String repo, List<String> actions) {
        long now = Instant.now().getEpochSecond();
        List<String> quoted = new ArrayList<>();
        actions.forEach(a -> quoted.add("\"" + a + "\""));
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + x5c + "\"]}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"robot\",\"aud\":\"" + SERVICE + "\",\"exp\":"
                + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"access\":[{\"type\":\"repository\",\"name\":\"" + repo + "\",\"actions\":["
                + String.join(",", quoted) + "]}]}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
