package io.jenkins.plugins.gitops.engine.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Stands in for the one part of a kubelet the harness lacks: its container log endpoint
 * ({@code GET /containerLogs/<namespace>/<pod>/<container>} over HTTPS). The harness's fake kubelet only moves Pod
 * statuses; nothing answers the real kube-apiserver when it proxies {@code pods/log}. This server does, for Pods bound
 * to the Node it registers ({@link #registerNode}: address 127.0.0.1, kubelet port = this server's), so a log read goes
 * the real way - client, kube-apiserver's {@code pods/log} subresource with its authorization and container checks,
 * the API server's kubelet client - and only the answer is canned. It honours the kubelet's query parameters the
 * engine sends ({@code timestamps}, {@code sinceTime} at second precision, {@code tailLines}, {@code limitBytes}) and
 * records every request so tests can see what was asked. The API server is started without a kubelet CA, so it does
 * not check this server's self-signed certificate (as kube-apiserver does without {@code --kubelet-certificate-authority}).
 */
public final class KubeletLogEndpoint implements AutoCloseable {

    /** One log line: when it was written and its text. */
    public record Line(Instant at, String text) {}

    private final HttpsServer server;
    private final Map<String, List<Line>> logs = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private KubeletLogEndpoint(HttpsServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port with a fresh self-signed certificate (made by the JDK's keytool). */
    public static KubeletLogEndpoint start() {
        try {
            Path dir = Files.createTempDirectory("kubelet-logs");
            Path store = dir.resolve("kubelet.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "kubelet", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            KubeletLogEndpoint endpoint = new KubeletLogEndpoint(server);
            server.createContext("/containerLogs/", endpoint::serve);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Creates (or replaces) the Node {@code name} whose kubelet is this server. The harness's fake kubelet leaves
     * Pods that name it in {@code spec.nodeName} bound there and only moves their status.
     */
    public void registerNode(KubernetesClient client, String name) {
        Node node = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(port()).endKubeletEndpoint()
                .endDaemonEndpoints().addNewCondition().withType("Ready").withStatus("True")
                .withReason("KubeletReady").endCondition().endStatus().build();
        client.nodes().resource(node).delete();
        client.nodes().resource(node).create();
        client.nodes().withName(name).editStatus(n -> new NodeBuilder(n).editStatus()
                .withAddresses(node.getStatus().getAddresses()).withDaemonEndpoints(node.getStatus().getDaemonEndpoints())
                .withConditions(node.getStatus().getConditions()).endStatus().build());
    }

    /** Writes a line to a container's log, stamped now (at least a microsecond after the previous line). */
    public synchronized Line write(String namespace, String pod, String container, String text) {
        List<Line> log = logs.computeIfAbsent(namespace + "/" + pod + "/" + container, k -> new CopyOnWriteArrayList<>());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!log.isEmpty() && !at.isAfter(log.get(log.size() - 1).at())) {
            at = log.get(log.size() - 1).at().plus(1, ChronoUnit.MICROS);
        }
        Line line = new Line(at, text);
        log.add(line);
        return line;
    }

    /** The requests served so far, as {@code path?query}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(path + (query == null ? "" : "?" + query));
            String[] parts = path.substring("/containerLogs/".length()).split("/");
            List<Line> log = parts.length == 3 ? logs.get(String.join("/", parts)) : null;
            if (log == null) {
                respond(exchange, 404, "no container log for " + path + "\n");
                return;
            }
            Map<String, String> q = query(query);
            List<Line> chosen = new ArrayList<>(log);
            if (q.containsKey("sinceTime")) {
                Instant since = Instant.parse(q.get("sinceTime"));
                chosen.removeIf(l -> l.at().isBefore(since));
            }
            if (q.containsKey("tailLines")) {
                int tail = Integer.parseInt(q.get("tailLines"));
                chosen = chosen.subList(Math.max(0, chosen.size() - tail), chosen.size());
            }
            boolean timestamps = "true".equals(q.get("timestamps"));
            StringBuilder body = new StringBuilder();
            for (Line l : chosen) {
                if (timestamps) {
                    body.append(l.at()).append(' ');
                }
                body.append(l.text()).append('\n');
            }
            String text = body.toString();
            if (q.containsKey("limitBytes")) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                int limit = Integer.parseInt(q.get("limitBytes"));
                if (bytes.length > limit) {
                    text = new String(bytes, 0, limit, StandardCharsets.UTF_8);
                }
            }
            respond(exchange, 200, text);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
