package io.jenkins.plugins.gitops.bench.ha;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.bench.report.Units;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.reconcile.shard.LeaseTiming;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardSettings;
import io.jenkins.plugins.gitops.engine.reconcile.shard.Sharding;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Issue "High availability": N small automated applications (one ConfigMap each, sharded by name into
 * {@code ha.shards} shards) synced from scratch by 1, 2, ... {@code ha.controllers} controllers that share the work
 * through shard Leases (default timing). Each controller is a {@link Controller} with its own engine, Git cache, state
 * and Kubernetes client, all in this JVM (so they share its CPUs, as processes on one machine would; a fleet of
 * machines would not). The shards are balanced before the applications are registered; the clock runs from the
 * registration until every ConfigMap exists. Needs {@code --kubeconfig} (a real API server: the fabric8 mock has no
 * optimistic locking, so leases would be meaningless there). Parameters: {@code ha.apps}, {@code ha.shards},
 * {@code ha.controllers}.
 */
public final class HaBenchmark implements Benchmark {

    static final int DEFAULT_APPS = 3000;
    static final int DEFAULT_SHARDS = 6;
    static final int DEFAULT_CONTROLLERS = 3;
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final String TOOL = "gitops engine Controllers + ShardLeases (in-process)";

    @Override
    public String id() {
        return "ha";
    }

