package io.jenkins.plugins.gitops.bench.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.live.ResourceTracking;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The data of the scale benchmark: {@code maxApps} applications of three objects (ConfigMap, Deployment, Service) in
 * a few Git repositories, and their live objects on a real cluster, created as a sync leaves them (server-side apply,
 * field manager {@code gitops-sync}, tracking annotation) in parallel and only up to the size being measured. The
 * namespaces {@code gs-fleet-RR} are deleted on {@link #close()}.
 */
final class Fleet implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ResourceTracking TRACKING = ResourceTracking.of(TrackingMethod.Annotation);

    private final BenchEnvironment env;
    private final GitHttpServer git;
    private final Path kubeconfig;
    private final KubernetesClient client;
    private final List<String> repoNames;
    private final List<String> urls;
    private final int threads;
    private int live;

    private Fleet(BenchEnvironment env, GitHttpServer git, Path kubeconfig, KubernetesClient client,
            List<String> repoNames, List<String> urls, int threads) {
        this.env = env;
        this.git = git;
        this.kubeconfig = kubeconfig;
        this.client = client;
        this.repoNames = repoNames;
        this.urls = urls;
        this.threads = threads;
    }

    static Fleet create(BenchEnvironment env, GitHttpServer git, Path work, Path kubeconfig, int maxApps, int repos,
            int threads) throws IOException {
        List<String> names = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        long start = System.nanoTime();
        for (int r = 0; r < repos; r++) {
            String name = String.format(Locale.ROOT, "fleet-%02d", r);
            TestRepo repo = TestRepos.create(git, name, work.resolve("checkout").resolve(name));
            for (int a = r; a < maxApps; a += repos) {
                for (String[] file : files(a, namespace(r))) {
                    repo.write("apps/" + appName(a) + "/" + file[0], file[1]);
                }
            }
            repo.commit("apps of " + name);
            names.add(name);
            urls.add(repo.url());
        }
        env.progress("  controller-scale: " + maxApps + " applications in " + repos + " repositories committed in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
        config.setMaxConcurrentRequests(Math.max(64, threads * 2));
        config.setMaxConcurrentRequestsPerHost(Math.max(64, threads * 2));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        for (int r = 0; r < repos; r++) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace(r))
                    .addToLabels("app.kubernetes.io/part-of", "gitops-bench").endMetadata().build()).serverSideApply();
        }
        return new Fleet(env, git, kubeconfig, client, names, urls, threads);
    }

    /** Creates the live objects of applications {@code [live, n)}; returns the nanoseconds it took. */
    long ensureLive(int n) throws Exception {
        long start = System.nanoTime();
        if (n <= live) {
            return 0;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int a = live; a < n; a++) {
                int app = a;
                done.add(pool.submit(() -> {
                    for (String[] file : files(app, namespace(app % repoNames.size()))) {
                        apply(appName(app), file[1]);
                    }
                    return null;
                }));
            }
            int i = 0;
            for (Future<?> f : done) {
                f.get();
                if (++i % 2000 == 0) {
                    env.progress("    live objects of " + (live + i) + " applications");
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        live = n;
        return System.nanoTime() - start;
    }

    private void apply(String app, String yaml) throws IOException {
        KubeObject desired = TRACKING.stamp(app, new KubeObject((ObjectNode) YAML.readTree(yaml), app));
        GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(desired.node(),
                GenericKubernetesResource.class);
        for (int attempt = 1; ; attempt++) {
            try {
                client.genericKubernetesResources(desired.apiVersion(), desired.kind()).inNamespace(desired.namespace())
                        .resource(r).fieldManager(AnnotationNames.FIELD_MANAGER).forceConflicts().serverSideApply();
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    throw new BenchmarkFailure("could not create " + desired.key() + ": " + e.getMessage());
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new BenchmarkFailure("interrupted creating " + desired.key());
                }
            }
        }
    }

    KubernetesClient client() {
        return client;
    }

    /** A client of its own for an engine (an engine closes its client). */
    /** A connection as the product makes it from the kubeconfig (see {@code EngineCluster#connection()}). */
    ClusterConnection connection() {
        return ClusterConnection.fromKubeconfig(ClusterConnection.IN_CLUSTER_NAME, kubeconfig, null);
    }


    GitHttpServer git() {
        return git;
    }

    List<String> repoNames() {
        return repoNames;
    }

    String urlOf(int app) {
        return urls.get(app % urls.size());
    }

    String namespaceOf(int app) {
        return namespace(app % urls.size());
    }

    String description() {
        return "the cluster of " + kubeconfig.getFileName() + " (" + client.getMasterUrl() + "), namespaces "
                + namespace(0) + " .. " + namespace(urls.size() - 1);
    }

    static String appName(int index) {
        return String.format(Locale.ROOT, "app-%05d", index);
    }

    /** Namespaces of this run: without kube-controller-manager a deleted namespace never finishes terminating. */
    private static final String RUN = Long.toString(System.nanoTime() % 46656, 36);

    static String namespace(int repository) {
        return String.format(Locale.ROOT, "gs-%s-fleet-%02d", RUN, repository);
    }

    /** The three manifests of application {@code a}: {file name, YAML}. The namespace is explicit (the live copy). */
    private static List<String[]> files(int a, String namespace) {
        String name = appName(a);
        return List.of(new String[] {"config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s-config, namespace: %s}
                data: {owner: team-%d, index: "%d", LOG_LEVEL: info}
                """.formatted(name, namespace, a % 20, a)}, new String[] {"deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: %s
                  labels: {app: %s}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                      - name: web
                        image: registry.example.com/team-%d/web:1.%d.0
                        ports:
                        - containerPort: 8080
                        envFrom:
                        - configMapRef: {name: %s-config}
                        resources:
                          requests: {cpu: 10m, memory: 32Mi}
                """.formatted(name, namespace, name, name, name, a % 20, a % 7, name)}, new String[] {"service.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: %s}
                spec:
                  selector: {app: %s}
                  ports:
                  - {port: 80, targetPort: 8080}
                """.formatted(name, namespace, name)});
    }

    @Override
    public void close() {
        try {
            for (int r = 0; r < urls.size(); r++) {
                client.namespaces().withName(namespace(r)).delete();
            }
        } catch (RuntimeException e) {
            env.log().warn("could not delete the fleet's namespaces: " + e.getMessage());
        } finally {
            client.close();
        }
    }
}
