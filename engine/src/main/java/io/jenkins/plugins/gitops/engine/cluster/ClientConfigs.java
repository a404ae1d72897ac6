package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds fabric8 {@link Config}s for the three ways a {@link ClusterConnection} authenticates, validating input
 * early so that a bad kubeconfig, context, URL or certificate fails with a message naming the file or field instead
 * of at the first request. None of them reads {@code ~/.kube/config} or environment variables unless asked to.
 */
final class ClientConfigs {

    /** fabric8 retries failed requests with exponential backoff from 100 ms; its default of 10 tries hangs ~100 s. */
    static final int RETRY_BACKOFF_LIMIT = 3;

    static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

    /** A validated configuration plus what the connection shows and must mask. */
    record Built(Config config, String server, String contextName, SecretRedactor redactor) {}

    private ClientConfigs() {}

    static Built kubeconfig(Path file, String context) {
        if (!Files.isRegularFile(file)) {
            throw configError("kubeconfig " + file + ": file not found");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(context, file.toFile());
        } catch (RuntimeException e) {
            // not e.getMessage(): YAML parse errors quote the file, which may hold tokens
            throw configError("kubeconfig " + file + ": not a readable kubeconfig (" + e.getClass().getSimpleName() + ")");
        }
        List<String> names = new ArrayList<>();
        if (config.getContexts() != null) {
            config.getContexts().stream().map(NamedContext::getName).forEach(names::add);
        }
        if (context != null && !context.isBlank() && !names.contains(context)) {
            // fabric8 silently falls back to current-context; a wrong cluster is worse than an error
            throw configError("kubeconfig " + file + ": context '" + context + "' not found (contexts: " + names + ")");
        }
        if (config.getMasterUrl() == null || config.getCurrentContext() == null) {
            throw configError("kubeconfig " + file + ": no context selected (set current-context or name a context)");
        }
        tune(config);
        forgetFileWithoutToken(config);
        SecretRedactor redactor = SecretRedactor.of(List.of(nz(config.getOauthToken()), nz(config.getAutoOAuthToken()),
                nz(config.getPassword()), nz(config.getClientKeyData())));
        return new Built(config, trimSlash(config.getMasterUrl()), config.getCurrentContext().getName(), redactor);
    }

    static Built bearerToken(String server, String token, String caCertificatePem, boolean insecure,
            String namespace) {
        String url = checkServer(server, "server");
        if (token == null || token.isBlank()) {
            throw configError("bearerToken: required for cluster " + url);
        }
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withOauthToken(token.strip())
                .withNamespace(namespace == null || namespace.isBlank() ? "default" : namespace)
                .withTrustCerts(insecure)
                .withDisableHostnameVerification(insecure);
        if (!insecure && caCertificatePem != null && !caCertificatePem.isBlank()) {
            b.withCaCertData(caData(caCertificatePem));
        }
        Config config = b.build();
        tune(config);
        return new Built(config, url, null, SecretRedactor.of(List.of(token.strip())));
    }

    static Built inCluster(Map<String, String> env, Path serviceAccountDir) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        if (host == null || host.isBlank()) {
            throw configError("in-cluster: KUBERNETES_SERVICE_HOST is not set (not running in a Kubernetes pod?)");
        }
        Path tokenFile = serviceAccountDir.resolve("token");
        if (!Files.isReadable(tokenFile)) {
            throw configError("in-cluster: service account token " + tokenFile + " not found"
                    + " (automountServiceAccountToken disabled?)");
        }
        String hostPort = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        Path ca = serviceAccountDir.resolve("ca.crt");
        Path nsFile = serviceAccountDir.resolve("namespace");
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPort)
                .withNamespace(Files.isReadable(nsFile) ? read(nsFile).strip() : "default")
                // projected tokens rotate: read the file on every request, as client-go does
                .withOauthTokenProvider(() -> read(tokenFile).strip());
        if (Files.isReadable(ca)) {
            b.withCaCertFile(ca.toString());
        }
        Config config = b.build();
        tune(config);
        return new Built(config, ClusterConnection.IN_CLUSTER_SERVER, null,
                SecretRedactor.of(List.of(read(tokenFile).strip())));
    }

    /**
     * fabric8 re-reads a kubeconfig file to renew a bearer token: once a minute, and after a 401. When the user
     * authenticates without a token (a client certificate, as kind, k3s, minikube and kubeadm's admin.conf do), no
     * re-read ever finds one, so fabric8 never notes a renewal and, from a minute after the client was made, re-reads
     * and parses the whole file (and runs its credential plugin) before every request: about half a millisecond of
     * CPU per request, a third of a sync's client CPU. Without a token there is nothing a re-read could renew, so the
     * file is forgotten and the client keeps the credentials it was made with; with a token, renewal from the file is
     * unchanged.
     */
    static void forgetFileWithoutToken(Config config) {
        boolean token = config.getOauthTokenProvider() != null || !nz(config.getOauthToken()).isEmpty()
                || !nz(config.getAutoOAuthToken()).isEmpty() || config.getAuthProvider() != null;
        if (!token && config.getCurrentContext() != null) {
            // Config.getFile(), read by refresh() alone, is the file fabric8 noted on the current context
            config.getCurrentContext().getAdditionalProperties().remove(CONTEXT_FILE_KEY);
        }
    }

    /** Where fabric8 ({@code KubeConfigUtils}) notes the file a kubeconfig context came from. */
    private static final String CONTEXT_FILE_KEY = "KUBERNETES_CONFIG_CONTEXT_FILE_KEY";

    private static void tune(Config config) {
        config.setRequestRetryBackoffLimit(RETRY_BACKOFF_LIMIT);
    }

    static String checkServer(String server, String field) {
        String s = server == null ? "" : server.strip();
        try {
            URI uri = URI.create(s);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return trimSlash(s);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw configError(field + ": '" + s + "' is not an http(s) URL");
    }

    /** fabric8 wants base64 of the PEM (kubeconfig's certificate-authority-data); accept either form. */
    private static String caData(String pemOrBase64) {
        String text = pemOrBase64.strip();
        if (!text.startsWith("-----BEGIN")) {
            try {
                text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException e) {
                text = "";
            }
        }
        if (!text.startsWith("-----BEGIN CERTIFICATE-----")) {
            throw configError("caCertificate: not a PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        try {
            if (CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty()) {
                throw configError("caCertificate: no certificate found in the PEM text");
            }
        } catch (CertificateException e) {
            throw configError("caCertificate: unreadable PEM certificate (" + e.getMessage() + ")");
        }
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String trimSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static ClusterException configError(String message) {
        return new ClusterException(Reason.CONFIGURATION, "", message);
    }
}