    @Override
    public String description() {
        return "high availability: apps synced per second by 1, 2 and 3 controllers sharing shard leases "
                + "(needs --kubeconfig)";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int apps = env.options().intParameter(id(), "apps", DEFAULT_APPS);
        int shards = env.options().intParameter(id(), "shards", DEFAULT_SHARDS);
        int maxControllers = env.options().intParameter(id(), "controllers", DEFAULT_CONTROLLERS);
        String title = "High availability: " + apps + " applications synced by 1 to " + maxControllers
                + " controllers (issue \"High availability\")";
        if (env.options().kubeconfig().isEmpty()) {
            return new BenchmarkReport(id(), title, List.of("Not run: needs `--kubeconfig` (a real API server)."),
                    List.of(Row.notRun("sync " + apps + " apps", TOOL, "needs --kubeconfig")), List.of());
        }
        String kubeconfig = Files.readString(env.options().kubeconfig().get(), StandardCharsets.UTF_8);
        Path work = env.workDir(id());
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (GitHttpServer git = GitHttpServer.start(work.resolve("git-server"));
                KubernetesClient admin = client(kubeconfig)) {
            TestRepo repo = TestRepos.create(git, "fleet", work.resolve("checkout"));
            for (int a = 0; a < apps; a++) {
                repo.write("apps/" + appName(a) + "/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: %s, labels: {bench: ha}}
                        data: {index: "%d"}
                        """.formatted(appName(a), a));
            }
            repo.commit("fleet");
            double single = 0;
            int minControllers = env.options().intParameter(id(), "from", 1);
            for (int m = minControllers; m <= maxControllers; m++) {
                env.progress("  " + m + " controller(s), " + apps + " applications");
                Run run = new Run(env, admin, kubeconfig, work.resolve("run-" + m), repo.url(), apps, shards, m);
                try {
                    run.measure();
                } finally {
                    run.close();
                }
                double perSecond = apps / (run.elapsed / 1e9);
                if (single == 0) {
                    single = perSecond;
                }
                rows.add(new Row("sync " + apps + " new apps, " + m + " controller(s)", TOOL + ", " + shards
                        + " shards by name", "1", Units.millis(run.elapsed), Units.millis(run.elapsed),
                        Units.millis(run.elapsed), "—", String.format(Locale.ROOT, "%.1f apps/s (x%.2f of one "
                                + "controller); shards held: %s", perSecond, perSecond / single, run.distribution)));
            }
        }
        notes.add("Each controller: its own GitOpsEngine (Git cache, state directory), Kubernetes client and "
                + "ShardLeases (lease 15 s, renew deadline 10 s, retry 2 s), ControllerSettings.defaults() ("
                + ControllerSettings.DEFAULT_COMPARE_CONCURRENCY + " comparisons and "
                + ControllerSettings.DEFAULT_OPERATION_CONCURRENCY + " syncs at a time, Argo CD's defaults), refresh interval 1 h (only the first refresh and the one "
                + "after acquiring a shard run). Timed from registering the applications (shards already "
                + "balanced) until every ConfigMap exists; then every application's holder must report it Synced.");
        notes.add("All controllers run in this one JVM on this machine's CPUs (shared with the API server and etcd), "
                + "so more controllers add no CPU: the ratio shows what sharding costs or saves here, not what "
                + "separate machines would gain.");
        return new BenchmarkReport(id(), title, List.of("API server: the cluster of "
                + env.options().kubeconfig().get().getFileName() + " (" + admin(kubeconfig) + "). Git: one "
                + "repository, `git http-backend` over smart HTTP on loopback."), rows, notes);
    }

    private static String admin(String kubeconfig) {
        try (KubernetesClient c = client(kubeconfig)) {
            return c.getMasterUrl().toString();
        }
    }

    static KubernetesClient client(String kubeconfig) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    }

    static String appName(int i) {
        return String.format(Locale.ROOT, "app-%04d", i);
    }

    /** One configuration: m controllers, fresh namespaces. */
    private static final class Run implements AutoCloseable {
        final BenchEnvironment env;
        final KubernetesClient admin;
        final String kubeconfig;
        final Path dir;
        final String repoUrl;
        final int apps;
        final int shards;
        final int controllers;
        final String ns;
        final String leaseNs;
        final List<GitOpsEngine> engines = new ArrayList<>();
        final List<Controller> running = new ArrayList<>();
        final List<ShardLeases> leases = new ArrayList<>();
        long elapsed;
        String distribution = "";

        Run(BenchEnvironment env, KubernetesClient admin, String kubeconfig, Path dir, String repoUrl, int apps,
                int shards, int controllers) {
            this.env = env;
            this.admin = admin;
            this.kubeconfig = kubeconfig;
            this.dir = dir;
            this.repoUrl = repoUrl;
            this.apps = apps;
            this.shards = shards;
            this.controllers = controllers;
            String id = UUID.randomUUID().toString().substring(0, 6);
            this.ns = "bench-ha-" + id;
            this.leaseNs = "bench-ha-leases-" + id;
        }

        void measure() throws Exception {
            for (String n : List.of(ns, leaseNs)) {
                admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(n).endMetadata()
                        .build()).create();
            }
            for (int c = 0; c < controllers; c++) {
                KubernetesClient client = client(kubeconfig);
                GitOpsEngine engine = GitOpsEngine.builder().workDir(dir.resolve("engine-" + c))
                        .stateStore(new FileStateStore(dir.resolve("state-" + c)))
                        .connection(ClusterConnection.ofClient("in-cluster", null, client)).log(env.log()).build();
                engines.add(engine);
                Controller controller = new Controller(engine, ControllerSettings.defaults()
                        .withRefreshInterval(Duration.ofHours(1), Duration.ZERO));
                ShardLeases l = new ShardLeases(client(kubeconfig), new ShardSettings(shards, Sharding.NAME, leaseNs,
                        "bench-controller-" + c, LeaseTiming.DEFAULT), env.log());
                controller.useLeadership(l);
                running.add(controller);
                leases.add(l);
            }
            leases.forEach(ShardLeases::start);
            int fair = (shards + controllers - 1) / controllers;
            long balanceEnd = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (leases.stream().mapToInt(l -> l.held().size()).sum() != shards
                    || leases.stream().anyMatch(l -> l.held().size() > fair)) {
                if (System.nanoTime() > balanceEnd) {
                    throw new BenchmarkFailure("shards not balanced after 2 min: " + held());
                }
                Thread.sleep(100);
            }
            distribution = held();
            long start = System.nanoTime();
            for (Controller controller : running) {
                for (int a = 0; a < apps; a++) {
                    controller.register(ArgoDocuments.parseApplication("""
                            apiVersion: argoproj.io/v1alpha1
                            kind: Application
                            metadata: {name: %s}
                            spec:
                              project: default
                              source: {repoURL: "%s", targetRevision: HEAD, path: apps/%s}
                              destination: {server: "https://kubernetes.default.svc", namespace: %s}
                              syncPolicy: {automated: {}}
                            """.formatted(appName(a), repoUrl, appName(a), ns), appName(a) + ".yaml"), "bench");
                }
                controller.start();
            }
            long end = start + TIMEOUT.toNanos();
            int seen = 0;
            while (seen < apps) {
                if (System.nanoTime() > end) {
                    throw new BenchmarkFailure(seen + " of " + apps + " ConfigMaps after " + TIMEOUT);
                }
                Thread.sleep(250);
                seen = admin.configMaps().inNamespace(ns).withLabel("bench", "ha").list().getItems().size();
            }
            elapsed = System.nanoTime() - start;
            long verifyEnd = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            for (int a = 0; a < apps; a++) {
                String name = appName(a);
                while (running.stream().noneMatch(c -> c.holder(name).mine() && c.status(name).map(s -> s.comparison()
                        != null && s.comparison().syncStatus() == SyncStatus.Synced).orElse(false))) {
                    if (System.nanoTime() > verifyEnd) {
                        throw new BenchmarkFailure(name + ": the controller holding its shard does not report it "
                                + "Synced; " + diagnosis(name));
                    }
                    Thread.sleep(100);
                }
            }
        }

        /** What every controller says about an application: holder, comparison, conditions, last operation. */
        String diagnosis(String name) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                Controller c = running.get(i);
                var st = c.status(name);
                out.add("c" + i + ": " + c.holder(name).describe() + (c.holder(name).mine() ? " (mine)" : "")
                        + ", status " + st.map(x -> (x.comparison() == null ? "not compared"
                                : x.comparison().syncStatus() + (x.comparison().error() == null ? ""
                                        : " error " + x.comparison().error()))
                                + ", refreshed " + x.lastRefreshedAt() + ", automation " + x.automation()
                                + ", conditions " + x.conditions() + ", operation " + (x.lastOperation() == null
                                        ? "none" : x.lastOperation().phase() + " " + x.lastOperation().message())
                                + ", holder when published " + x.controller().describe()).orElse("none"));
            }
            return String.join("; ", out) + "; leases " + held();
        }

        String held() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < leases.size(); i++) {
                out.add("c" + i + "=" + leases.get(i).held());
            }
            return String.join(" ", out);
        }

        @Override
        public void close() {
            running.forEach(Controller::close);
            leases.forEach(ShardLeases::close);
            engines.forEach(GitOpsEngine::close);
            for (String n : List.of(ns, leaseNs)) {
                try {
                    admin.namespaces().withName(n).delete();
                } catch (RuntimeException e) {
                    env.progress("  could not delete namespace " + n + ": " + e.getMessage());
                }
            }
        }
    }
}
