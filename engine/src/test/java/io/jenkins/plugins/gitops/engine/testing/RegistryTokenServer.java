package io.jenkins.plugins.gitops.engine.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token service of distribution's token authentication, on loopback: {@code GET /token?service=..&scope=..} with
 * HTTP basic credentials answers {@code {"token": JWT}}, a JWT signed (RS256) with a key made by the JDK's keytool
 * whose self-signed certificate is the registry's {@code rootcertbundle} (sent in the {@code x5c} header). Wrong
 * credentials get 401. It is the real protocol a registry such as Docker Hub or Harbor speaks; only the account
 * store is one user. Used with {@link TestRegistry#startWithTokenAuth}.
 */
public final class RegistryTokenServer implements AutoCloseable {

    public static final String SERVICE = "test-registry";
    public static final String ISSUER = "test-token-issuer";

    private final HttpServer server;
    private final PrivateKey key;
    private final String x5c;
    private final Path bundle;
    private final String user;
    private final String password;
    private final List<String> repositories;
    private final AtomicInteger issued = new AtomicInteger();

    private RegistryTokenServer(HttpServer server, PrivateKey key, String x5c, Path bundle, String user,
            String password, List<String> repositories) {
        this.server = server;
        this.key = key;
        this.x5c = x5c;
        this.bundle = bundle;
        this.user = user;
        this.password = password;
        this.repositories = repositories;
    }

    /** A token service for one account; {@code repositories} are those the fixture's own admin token may push to. */
    public static RegistryTokenServer start(Path dir, String user, String password, List<String> repositories) {
        try {
            Path root = Files.createDirectories(dir.toAbsolutePath());
            Path ks = root.resolve("token.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=" + ISSUER, "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass",
                    "changeit", "-keypass", "changeit");
            String pem = run(keytool, "-exportcert", "-rfc", "-alias", "token", "-keystore", ks.toString(),
                    "-storepass", "changeit");
            Path bundle = Files.writeString(root.resolve("root.pem"), pem.substring(pem.indexOf("-----BEGIN")));
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                store.load(in, "changeit".toCharArray());
            }
            PrivateKey key = (PrivateKey) store.getKey("token", "changeit".toCharArray());
            Certificate cert = store.getCertificate("token");
            String x5c = Base64.getEncoder().encodeToString(cert.getEncoded());
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RegistryTokenServer tokens = new RegistryTokenServer(server, key, x5c, bundle, user, password,
                    List.copyOf(repositories));
            server.createContext("/token", tokens::handle);
            server.start();
            return tokens;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the registry token service: " + e.getMessage(), e);
        }
    }

    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("keytool failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    Path rootCertBundle() {
        return bundle;
    }

    /** Tokens issued to clients so far. */
    public int issued() {
        return issued.get();
    }

    /** A token that may pull and push every repository given at start (for the fixture's own pushes). */
    String adminToken() {
        List<String> access = new ArrayList<>();
        for (String repo : repositories) {
            access.add("{\"type\":\"repository\",\"name\":\"" + repo + "\",\"actions\":[\"pull\",\"push\"]}");
        }
        return jwt("admin", String.join(",", access), 3600);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String access = "";
            String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            for (String param : query.split("&")) {
                if (param.startsWith("scope=")) {
                    String[] scope = URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8).split(":");
                    if (scope.length == 3 && scope[0].equals("repository")) {
                        access = "{\"type\":\"repository\",\"name\":\"" + scope[1] + "\",\"actions\":[\"pull\"]}";
                    }
                }
            }
            issued.incrementAndGet();
            byte[] body = ("{\"token\":\"" + jwt(user, access, 300) + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private String jwt(String subject, String access, long seconds) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + x5c + "\"]}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + SERVICE
                + "\",\"exp\":" + (now + seconds) + ",\"nbf\":" + (now - 30) + ",\"iat\":" + now + ",\"jti\":\""
                + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.getBytes(StandardCharsets.UTF_8));
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
