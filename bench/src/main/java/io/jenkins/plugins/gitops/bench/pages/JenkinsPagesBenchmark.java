package io.jenkins.plugins.gitops.bench.pages;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Scenario;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17 (pages), measured where users meet them: the real Jenkins 2.516.2 of the harness ({@code jenkins/run.sh})
 * with the plugin built by {@code jenkins/build-hpi.sh}, showing an application of {@code pages-jenkins.resources}
 * (1000) objects synced to the harness's real kube-apiserver + kube-controller-manager. The application (from Git
 * over smart HTTP on loopback) has {@code resources/10} Deployments with one replica each (the controllers make a
 * ReplicaSet and a Pod for each), as many Services and the rest ConfigMaps; the tree the pages draw thus holds
 * 1000 nodes. Each row is the server-side time of one page: an HTTP GET from this JVM on loopback, timed until the
 * last byte (Stapler + Jelly + the engine's view models; no browser). Every answer is checked for its size and a
 * marker of its content, so an error page cannot report a good time.
 *
 * <p>Needs {@code --kubeconfig} (run.sh passes the harness's), the harness's {@code jenkins/} folder
 * ({@code GITOPS_HARNESS_DIR}, default {@code ../shared/harness}) and the built plugin
 * ({@code GITOPS_BENCH_HPI}, default {@code target/harness-hpi/gitops-sync.hpi}). Jenkins listens on
 * {@code GITOPS_JENKINS_PORT} (default 18090) and is stopped at the end; {@code GITOPS_BENCH_JENKINS_OPTS} adds JVM
 * options to it (a flight recording for profiling the pages).
 */
public final class JenkinsPagesBenchmark implements Benchmark {

    static final String APP = "bench-pages";
    static final String JOB = "bench-pages-owner";
    static final String CLUSTER = "bench";

    @Override
    public String id() {
        return "pages-jenkins";
    }

    @Override
    public String description() {
        return "server-side time of the real Jenkins pages (application graph/list, resource, dashboard) for an"
                + " application of 1000 resources on the harness API server";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) throws Exception {
        int resources = env.options().intParameter(id(), "resources", 1000);
        String title = "Pages in the real Jenkins: an application of " + resources + " resources";
        Path harness = Path.of(Optional.ofNullable(System.getenv("GITOPS_HARNESS_DIR")).orElse("../shared/harness"))
                .toAbsolutePath().normalize();
        Path hpi = Path.of(Optional.ofNullable(System.getenv("GITOPS_BENCH_HPI"))
                .orElse("target/harness-hpi/gitops-sync.hpi")).toAbsolutePath().normalize();
        String why = env.options().kubeconfig().isEmpty() ? "needs --kubeconfig (a real cluster)"
                : !Files.isRegularFile(harness.resolve("jenkins/run.sh")) ? "no " + harness.resolve("jenkins/run.sh")
                : !Files.isRegularFile(hpi) ? "no plugin at " + hpi + " (OUT=target/harness-hpi jenkins/build-hpi.sh)"
                : null;
        if (why != null) {
            return new BenchmarkReport(id(), title, List.of(), List.of(Row.notRun("all pages", "Jenkins", why)),
                    List.of());
        }
        Path work = env.workDir(id());
        Path kubeconfig = env.options().kubeconfig().get();
        int deployments = Math.max(1, resources / 10);
        int configMaps = resources - 4 * deployments;
        int port = Integer.parseInt(Optional.ofNullable(System.getenv("GITOPS_JENKINS_PORT")).orElse("18090"));
        try (GitHttpServer git = GitHttpServer.start(work.resolve("git"));
                KubernetesClient k = new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            TestRepo repo = TestRepos.create(git, "pages", work.resolve("checkout"));
            for (int d = 0; d < deployments; d++) {
                repo.write("app/web-" + d + ".yaml", deployment("web-" + d) + "---\n" + service("web-" + d));
            }
            for (int c = 0; c < configMaps; c++) {
                repo.write("app/config-" + c + ".yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-"
                        + c + "\n  annotations:\n    note: '<b>not bold</b>'\ndata:\n  key: value-" + c + "\n");
            }
            repo.commit("pages bench: " + resources + " objects");
            String server = k.getConfiguration().getMasterUrl().replaceAll("/+$", "");
            Path init = work.resolve("init.groovy");
            Files.writeString(init, initScript(kubeconfig, server), StandardCharsets.UTF_8);
            env.progress("pages-jenkins: starting Jenkins on port " + port);
            Process started = start(harness, hpi, init, port, work);
            String out = Files.readString(work.resolve("run.log"));
            Matcher m = Pattern.compile("JENKINS_URL=(\\S+) PID=(\\d+)").matcher(out);
            if (started.exitValue() != 0 || !m.find()) {
                throw new BenchmarkFailure("jenkins/run.sh failed:\n" + out);
            }
            String url = m.group(1).replaceAll("/+$", "");
            long pid = Long.parseLong(m.group(2));
            try {
                Jenkins jenkins = new Jenkins(url);
                String registered = jenkins.groovy(registerScript(repo.url()));
                if (!registered.contains("registered " + APP)) {
                    throw new BenchmarkFailure("registering the application: " + registered);
                }
                env.progress("pages-jenkins: syncing " + resources + " objects");
                long t0 = System.nanoTime();
                awaitStatus(jenkins, "(Synced|OutOfSync)", 0, Duration.ofMinutes(5));
                jenkins.post("/gitops/app/" + APP + "/sync", "prune=false");
                awaitStatus(jenkins, "Synced", resources, Duration.ofMinutes(15));
                long syncSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
                String podId = firstPod(jenkins.get("/gitops/app/" + APP + "/?view=graph"));
                List<Row> rows = new ArrayList<>();
                rows.add(page(env, jenkins, "application page, graph (" + resources + " nodes as SVG)",
                        "/gitops/app/" + APP + "/?view=graph", "gitops-graph", resources));
                rows.add(page(env, jenkins, "application page, list view (default above 500 resources)",
                        "/gitops/app/" + APP + "/", "gitops-resource-list", resources));
                rows.add(page(env, jenkins, "resource page of a Pod (live manifest, events, diff)",
                        "/gitops/app/" + APP + "/resource/?id=" + URLEncoder.encode(podId, StandardCharsets.UTF_8),
                        "Live manifest", 0));
                rows.add(page(env, jenkins, "resource page of a ConfigMap (desired manifest rendered from Git)",
                        "/gitops/app/" + APP + "/resource/?id=" + URLEncoder.encode("/ConfigMap/" + APP
                                + "/config-0", StandardCharsets.UTF_8), "Desired manifest", 0));
                rows.add(page(env, jenkins, "dashboard, tiles", "/gitops/", APP, 0));
                rows.add(page(env, jenkins, "dashboard, list view", "/gitops/?view=list", APP, 0));

                // every ConfigMap changed in Git: the application page then carries a diff of all of them, rendered
                // in both layouts (unified and side by side)
                for (int c = 0; c < configMaps; c++) {
                    repo.write("app/config-" + c + ".yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-"
                            + c + "\n  annotations:\n    note: '<b>not bold</b>'\ndata:\n  key: changed-" + c + "\n");
                }
                repo.commit("pages bench: every ConfigMap changed");
                jenkins.post("/gitops/app/" + APP + "/refresh", "hard=false");
                awaitStatus(jenkins, "OutOfSync", resources, Duration.ofMinutes(5));
                rows.add(page(env, jenkins, "application page, list view, " + configMaps
                        + " resources OutOfSync (their diff in both layouts)", "/gitops/app/" + APP + "/",
                        "gitops-app-diff-split", resources));
                return new BenchmarkReport(id(), title, List.of(
                        "Jenkins 2.516.2 (harness jenkins/run.sh, -Xmx as run.sh sets it) with the plugin from "
                                + "jenkins/build-hpi.sh; kube-apiserver + kube-controller-manager of the harness "
                                + "(Pods stay Pending: no fake kubelet); Git over smart HTTP on loopback.",
                        deployments + " Deployments (1 replica: a ReplicaSet and a Pod each), " + deployments
                                + " Services, " + configMaps + " ConfigMaps = " + resources + " tree nodes; synced"
                                + " from the page's Sync endpoint in " + syncSeconds + " s before measuring.",
                        "Time = one HTTP GET on loopback until the last byte (server-side rendering; no browser"
                                + " drawing). Security off, so no permission cost is hidden or added."),
                        rows, List.of("Goal: every page under 1 s server-side for an application of 1,000 resources."));
            } finally {
                new ProcessBuilder("bash", harness.resolve("jenkins/stop.sh").toString(), Long.toString(pid))
                        .redirectErrorStream(true).redirectOutput(work.resolve("stop.log").toFile()).start()
                        .waitFor(2, TimeUnit.MINUTES);
                k.namespaces().withName(APP).delete();
            }
        }
    }

    private static Process start(Path harness, Path hpi, Path init, int port, Path work) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", harness.resolve("jenkins/run.sh").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile());
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("HPI", hpi.toString());
        pb.environment().put("INIT_GROOVY", init.toString());
        // GITOPS_BENCH_JENKINS_OPTS: more JVM options for Jenkins, e.g. a flight recording of the measured requests
        // (-XX:StartFlightRecording=filename=/tmp/pages.jfr,settings=profile,dumponexit=true)
        pb.environment().put("JAVA_OPTS_EXTRA", ("-Dio.jenkins.plugins.gitops.reconcile.period=5 "
                + Optional.ofNullable(System.getenv("GITOPS_BENCH_JENKINS_OPTS")).orElse("")).trim());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroy();
            throw new BenchmarkFailure("jenkins/run.sh did not finish in 5 min");
        }
        return p;
    }

    private static Row page(BenchEnvironment env, Jenkins jenkins, String name, String path, String marker,
            int minNodes) throws Exception {
        Samples s = env.sampler().measure(new Scenario(name, null, () -> jenkins.get(path), r -> {
            String body = (String) r;
            if (!body.contains(marker)) {
                throw new BenchmarkFailure(path + " lacks '" + marker + "'");
            }
            if (body.contains("Stack trace") || body.contains("Oops!")) {
                throw new BenchmarkFailure(path + " is an error page");
            }
            int nodes = count(body, "href=\"resource/?id=");
            if (minNodes > 0 && nodes < minNodes) {
                throw new BenchmarkFailure(path + " shows " + nodes + " resources, expected " + minNodes);
            }
        }));
        String body = jenkins.get(path);
        return Row.of(name, "Jenkins " + path.replaceAll("\\?id=.*", "?id=..."), s,
                (body.length() / 1024) + " KiB of HTML");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static void awaitStatus(Jenkins jenkins, String sync, int resources, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            last = jenkins.groovy("""
                    def s = io.jenkins.plugins.gitops.GitOpsService.get().runtime().controller().status('APP')
                        .orElse(null)
                    def c = s?.comparison()
                    println "SYNC=" + c?.syncStatus() + " ROWS=" + (c?.tree()?.getRows()?.size() ?: 0) + " OP=" + s?.lastOperation()
                    """.replace("APP", APP));
            Matcher m = Pattern.compile("SYNC=(\\S+) ROWS=(\\d+)").matcher(last);
            if (m.find() && m.group(1).matches(sync) && Integer.parseInt(m.group(2)) >= resources) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new BenchmarkFailure("the application did not reach " + sync + " with " + resources + " tree rows: "
                + last);
    }

    private static String firstPod(String listPage) {
        Matcher m = Pattern.compile("data-id=\"(/Pod/[^\"]+)\"").matcher(listPage);
        if (!m.find()) {
            throw new BenchmarkFailure("no Pod on the application's list view");
        }
        return m.group(1);
    }

    private static String deployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: NAME
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: NAME}
                  template:
                    metadata:
                      labels: {app: NAME}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                """.replace("NAME", name);
    }

    private static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: NAME
                spec:
                  selector: {app: NAME}
                  ports:
                    - port: 80
                """.replace("NAME", name);
    }

    private static String initScript(Path kubeconfig, String server) {
        return """
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SecretBytes
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import io.jenkins.plugins.gitops.config.ClusterConfig
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl

                SystemCredentialsProvider.getInstance().getStore().addCredentials(Domain.global(),
                    new FileCredentialsImpl(CredentialsScope.GLOBAL, 'bench-kubeconfig', 'bench cluster',
                        'kubeconfig', SecretBytes.fromBytes(new File('KUBECONFIG').bytes)))
                def cluster = new ClusterConfig('CLUSTER')
                cluster.serverUrl = 'SERVER'
                cluster.credentialsId = 'bench-kubeconfig'
                def cfg = GitOpsConfiguration.get()
                cfg.clusters = [cluster]
                cfg.defaultCluster = 'CLUSTER'
                cfg.reconcileIntervalSeconds = 30
                cfg.save()
                """.replace("KUBECONFIG", kubeconfig.toString()).replace("CLUSTER", CLUSTER)
                .replace("SERVER", server);
    }

    private static String registerScript(String repoUrl) {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: APP
                spec:
                  project: default
                  source:
                    repoURL: REPO
                    targetRevision: main
                    path: app
                  destination:
                    name: CLUSTER
                    namespace: APP
                  syncPolicy:
                    syncOptions: [CreateNamespace=true]
                """.replace("APP", APP).replace("REPO", repoUrl).replace("CLUSTER", CLUSTER);
        return """
                import io.jenkins.plugins.gitops.GitOpsService
                import io.jenkins.plugins.gitops.engine.model.ArgoDocuments
                import jenkins.model.Jenkins
                import org.jenkinsci.plugins.workflow.job.WorkflowJob
                def j = Jenkins.get()
                if (j.getItem('JOB') == null) { j.createProject(WorkflowJob, 'JOB') }
                def yaml = '''YAML'''
                def app = ArgoDocuments.parseApplication(yaml, 'bench.yaml')
                GitOpsService.get().register(app, yaml, 'bench.yaml', 'JOB', 'bench')
                println 'registered ' + app.name()
                """.replace("JOB", JOB).replace("YAML", yaml);
    }

    /** A session with Jenkins (security off; CSRF crumbs on, as run.sh sets it up). */
    private static final class Jenkins {
        private final String url;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(20)).build();

        Jenkins(String url) {
            this.url = url;
        }

        String get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new BenchmarkFailure("GET " + path + ": HTTP " + r.statusCode());
            }
            return r.body();
        }

        String groovy(String script) throws IOException, InterruptedException {
            return post("/scriptText", "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        }

        /** A form POST with this session's crumb; redirects count as success. */
        String post(String path, String form) throws IOException, InterruptedException {
            String crumb = get("/crumbIssuer/api/json");
            Matcher f = Pattern.compile("\"crumbRequestField\":\"([^\"]+)\"").matcher(crumb);
            Matcher v = Pattern.compile("\"crumb\":\"([^\"]+)\"").matcher(crumb);
            if (!f.find() || !v.find()) {
                throw new BenchmarkFailure("no crumb: " + crumb);
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofMinutes(2)).header(f.group(1), v.group(1))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 302) {
                throw new BenchmarkFailure("POST " + path + ": HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }
}
