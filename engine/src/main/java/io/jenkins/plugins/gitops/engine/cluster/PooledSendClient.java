package io.jenkins.plugins.gitops.engine.cluster;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP client whose {@code sendAsync} runs the client's blocking {@code send} on a pool of reused threads, for
 * machines where the JDK would start a new thread for every request.
 *
 * <p>Why: the JDK's {@code sendAsync} hands every response to {@code CompletableFuture}'s default executor before its
 * caller sees it ("so that dependent actions do not run in the client's own threads"). That executor is the common
 * fork-join pool, except when the pool's parallelism is 1 - on machines with one or two processors - where it is a
 * new thread per task. fabric8 sends everything through {@code sendAsync}, so a sync of 500 objects (a dry run and a
 * write each) started over a thousand threads, about a tenth of the client's CPU on two cores that the API server
 * needed. {@code send} completes its exchange without that hand-over; here it runs on a cached pool (one thread per
 * request in flight, reused), and cancelling the returned future interrupts the send, which cancels the exchange as
 * cancelling the JDK's own future does. Everything else is the wrapped client's.
 */
final class PooledSendClient extends HttpClient {

    /** True where {@code CompletableFuture}'s default executor is a new thread per task. */
    static boolean needed() {
        return ForkJoinPool.getCommonPoolParallelism() <= 1;
    }

    private final HttpClient delegate;
    private final ExecutorService pool;

    PooledSendClient(HttpClient delegate) {
        this.delegate = delegate;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "gitops-http-send-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newCachedThreadPool(threads);
    }

    /** The client this one forwards to. */
    HttpClient delegate() {
        return delegate;
    }

    /** Ends the pool's threads (sends in progress are interrupted). */
    void stop() {
        pool.shutdownNow();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> responseBodyHandler) {
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        Future<?> running;
        try {
            running = pool.submit(() -> {
                try {
                    result.complete(delegate.send(request, responseBodyHandler));
                } catch (InterruptedException e) {
                    result.completeExceptionally(new IOException("the request was interrupted: " + request.uri(), e));
                } catch (IOException | RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return delegate.sendAsync(request, responseBodyHandler); // stopped: the client refuses it the JDK's way
        }
        result.whenComplete((r, t) -> {
            if (result.isCancelled()) {
                running.cancel(true);
            }
        });
        return result;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> responseBodyHandler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(request, responseBodyHandler, pushPromiseHandler);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
            throws IOException, InterruptedException {
        return delegate.send(request, responseBodyHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<java.util.concurrent.Executor> executor() {
        return delegate.executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }
}
