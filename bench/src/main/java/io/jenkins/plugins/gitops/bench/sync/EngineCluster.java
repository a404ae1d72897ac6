package io.jenkins.plugins.gitops.bench.sync;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.testing.FakeControllers;
import io.jenkins.plugins.gitops.engine.testing.MockApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The API server an engine syncs to: either the engine's test {@link MockApiServer} (fabric8 CRUD mock with dry-run
 * support and discovery) with {@link FakeControllers} reconciling every {@value #FAKE_CONTROLLER_MILLIS} ms in the
 * background (the mock runs no controllers, so without them no Deployment would ever be healthy), or a real cluster
 * from a kubeconfig, where the benchmark works in a namespace {@code gitops-bench-XXXXXX} created for the run and
 * deleted on {@link #close()}.
 */
public final class EngineCluster implements AutoCloseable {

    static final long FAKE_CONTROLLER_MILLIS = 50;
    private static final long GONE_TIMEOUT_MILLIS = 120_000;

    private final KubernetesClient client;
    private final String namespace;
    private final Path kubeconfig;
    private final String description;
    private final MockApiServer mock;
    private final ScheduledExecutorService background;
    private final EngineLog log;

    private EngineCluster(KubernetesClient client, String namespace, Path kubeconfig, String description,
            MockApiServer mock, ScheduledExecutorService background, EngineLog log) {
        this.client = client;
        this.namespace = namespace;
        this.kubeconfig = kubeconfig;
        this.description = description;
        this.mock = mock;
        this.background = background;
        this.log = log;
    }

    /** The in-process mock with fake controllers, and a kubeconfig for other processes in {@code dir}. */
    public static EngineCluster mock(Path dir, String namespace, EngineLog log) throws IOException {
        MockApiServer server = new MockApiServer();
        FakeControllers controllers = new FakeControllers(server.client());
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-controllers");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(() -> {
            try {
                controllers.reconcile();
            } catch (RuntimeException ignored) {
                // the mock may be closing
            }
        }, FAKE_CONTROLLER_MILLIS, FAKE_CONTROLLER_MILLIS, TimeUnit.MILLISECONDS);
        String url = server.client().getMasterUrl().toString();
        Path kubeconfig = dir.resolve("mock-kubeconfig.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: '%s', insecure-skip-tls-verify: true}
                users:
                - name: bench
                  user: {token: not-a-secret}
                contexts:
                - name: mock
                  context: {cluster: mock, user: bench, namespace: %s}
                current-context: mock
                """.formatted(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, namespace),
                StandardCharsets.UTF_8);
        return new EngineCluster(server.client(), namespace, kubeconfig, "the engine's MockApiServer (fabric8 "
                + "KubernetesMockServer 7.4.0, CRUD mode, dry-run support added) in-process on " + url
                + ", FakeControllers reconciling every " + FAKE_CONTROLLER_MILLIS + " ms", server, background, log);
    }

    /** A real cluster (current context of {@code kubeconfig}) and a fresh namespace on it. */
    public static EngineCluster real(Path kubeconfig, EngineLog log) throws IOException {
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8))).build();
        String ns = "gitops-bench-" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                .addToLabels("app.kubernetes.io/part-of", "gitops-bench").endMetadata().build()).create();
        return new EngineCluster(client, ns, kubeconfig, "the cluster of " + kubeconfig.getFileName() + " ("
                + client.getMasterUrl() + "), namespace " + ns, null, null, log);
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * A new connection for an engine, named {@code in-cluster}: on a real cluster the one the product makes from a
     * kubeconfig ({@link ClusterConnection#fromKubeconfig}, as {@code gitops --kubeconfig} and the plugin do, with the
     * engine's own HTTP client set-up), on the mock a connection around {@link #newClient()}.
     */
    public ClusterConnection connection() {
        return mock == null ? ClusterConnection.fromKubeconfig(ClusterConnection.IN_CLUSTER_NAME, kubeconfig, null)
                : ClusterConnection.ofClient(ClusterConnection.IN_CLUSTER_NAME, null, newClient());
    }

    /** Another client on the same server (an engine closes the client it is given when it closes). */
    public KubernetesClient newClient() {
        if (mock == null) {
            try {
                return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig,
                        StandardCharsets.UTF_8))).build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                Config.empty()).withMasterUrl(client.getMasterUrl().toString()).withTrustCerts(true)
                .withNamespace(namespace).build()).build();
    }

    public String namespace() {
        return namespace;
    }

    /** A kubeconfig reaching the same server, for {@code kubectl}. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    public String description() {
        return description;
    }

    /** Whether server-side apply works here (not on the mock: it answers 415). */
    public boolean supportsServerSideApply() {
        return mock == null;
    }

    /** Non-dry-run writes the mock has seen so far (status updates excluded); empty on a real cluster. */
    public Optional<Integer> writes() {
        return mock == null ? Optional.empty() : Optional.of(mock.writes().size());
    }

    /** Deletes these objects and waits until they are gone (untimed preparation of a sync to an empty cluster). */
    public void deleteAll(List<KubeObject> objects) throws InterruptedException {
        for (KubeObject o : objects) {
            client.genericKubernetesResources(o.apiVersion(), o.kind()).inNamespace(namespace).withName(o.name())
                    .delete();
        }
        long end = System.currentTimeMillis() + GONE_TIMEOUT_MILLIS;
        for (KubeObject o : objects) {
            while (client.genericKubernetesResources(o.apiVersion(), o.kind()).inNamespace(namespace)
                    .withName(o.name()).get() != null) {
                if (System.currentTimeMillis() > end) {
                    throw new BenchmarkFailure(o.kind() + " " + namespace + "/" + o.name() + " still exists "
                            + GONE_TIMEOUT_MILLIS / 1000 + " s after it was deleted");
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        if (mock != null) {
            background.shutdownNow();
            mock.close();
            return;
        }
        try {
            client.namespaces().withName(namespace).withTimeout(2, TimeUnit.MINUTES).delete();
        } catch (RuntimeException e) {
            log.warn("could not delete namespace " + namespace + ": " + e.getMessage() + "; delete it by hand");
        } finally {
            client.close();
        }
    }
}
