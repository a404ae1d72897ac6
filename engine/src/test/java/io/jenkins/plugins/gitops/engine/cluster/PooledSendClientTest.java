package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK client that sends on reused threads (a real JDK HTTP server on loopback): answers arrive as the JDK's own
 * {@code sendAsync} gives them, on the pool's few threads instead of one new thread per request; a failure is the
 * JDK's exception; cancelling a request interrupts its send; stopping the client ends its threads.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PooledSendClientTest {

    HttpServer server;
    final CountDownLatch release = new CountDownLatch(1);
    PooledSendClient client;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = ("hello " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        client = new PooledSendClient(HttpClient.newHttpClient());
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        JdkHttpClients.stop(client);
        server.stop(0);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void answersArriveOnAFewReusedThreadsNotOneNewThreadPerRequest() throws Exception {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 10; round++) {
            List<CompletableFuture<String>> inFlight = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                inFlight.add(client.sendAsync(HttpRequest.newBuilder(uri("/hello?n=" + (round * 5 + i))).build(),
                        HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                            threads.add(Thread.currentThread().getName());
                            return r.statusCode() + " " + r.body();
                        }));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            answers.addAll(inFlight);
        }

        assertThat(answers).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(answers.get(i).get()).isEqualTo("200 hello n=" + i);
        }
        // a stage attached after its answer arrived runs on the attaching thread: this test's
        threads.remove(Thread.currentThread().getName());
        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("gitops-http-send-"));
        assertThat(threads.size()).as("threads used: %s", threads).isLessThanOrEqualTo(10);
    }

    @Test
    void aFailedRequestFailsWithTheJdksException() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThatThrownBy(() -> answer.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void cancellingARequestInterruptsItsSend() throws Exception {
        CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(HttpRequest.newBuilder(uri("/slow")).build(),
                HttpResponse.BodyHandlers.discarding());
        awaitSending(true);

        answer.cancel(true);

        awaitSending(false);
        assertThat(answer).isCancelled();
    }

    @Test
    void stoppingTheClientEndsItsThreads() throws Exception {
        client.sendAsync(HttpRequest.newBuilder(uri("/hello?n=1")).build(), HttpResponse.BodyHandlers.ofString())
                .get(20, TimeUnit.SECONDS);
        assertThat(poolThreads()).isNotEmpty();

        JdkHttpClients.stop(client);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!poolThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(poolThreads()).isEmpty();
    }

    static Set<Thread> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gitops-http-send-") && t.isAlive()).collect(Collectors.toSet());
    }

    /** Waits until a pool thread is (or no pool thread is any more) inside the JDK client's blocking send. */
    static void awaitSending(boolean sending) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean inSend = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> e.getKey().getName().startsWith("gitops-http-send-"))
                    .anyMatch(e -> java.util.Arrays.stream(e.getValue())
                            .anyMatch(f -> f.getMethodName().equals("send") && f.getClassName().contains("HttpClient")));
            if (inSend == sending) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("a pool thread is " + (sending ? "not" : "still") + " in send");
    }
}
