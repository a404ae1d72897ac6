package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One cluster the engine can deploy to: a name, the API server URL applications use as
 * {@code spec.destination.server}, and how to authenticate. Owns a {@link KubernetesClient} (created on first use,
 * closed by {@link #close()}) and the cluster's {@link ApiDiscovery} cache.
 *
 * <p>Configuration is validated when the connection is created (file, context, URL, certificate); no request is sent
 * until {@link #client()} is used. {@link #toString()} and every error show the name, server and authentication
 * method, never a token, password or key. Thread-safe.
 */
public final class ClusterConnection implements AutoCloseable {

    /** Argo CD's name for the cluster Argo CD itself runs in. */
    public static final String IN_CLUSTER_NAME = "in-cluster";
    /** Argo CD's server URL for the cluster it runs in. */
    public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

    /** How a connection authenticates (shown in toString and UIs; carries no secret). */
    public enum Authentication {
        KUBECONFIG, BEARER_TOKEN, IN_CLUSTER, PROVIDED_CLIENT
    }

    private final String name;
    private final String server;
    private final Authentication authentication;
    private final SecretRedactor redactor;
    private final Function<JdkHttpClients, KubernetesClient> factory;
    /** The HTTP clients of clients this connection builds: stopped, selector threads included, on close. */
    private final JdkHttpClients httpClients = new JdkHttpClients();
    private KubernetesClient client;
    private ApiDiscovery discovery;
    private boolean closed;

    private ClusterConnection(String name, String server, Authentication authentication, SecretRedactor redactor,
            Function<JdkHttpClients, KubernetesClient> factory) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("cluster name is required (server " + server + ")");
        }
        this.name = name.strip();
        this.server = server;
        this.authentication = authentication;
        this.redactor = redactor;
        this.factory = factory;
    }

    /**
     * From a kubeconfig file, like {@code kubectl --kubeconfig FILE --context CONTEXT}.
     *
     * @param name the cluster's name; null uses the context's name
     * @param context null or blank uses the file's current-context; an unknown context is an error
     */
    public static ClusterConnection fromKubeconfig(String name, Path kubeconfig, String context) {
        ClientConfigs.Built built = ClientConfigs.kubeconfig(kubeconfig, context);
        return fromConfig(name == null || name.isBlank() ? built.contextName() : name, Authentication.KUBECONFIG, built);
    }

    /**
     * From a server URL and a bearer token (a service account token, as Argo CD's cluster secrets hold).
     *
     * @param caCertificatePem the API server's CA certificate, PEM (or base64 of it, as in a kubeconfig); null
     *     trusts the JVM's default CAs
     * @param insecure skip TLS verification entirely (Argo CD's {@code insecure: true}); the CA is then ignored
     * @param defaultNamespace namespace for namespaced objects that name none; null means {@code default}
     */
    public static ClusterConnection withBearerToken(String name, String server, String bearerToken,
            String caCertificatePem, boolean insecure, String defaultNamespace) {
        ClientConfigs.Built built =
                ClientConfigs.bearerToken(server, bearerToken, caCertificatePem, insecure, defaultNamespace);
        return fromConfig(name, Authentication.BEARER_TOKEN, built);
    }

    /** The cluster this process runs in, through its pod's service account; named {@value #IN_CLUSTER_NAME}. */
    public static ClusterConnection inCluster() {
        return inCluster(IN_CLUSTER_NAME);
    }

    /** The pod's own cluster under another name (it still answers to {@code https://kubernetes.default.svc}). */
    public static ClusterConnection inCluster(String name) {
        return inCluster(name == null || name.isBlank() ? IN_CLUSTER_NAME : name, System.getenv(),
                Path.of(ClientConfigs.SERVICE_ACCOUNT_DIR));
    }

    /** In-cluster with an explicit environment and service account directory (tests, unusual mounts). */
    static ClusterConnection inCluster(String name, Map<String, String> env, Path serviceAccountDir) {
        return fromConfig(name, Authentication.IN_CLUSTER, ClientConfigs.inCluster(env, serviceAccountDir));
    }

    /**
     * Wraps a client built elsewhere (tests with the fabric8 mock server, embedding applications). The connection
     * takes ownership: closing it closes the client.
     *
     * @param server the URL applications use for this cluster; null uses the client's master URL
     */
    public static ClusterConnection ofClient(String name, String server, KubernetesClient client) {
        Objects.requireNonNull(client, "client");
        String url = server == null ? ClientConfigs.trimSlash(client.getMasterUrl().toString()) : server;
        return new ClusterConnection(name, ClientConfigs.trimSlash(url), Authentication.PROVIDED_CLIENT,
                SecretRedactor.SHAPES_ONLY, http -> client);
    }

    /**
     * A client built on first use (on whichever thread first needs it) from the configuration {@code config} makes
     * then, for callers that know the server URL without parsing everything the client needs. The connection builds
     * the client itself, so that closing it also stops the client's HTTP threads at once.
     */
    public static ClusterConnection ofConfigFactory(String name, String server, Supplier<Config> config) {
        Objects.requireNonNull(config, "config");
        return new ClusterConnection(name, ClientConfigs.trimSlash(Objects.requireNonNull(server, "server")),
                Authentication.PROVIDED_CLIENT, SecretRedactor.SHAPES_ONLY, http -> build(config.get(), http));
    }

    private static KubernetesClient build(Config config, JdkHttpClients http) {
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(http);
        if (config.getOauthTokenProvider() instanceof ExecTokenRenewal renewal) {
            builder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(
                    io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor.NAME, renewal.interceptor(config, http)));
        }
        return builder.build();
    }

    private static ClusterConnection fromConfig(String name, Authentication auth, ClientConfigs.Built built) {
        Config config = built.config();
        return new ClusterConnection(name, built.server(), auth, built.redactor(),
                http -> build(config, http));
    }

    public String name() {
        return name;
    }

    /** The API server URL without trailing slash, as applications name it in {@code spec.destination.server}. */
    public String server() {
        return server;
    }

    public Authentication authentication() {
        return authentication;
    }

    /** Masks this connection's credentials in any text; use it for every message that may quote a server reply. */
    public SecretRedactor redactor() {
        return redactor;
    }

    /**
     * The client, created on first call. Fails once the connection is closed. Its own lock, not the connection's: a
     * thread building the client (a second or so in a fresh JVM) does not hold up {@link #discovery()}, whose lookups
     * that need the server wait for the client anyway.
     */
    public KubernetesClient client() {
        synchronized (clientLock) {
            if (closed) {
                throw new IllegalStateException("cluster connection " + this + " is closed");
            }
            if (client == null) {
                client = factory.apply(httpClients);
            }
            return client;
        }
    }

    private final Object clientLock = new Object();

    /** This cluster's discovery cache, shared by everything that uses the connection. */
    public synchronized ApiDiscovery discovery() {
        if (discovery == null) {
            discovery = new ApiDiscovery(this::client, server, redactor);
        }
        return discovery;
    }

    /** True once {@link #client()} has created the client (no request has necessarily been sent). */
    public boolean connected() {
        synchronized (clientLock) {
            return client != null;
        }
    }

    @Override
    public void close() {
        synchronized (clientLock) {
            closed = true;
            if (client != null) {
                client.close();
                client = null;
            }
            httpClients.stop();
        }
        synchronized (this) {
            discovery = null;
        }
    }

    /** Normal form of a server URL for comparisons: no trailing slash, lower-case scheme and host. */
    public static String normalizeServer(String url) {
        String u = ClientConfigs.trimSlash(url == null ? "" : url);
        int hostEnd = u.indexOf('/', u.indexOf("://") + 3);
        String head = hostEnd < 0 ? u : u.substring(0, hostEnd);
        return head.toLowerCase(Locale.ROOT) + (hostEnd < 0 ? "" : u.substring(hostEnd));
    }

    @Override
    public String toString() {
        return "ClusterConnection[name=" + name + ", server=" + server + ", auth="
                + authentication.name().toLowerCase(Locale.ROOT).replace('_', '-') + "]";
    }
}
