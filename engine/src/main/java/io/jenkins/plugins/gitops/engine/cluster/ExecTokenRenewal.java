package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The bearer token of a kubeconfig user whose credential comes from a plugin ({@code users[].user.exec}:
 * {@code aws eks get-token}, {@code gke-gcloud-auth-plugin}, {@code kubelogin}...), run again when the token is older
 * than {@link #RENEW_AFTER}. fabric8 renews such a token by re-reading the kubeconfig <i>file</i> once a minute; a kubeconfig
 * given as text (the CLI's {@code --kubeconfig}, the plugin's credentials) has no file, so fabric8 kept the first token
 * for the life of the client and a Jenkins controller got 401 Unauthorized once it expired (15 minutes for EKS). Here
 * the text is read again, which runs the plugin again, at the pace fabric8 keeps for files. A failed run keeps the
 * previous token and is tried again after the same interval; its error is not quoted (it may hold credentials).
 */
final class ExecTokenRenewal implements OAuthTokenProvider {

    /** fabric8's own renewal interval for a kubeconfig file ({@code TokenRefreshInterceptor}). */
    static final Duration RENEW_AFTER = Duration.ofMinutes(1);

    private final Supplier<String> run;
    private final LongSupplier nanoClock;
    private String token;
    private long obtainedAt;

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
        if (now - obtainedAt >= RENEW_AFTER.toNanos()) {
            obtainedAt = now;
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
}
