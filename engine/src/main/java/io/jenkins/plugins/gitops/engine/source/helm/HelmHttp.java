package io.jenkins.plugins.gitops.engine.source.helm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP GETs to Helm repositories and registries: one {@link HttpClient} per trusted CA (the JVM's trust store plus the
 * repository's custom CA, if any), a timeout per request, redirects followed, and transport failures turned into a
 * {@link HelmRepositoryException} that names the host and never the credentials. Thread-safe.
 */
final class HelmHttp {

    private final Duration timeout;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    HelmHttp(Duration timeout) {
        this.timeout = timeout;
    }

    /** GET {@code uri}; {@code authorization} is a full header value or null. {@code what} names the target. */
    HttpResponse<byte[]> get(URI uri, String accept, String authorization, HelmAuth auth, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "gitops-sync-helm");
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return client(auth.caCertificatePem(), what).send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            String cause = e instanceof java.net.ConnectException ? "connection refused"
                    : e instanceof java.net.http.HttpTimeoutException ? "timed out"
                    : e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            if (e instanceof javax.net.ssl.SSLException) {
                cause = "TLS failure (" + cause + "); configure the repository's CA certificate";
            }
            throw new HelmRepositoryException(uri.getScheme() + "://" + uri.getAuthority() + " is unreachable ("
                    + cause + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelmRepositoryException(what + ": interrupted");
        }
    }

    static String basic(HelmAuth auth) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8));
    }

    private HttpClient client(String caPem, String what) {
        return clients.computeIfAbsent(caPem, pem -> {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (!pem.isBlank()) {
                b.sslContext(sslContext(pem, what));
            }
            return b.build();
        });
    }

    /** Trusts the JVM's CAs and the certificates in {@code pem}. */
    static SSLContext sslContext(String pem, String what) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Collection<? extends Certificate> certs = cf.generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new HelmRepositoryException(what + ": the configured CA certificate holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            X509TrustManager custom = trustManager(store);
            X509TrustManager jvm = trustManager(null);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new EitherTrustManager(jvm, custom)}, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new HelmRepositoryException(what + ": the configured CA certificate cannot be read: "
                    + e.getMessage());
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager t : f.getTrustManagers()) {
            if (t instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    /** Accepts a server chain that either trust manager accepts. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
