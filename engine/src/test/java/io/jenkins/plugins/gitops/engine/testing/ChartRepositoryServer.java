package io.jenkins.plugins.gitops.engine.testing;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real Helm chart repository on loopback: the JDK's HTTP(S) server serving {@code index.yaml} and chart archives
 * packaged by helm-java ({@code helm package}), optionally behind HTTP basic auth, optionally over HTTPS with a
 * certificate of a throw-away CA made by the JDK's {@code keytool}. The index is written as {@code helm repo index}
 * writes it (name, version, digest, urls relative to the repository, created). Counts requests per path.
 */
public final class ChartRepositoryServer implements AutoCloseable {

    /** A chart version published in the repository. */
    public record Published(String name, String version, String digest, Path archive) {}

    private final HttpServer server;
    private final Path dir;
    private final String user;
    private final String password;
    private final String caPem;
    private final List<Published> charts = new ArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private ChartRepositoryServer(HttpServer server, Path dir, String user, String password, String caPem) {
        this.server = server;
        this.dir = dir;
        this.user = user;
        this.password = password;
        this.caPem = caPem;
    }

    /** Plain HTTP; {@code user} null for anonymous access. */
    public static ChartRepositoryServer http(Path dir, String user, String password) {
        return start(dir, user, password, false);
    }

    /** HTTPS with a certificate for 127.0.0.1 signed by nothing the JVM trusts ({@link #caPem()} is its trust). */
    public static ChartRepositoryServer https(Path dir, String user, String password) {
        return start(dir, user, password, true);
    }

    private static ChartRepositoryServer start(Path dir, String user, String password, boolean tls) {
        try {
            Path root = Files.createDirectories(dir.toAbsolutePath());
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            HttpServer server;
            String pem = "";
            if (tls) {
                Path ks = root.resolve("server.p12");
                keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore",
                        ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
                pem = keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(), "-storepass",
                        "changeit");
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(ks)) {
                    store.load(in, "changeit".toCharArray());
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, "changeit".toCharArray());
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(ctx));
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
            ChartRepositoryServer repo = new ChartRepositoryServer(server, root.resolve("www"), user, password, pem);
            Files.createDirectories(repo.dir);
            repo.writeIndex();
            server.createContext("/", repo::handle);
            server.start();
            return repo;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the chart repository: " + e.getMessage(), e);
        }
    }

    private static String keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
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

    /** {@code http(s)://127.0.0.1:<port>} plus {@code path} (e.g. "" or "/stable"). */
    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The PEM certificate clients must trust for HTTPS ("" for plain HTTP). */
    public String caPem() {
        return caPem;
    }

    /**
     * Writes a chart {@code name}/{@code version} (the given templates, keyed by file name under templates/, plus
     * optional extra Chart.yaml lines), packages it with helm-java and republishes the index.
     */
    public Published publish(Path work, String name, String version, Map<String, String> templates,
            String chartYamlExtra) {
        try {
            Path chart = Files.createDirectories(work.resolve("src-" + name + "-" + version).resolve(name));
            Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: " + version
                    + "\ndescription: test chart " + name + "\n" + (chartYamlExtra == null ? "" : chartYamlExtra));
            Files.writeString(chart.resolve("values.yaml"), "greeting: hello\n");
            Files.createDirectories(chart.resolve("templates"));
            for (Map.Entry<String, String> t : templates.entrySet()) {
                Files.writeString(chart.resolve("templates").resolve(t.getKey()), t.getValue());
            }
            return publish(chart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packages an existing chart directory with helm-java and republishes the index. */
    public synchronized Published publish(Path chartDir) {
        try {
            new Helm(chartDir).packageIt().withDestination(dir).call();
            String chartYaml = Files.readString(chartDir.resolve("Chart.yaml"));
            String name = field(chartYaml, "name");
            String version = field(chartYaml, "version");
            Path archive = dir.resolve(name + "-" + version + ".tgz");
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(archive)));
            Published p = new Published(name, version, digest, archive);
            charts.removeIf(c -> c.name().equals(name) && c.version().equals(version));
            charts.add(p);
            writeIndex();
            return p;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces a published archive's bytes without updating the index (a tampered or corrupted download). */
    public void corrupt(Published p) throws IOException {
        Files.write(p.archive(), "not the chart".getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String yaml, String key) {
        return yaml.lines().filter(l -> l.startsWith(key + ":")).findFirst().orElseThrow()
                .substring(key.length() + 1).trim().replace("\"", "");
    }

    private void writeIndex() throws IOException {
        StringBuilder y = new StringBuilder("apiVersion: v1\nentries:\n");
        charts.stream().map(Published::name).distinct().sorted().forEach(name -> {
            y.append("  ").append(name).append(":\n");
            charts.stream().filter(c -> c.name().equals(name)).forEach(c -> y
                    .append("  - apiVersion: v2\n    name: ").append(name)
                    .append("\n    version: ").append(c.version())
                    .append("\n    description: test chart ").append(name)
                    .append("\n    digest: ").append(c.digest())
                    .append("\n    created: \"").append(Instant.parse("2026-01-01T00:00:00Z")).append("\"")
                    .append("\n    urls:\n    - ").append(c.archive().getFileName()).append('\n'));
        });
        y.append("generated: \"").append(Instant.now()).append("\"\n");
        Files.writeString(dir.resolve("index.yaml"), y);
    }

    /** Requests served for a path such as {@code /index.yaml}. */
    public int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            if (user != null) {
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"charts\"");
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
            }
            Path file = dir.resolve(path.substring(1)).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
