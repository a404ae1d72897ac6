package io.jenkins.plugins.gitops.engine.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real smart-HTTP Git server for tests: the JDK's {@link HttpServer} on {@code 127.0.0.1} (ephemeral port)
 * bridging every request under {@code /git/} to the {@code git http-backend} CGI of the installed Git.
 *
 * <p>Repositories are bare repositories below {@link #projectRoot()}; {@link TestRepos} creates and fills them.
 * With {@link #startWithBasicAuth(Path, String, String)} every request needs HTTP basic credentials, otherwise the
 * server answers 401 with a {@code WWW-Authenticate} challenge, as GitHub or GitLab do.
 *
 * <pre>{@code
 * try (GitHttpServer server = GitHttpServer.start(tempDir.resolve("srv"))) {
 *     TestRepo repo = TestRepos.create(server, "apps", tempDir.resolve("work"));
 *     repo.write("app/cm.yaml", "...").commit("first");
 *     String url = repo.url(); // http://127.0.0.1:PORT/git/apps.git
 * }
 * }</pre>
 *
 * <p>Every request is recorded in {@link #requests()} as {@code "METHOD /path?query STATUS"}, so tests can count
 * fetches (one {@code GET .../info/refs?service=git-upload-pack} per fetch or ls-remote).
 */
public final class GitHttpServer implements AutoCloseable {

    private static final String PREFIX = "/git";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path projectRoot;
    private final String expectedAuthorization;
    private final String user;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private GitHttpServer(Path projectRoot, String user, String password) throws IOException {
        this.projectRoot = Files.createDirectories(projectRoot).toAbsolutePath();
        this.user = user;
        this.expectedAuthorization = user == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "git-http-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX + "/", this::handle);
        server.start();
    }

    /** Starts an anonymous server serving the bare repositories below {@code projectRoot} (created if missing). */
    public static GitHttpServer start(Path projectRoot) {
        return create(projectRoot, null, null);
    }

    /** Starts a server that requires HTTP basic auth with exactly this username and password. */
    public static GitHttpServer startWithBasicAuth(Path projectRoot, String username, String password) {
        return create(projectRoot, username, password);
    }

    private static GitHttpServer create(Path projectRoot, String username, String password) {
        try {
            return new GitHttpServer(projectRoot, username, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Git HTTP server", e);
        }
    }

    /** Clone URL of the repository {@code name} (a {@code .git} suffix is appended when missing). */
    public String url(String name) {
        return baseUrl() + "/" + bareName(name);
    }

    /** {@code http://127.0.0.1:PORT/git}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX;
    }

    /** Directory holding the bare repositories ({@code GIT_PROJECT_ROOT}). */
    public Path projectRoot() {
        return projectRoot;
    }

    /** Directory of the bare repository {@code name} below {@link #projectRoot()}. */
    public Path repositoryDir(String name) {
        return projectRoot.resolve(bareName(name));
    }

    /** All requests so far, oldest first, as {@code "METHOD /path?query STATUS"}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Number of ref advertisements served for {@code name} (one per fetch or ls-remote; 401s not counted). */
    public long fetchCount(String name) {
        String marker = "GET " + PREFIX + "/" + bareName(name) + "/info/refs?service=git-upload-pack 200";
        return requests.stream().filter(marker::equals).count();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static String bareName(String name) {
        return name.endsWith(".git") ? name : name + ".git";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (query == null ? "" : "?" + query);
        try (exchange) {
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                requests.add(line + " 401");
                return;
            }
            int status = runBackend(exchange, query);
            requests.add(line + " " + status);
        }
    }

    private int runBackend(HttpExchange exchange, String query) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("PATH_INFO", exchange.getRequestURI().getRawPath().substring(PREFIX.length()));
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        putHeader(env, "CONTENT_TYPE", exchange, "Content-Type");
        putHeader(env, "HTTP_CONTENT_ENCODING", exchange, "Content-Encoding");
        putHeader(env, "HTTP_GIT_PROTOCOL", exchange, "Git-Protocol");
        env.put("REMOTE_ADDR", "127.0.0.1");
        if (user != null) {
            env.put("REMOTE_USER", user);
        }
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            } catch (IOException ignored) {
                // the backend may stop reading early (for example on a bad request); its output says why
            }
        }, "git-http-backend-stdin");
        writer.start();
        try (InputStream out = process.getInputStream()) {
            int status = 200;
            String header;
            while (!(header = readHeaderLine(out)).isEmpty()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ", 2)[0]);
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream response = exchange.getResponseBody()) {
                out.transferTo(response);
            }
            return status;
        } finally {
            waitFor(process, writer);
        }
    }

    private static void putHeader(Map<String, String> env, String variable, HttpExchange exchange, String header) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    private static String readHeaderLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return "";
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void waitFor(Process process, Thread writer) {
        try {
            process.waitFor();
            writer.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
