package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The bearer token of a kubeconfig user whose credential comes from a plugin ({@code users[].user.exec}:
 * {@code aws eks get-token}, {@code gke-gcloud-auth-plugin}, {@code kubelogin}...), run again when the token is older
 * than {@link #RENEW_AFTER}, and at once when the API server refuses the token (401), as client-go does. fabric8
 * renews such a token by re-reading the kubeconfig <i>file</i> once a minute; a kubeconfig given as text (the CLI's
 * {@code --kubeconfig}, the plugin's credentials) has no file, so fabric8 kept the first token for the life of the
 * client and a Jenkins controller got 401 Unauthorized once it expired (15 minutes for EKS). Here the text is read
 * again, which runs the plugin again. A failed run keeps the previous token and is tried again after the same
 * interval; its error is not quoted (it may hold credentials).
 */
final class ExecTokenRenewal implements OAuthTokenProvider {

    /** fabric8's own renewal interval for a kubeconfig file ({@code TokenRefreshInterceptor}). */
    static final Duration RENEW_AFTER = Duration.ofMinutes(1);
    /**
     * A refused token is renewed at once unless the plugin ran less than this long ago: a token refused right after
     * it was made is wrong for the cluster, and running the plugin for every request would not make it right.
     */
    static final Duration RENEW_REFUSED_AFTER = Duration.ofSeconds(10);

    private final Supplier<String> run;
    private final LongSupplier nanoClock;
    private String token;
    private long obtainedAt;
    private boolean refused;

    /**
     * @param run runs the credential plugin again and returns its token (null or empty when it gave none)
     * @param first the token the plugin gave when the configuration was read
     */
    ExecTokenRenewal(Supplier<String> run, String first, LongSupplier nanoClock) {
        this.run = run;
        this.nanoClock = nanoClock;
        this.token = first;
        this.obtainedAt = nanoClock.getAsLong();
    }

    @Override
    public synchronized String getToken() {
        long now = nanoClock.getAsLong();
        long age = now - obtainedAt;
        if (age >= RENEW_AFTER.toNanos() || refused && age >= RENEW_REFUSED_AFTER.toNanos()) {
            obtainedAt = now;
            refused = false;
            try {
                String renewed = run.get();
                if (renewed != null && !renewed.isEmpty()) {
                    token = renewed;
                }
            } catch (RuntimeException e) {
                // keep the previous token; the server says whether it still holds
            }
        }
        return token;
    }

    /** The API server answered 401 to the current token: the next {@link #getToken()} runs the plugin again. */
    synchronized void refusedByServer() {
        refused = true;
    }

    /**
     * fabric8's token interceptor for a client of {@code config} (whose token provider is this), telling this renewal
     * first when the server refuses the token. fabric8's interceptor then asks for the token again and, as it does for
     * any token provider, sends the request once more with it. Installed under fabric8's own name, so it takes the
     * place (and the position) of the interceptor fabric8 made.
     */
    Interceptor interceptor(Config config, HttpClient.Factory factory) {
        TokenRefreshInterceptor fabric8 = new TokenRefreshInterceptor(config, factory, Instant.now());
        return new Interceptor() {
            @Override
            public void before(BasicBuilder builder, io.fabric8.kubernetes.client.http.HttpRequest request,
                    RequestTags tags) {
                fabric8.before(builder, request, tags);
            }

            @Override
            public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response,
                    RequestTags tags) {
                if (response.code() == 401) {
                    refusedByServer();
                }
                return fabric8.afterFailure(builder, response, tags);
            }
        };
    }
}
