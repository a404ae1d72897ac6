package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK HTTP clients of one {@link ClusterConnection}: fabric8's JDK client factory, which also remembers every
 * {@link HttpClient} it built so that {@link #stop()} can end them with the connection.
 *
 * <p>Why: a JDK HTTP client keeps a selector thread blocked in {@code epoll_wait} until the client is garbage
 * collected, and fabric8's close only shuts its executor down. A JVM that exits while a thread sits in native code
 * waits for it, up to 300 ms on Java 17 (HotSpot's {@code VM_Exit::wait_for_threads_in_native_to_block}) - a tenth
 * of a one-shot {@code gitops diff}. Stopping the selector when the connection closes ends that thread at once: on
 * Java 21 and later through {@code HttpClient.shutdownNow()}; on Java 17 through the client's selector manager when
 * {@code java.net.http/jdk.internal.net.http} is opened to us (the {@code gitops} launcher and the CLI jar's
 * {@code Add-Opens} do), else not at all (the thread then ends when the client is collected, as before).
 *
 * <p>On machines with one or two processors each client is a {@link PooledSendClient}, so that a request does not
 * start a thread of its own.
 */
final class JdkHttpClients extends JdkHttpClientFactory {

    private static final Duration STOP_WAIT = Duration.ofMillis(200);

    private final List<HttpClient> built = new ArrayList<>();

    @Override
    protected HttpClient.Builder createNewHttpClientBuilder() {
        return new Recording(super.createNewHttpClientBuilder());
    }

    /** Stops every client built so far (their requests fail from now on); never throws. */
    void stop() {
        List<HttpClient> clients;
        synchronized (built) {
            clients = new ArrayList<>(built);
            built.clear();
        }
        clients.forEach(JdkHttpClients::stop);
    }

    /** The number of clients built and not yet stopped (tests). */
    int open() {
        synchronized (built) {
            return built.size();
        }
    }

    static void stop(HttpClient built) {
        HttpClient client = built;
        if (built instanceof PooledSendClient pooled) {
            pooled.stop();
            client = pooled.delegate();
        }
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(client);
            HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(client, STOP_WAIT);
            return;
        } catch (NoSuchMethodException e) {
            // Java 17: no public way; below
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return;
        }
        try {
            Object impl = field(client, "impl");
            Object selectorManager = field(impl, "selmgr");
            Method shutdown = selectorManager.getClass().getDeclaredMethod("shutdown");
            shutdown.setAccessible(true);
            shutdown.invoke(selectorManager);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not opened to us (InaccessibleObjectException) or another JDK's internals: the thread ends when the
            // client is garbage collected
        }
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /** A JDK client builder that records what it builds in {@link #built}. */
    private final class Recording implements HttpClient.Builder {

        private final HttpClient.Builder delegate;

        Recording(HttpClient.Builder delegate) {
            this.delegate = delegate;
        }

        @Override
        public HttpClient build() {
            HttpClient client = delegate.build();
            if (PooledSendClient.needed()) {
                client = new PooledSendClient(client);
            }
            synchronized (built) {
                built.add(client);
            }
            return client;
        }

        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            delegate.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            delegate.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            delegate.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(HttpClient.Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            delegate.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }
    }
}
