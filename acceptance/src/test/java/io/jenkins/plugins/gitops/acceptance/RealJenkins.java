package io.jenkins.plugins.gitops.acceptance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.KustomizeArchives;
import io.jenkins.plugins.gitops.engine.testing.LoopbackFileServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real parts the suite runs against, started once per JVM: the plugin built by the harness's
 * {@code jenkins/build-hpi.sh}, the harness's Kubernetes control plane ({@link HarnessCluster}: kube-apiserver,
 * kube-controller-manager, fake kubelet), a Git server over smart HTTP with basic auth, and Jenkins 2.516.2 started
 * by {@code jenkins/run.sh} with init scripts that configure it as an administrator would: the cluster's kubeconfig
 * as a Secret file credential, the Git password as a Username with password credential, and the GitOps global
 * configuration (cluster, default cluster, repository credentials, a short refresh interval).
 *
 * <p>Jenkins runs as on a controller with nothing installed by hand: its PATH has neither {@code kubectl} nor
 * {@code kustomize} ({@link #pathWithoutKube}), and the plugin bundles no helm-java native library. The init script
 * sets up what an administrator would: a Kustomize installation with the release-archive installer and the GitOps
 * configuration choosing it, and the Maven repository for helm-java's native jar. Both are served on loopback by
 * {@link #tools} (the kustomize archive built from the machine's kustomize or kubectl, see
 * {@link KustomizeArchives}; the native jar from the local Maven repository, as Maven Central serves it), so every
 * class of the suite that renders Kustomize or Helm proves the tools are installed the Jenkins way.
 *
 * <p>Where the harness is absent, {@link #get()} skips the calling test with a message; with
 * {@code GITOPS_REQUIRE_HARNESS=true} it fails instead. Jenkins' port: {@code GITOPS_JENKINS_PORT} (default 18080).
 */
final class RealJenkins {

    static final String GIT_USER = "git-bot";
    static final String GIT_PASSWORD = "s3cret-git-pass";
    static final String CLUSTER = "harness";
    /** The Kustomize installation the init script configures, and the kustomize version it installs. */
    static final String KUSTOMIZE_TOOL = "kustomize";
    static final String KUSTOMIZE_VERSION = "5.7.1";

    private static RealJenkins instance;
    private static String unavailable;

    final Path projectRoot;
    final Path harness;
    final Path target;
    final Path hpi;
    final HarnessCluster cluster;
    final GitHttpServer git;
    final TestRepo repo;
    final int port;
    /** Serves the kustomize release ({@code /kustomize/...}) and a Maven repository ({@code /maven2/...}). */
    final LoopbackFileServer tools;
    /** A directory standing in for the PATH: links to every program on the test's PATH but kubectl and kustomize. */
    final Path pathWithoutKube;
    volatile long pid;
    volatile Path home;
    volatile String url;
    private volatile JenkinsClient admin;

    private RealJenkins(Path projectRoot, Path harness, Path target, Path hpi, HarnessCluster cluster,
            GitHttpServer git, TestRepo repo, int port, LoopbackFileServer tools, Path pathWithoutKube) {
        this.tools = tools;
        this.pathWithoutKube = pathWithoutKube;
        this.projectRoot = projectRoot;
        this.harness = harness;
        this.target = target;
        this.hpi = hpi;
        this.cluster = cluster;
        this.git = git;
        this.repo = repo;
        this.port = port;
    }

    /** The running Jenkins, started on first use; skips (or fails, where the harness is required) without it. */
    static synchronized RealJenkins get() {
        if (instance == null && unavailable == null) {
            Optional<Path> harness = HarnessCluster.harnessDir();
            if (harness.isEmpty() || !Files.isRegularFile(harness.get().resolve("jenkins/run.sh"))) {
                unavailable = "shared/harness with jenkins/run.sh not found (set GITOPS_HARNESS_DIR)";
            } else {
                try {
                    instance = start(harness.get());
                } catch (RuntimeException e) {
                    unavailable = e.toString();
                    throw e;
                }
            }
        }
        if (instance == null) {
            if (HarnessCluster.required()) {
                throw new IllegalStateException("the real-Jenkins harness is required (GITOPS_REQUIRE_HARNESS=true): "
                        + unavailable);
            }
            assumeTrue(false, unavailable + "; skipping the real-Jenkins acceptance suite");
        }
        return instance;
    }

    private static RealJenkins start(Path harness) {
        Path root = Path.of(System.getProperty("gitops.project.root", "..")).toAbsolutePath().normalize();
        Path target = Path.of(System.getProperty("gitops.acceptance.target", "target")).toAbsolutePath().normalize();
        Path hpiDir = target.resolve("harness-hpi");
        long t0 = System.nanoTime();
        if (Boolean.getBoolean("gitops.acceptance.reuseHpi") && Files.isRegularFile(hpiDir.resolve("gitops-sync.hpi"))) {
            log("reusing " + hpiDir.resolve("gitops-sync.hpi") + " (-Dgitops.acceptance.reuseHpi=true)");
        } else {
            // build-hpi.sh packages the engine with Maven; run it on a copy of engine/ and plugin/ so it does not
            // rewrite engine/target's jars, which this very test JVM has open on its classpath
            Path copy = target.resolve("hpi-build");
            deleteRecursively(copy);
            Processes.run(List.of("bash", "-c", "mkdir -p '" + copy + "' && tar -C '" + root + "' --exclude=target "
                    + "-cf - engine plugin | tar -C '" + copy + "' -xf -"), root, Map.of(), Duration.ofMinutes(5))
                    .requireSuccess("copying engine/ and plugin/");
            Processes.run(List.of("bash", harness.resolve("jenkins/build-hpi.sh").toString()), copy,
                    Map.of("OUT", hpiDir.toString()), Duration.ofMinutes(15)).requireSuccess("jenkins/build-hpi.sh");
            log("plugin built in " + seconds(t0) + " s");
        }
        HarnessCluster cluster = HarnessCluster.get();
        log("cluster up after " + seconds(t0) + " s");
        GitHttpServer git = GitHttpServer.startWithBasicAuth(target.resolve("git-server"), GIT_USER, GIT_PASSWORD);
        Path work = target.resolve("git-work");
        deleteRecursively(work);
        deleteRecursively(target.resolve("git-server").resolve("deploy.git"));
        TestRepo repo = TestRepos.create(git, "deploy", work);
        int port = Integer.parseInt(Optional.ofNullable(System.getenv("GITOPS_JENKINS_PORT")).orElse("18080"));
        LoopbackFileServer tools = serveTools(target);
        // outside the project: its links point everywhere, and the CLI's tests render the project tree itself
        Path pathWithoutKube = pathWithout(createTempDirectory("gitops-jenkins-path"), List.of("kubectl", "kustomize"));
        RealJenkins j = new RealJenkins(root, harness, target, hpiDir.resolve("gitops-sync.hpi"), cluster, git, repo,
                port, tools, pathWithoutKube);
        j.launch();
        log("Jenkins up after " + seconds(t0) + " s at " + j.url + " (home " + j.home + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(j::stop, "acceptance-jenkins-stop"));
        return j;
    }

    private void launch() {
        Path init = target.resolve("init");
        try {
            Files.createDirectories(init);
            Files.writeString(init.resolve("gitops-acceptance.groovy"), initScript(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.Result r = Processes.run(List.of("bash", harness.resolve("jenkins/run.sh").toString()), projectRoot,
                Map.of("PORT", Integer.toString(port), "HPI", hpi.toString(),
                        "INIT_GROOVY", init.resolve("gitops-acceptance.groovy").toString(),
                        "JAVA_OPTS_EXTRA", javaOpts(), "PATH", pathWithoutKube.toString()),
                Duration.ofMinutes(5)).requireSuccess("jenkins/run.sh");
        Matcher m = Pattern.compile("JENKINS_URL=(\\S+) PID=(\\d+) HOME=(\\S+)").matcher(r.output());
        if (!m.find()) {
            throw new IllegalStateException("jenkins/run.sh printed no JENKINS_URL line:\n" + r.output());
        }
        url = m.group(1);
        pid = Long.parseLong(m.group(2));
        home = Path.of(m.group(3));
        awaitGitOpsReady();
    }

    private String javaOpts() {
        // the controller's periodic nudge every 5 s (the configuration's refresh interval is set by the init script)
        return "-Dio.jenkins.plugins.gitops.reconcile.period=5 -Dhudson.model.LoadStatistics.clock=2000";
    }

    /**
     * Stops Jenkins and starts it again on the same JENKINS_HOME, as run.sh would start it (run.sh always creates a
     * new home, so the command is repeated here). The init scripts are removed first: the configuration they wrote
     * is already saved, as after an administrator configured Jenkins once.
     */
    void restart() {
        Processes.run(List.of("bash", harness.resolve("jenkins/stop.sh").toString(), Long.toString(pid)), projectRoot,
                Map.of(), Duration.ofMinutes(2));
        awaitDown();
        startAgain();
    }

    /** Kills Jenkins with SIGKILL (no shutdown of any kind, as a crash or an OOM killer would) and starts it again. */
    void killAndStartAgain() {
        ProcessHandle.of(pid).ifPresent(p -> {
            Processes.run(List.of("kill", "-9", Long.toString(pid)), projectRoot, Map.of(), Duration.ofSeconds(30));
        });
        awaitDown();
        startAgain();
    }

    private void startAgain() {
        deleteRecursively(home.resolve("init.groovy.d"));
        String command = "JENKINS_HOME='" + home + "' setsid java -Xmx2g -Djava.awt.headless=true"
                + " -Djenkins.install.runSetupWizard=false -Dhudson.model.UpdateCenter.never=true"
                + " -Dhudson.model.DownloadService.never=true " + javaOpts()
                + " -jar '" + harness.resolve("jenkins/jenkins.war") + "' --httpListenAddress=127.0.0.1"
                + " --httpPort=" + port + " --webroot='" + home.resolve("war") + "'"
                + " </dev/null >>'" + home.resolve("jenkins.log") + "' 2>&1 & echo PID=$!";
        Processes.Result r = Processes.run(List.of("bash", "-c", command), projectRoot,
                Map.of("PATH", pathWithoutKube.toString()), Duration.ofMinutes(1)).requireSuccess("restarting Jenkins");
        Matcher m = Pattern.compile("PID=(\\d+)").matcher(r.output());
        if (!m.find()) {
            throw new IllegalStateException("no PID: " + r.output());
        }
        pid = Long.parseLong(m.group(1));
        long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!answers("/api/json")) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Jenkins did not come back after the restart:\n" + logTail());
            }
            Processes.sleep(1000);
        }
        awaitGitOpsReady();
    }

    private void awaitDown() {
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < end) {
            Processes.sleep(500);
        }
        while (answers("/login") && System.nanoTime() < end) {
            Processes.sleep(500);
        }
    }

    /** Waits until the GitOps dashboard answers (the plugin's service has started). */
    private void awaitGitOpsReady() {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JenkinsClient.Response r = admin().get("/gitops/");
            if (r.status() == 200) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("GitOps page not ready: HTTP " + r.status() + "\n" + logTail());
            }
            Processes.sleep(1000);
        }
    }

    private boolean answers(String path) {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A client acting as the administrator (anonymous while security is off, {@code admin} once it is on). */
    synchronized JenkinsClient admin() {
        if (admin == null) {
            admin = new JenkinsClient(url, null, null);
        }
        return admin;
    }

    synchronized void useAdmin(String user, String password) {
        admin = new JenkinsClient(url, user, password);
    }

    JenkinsClient as(String user, String password) {
        return new JenkinsClient(url, user, password);
    }

    JenkinsClient anonymous() {
        return new JenkinsClient(url, null, null);
    }

    String logTail() {
        try {
            return Processes.tail(Files.readString(home.resolve("jenkins.log"), StandardCharsets.UTF_8), 60);
        } catch (IOException e) {
            return "(no jenkins.log: " + e + ")";
        }
    }

    String jenkinsLog() {
        try {
            return Files.readString(home.resolve("jenkins.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private synchronized void stop() {
        if (pid > 0) {
            Processes.run(List.of("bash", harness.resolve("jenkins/stop.sh").toString(), Long.toString(pid)),
                    projectRoot, Map.of(), Duration.ofMinutes(1));
            pid = 0;
        }
        git.close();
        tools.close();
        deleteRecursively(pathWithoutKube);
    }

    private static Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kustomize release archive for this machine with its {@code checksums.txt}, laid out as kustomize's GitHub
     * releases, and helm-java's native jar for this machine with its {@code .sha256}, laid out as Maven Central.
     */
    private static LoopbackFileServer serveTools(Path target) {
        io.jenkins.plugins.gitops.engine.tools.ToolPlatform platform =
                io.jenkins.plugins.gitops.engine.tools.ToolPlatform.current();
        try {
            Files.createDirectories(target);
            String archiveName = "kustomize_v" + KUSTOMIZE_VERSION + "_" + platform.os() + "_" + platform.arch()
                    + ".tar.gz";
            Path archive = KustomizeArchives.tarGz(target.resolve(archiveName));
            java.util.Properties helm = new java.util.Properties();
            try (var in = com.marcnuri.helm.jni.NativeLibrary.class.getResourceAsStream(
                    "/META-INF/native-libraries.properties")) {
                helm.load(in);
            }
            String version = helm.getProperty("com.marcnuri.jkube-helm.version");
            String jarName = platform + "-" + version + ".jar";
            Path localRepository = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home")
                    + "/.m2/repository"));
            Path jar = localRepository.resolve("com/marcnuri/helm-java/" + platform + "/" + version + "/" + jarName);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("helm-java's native jar for " + platform + " is not in the local Maven "
                        + "repository (" + jar + "); the engine's tests depend on it, build the engine first");
            }
            String mavenDir = "/maven2/com/marcnuri/helm-java/" + platform + "/" + version + "/";
            LoopbackFileServer server = LoopbackFileServer.start()
                    .putFile("/kustomize/v" + KUSTOMIZE_VERSION + "/" + archiveName, archive)
                    .put("/kustomize/v" + KUSTOMIZE_VERSION + "/checksums.txt", KustomizeArchives.checksumLine(archive))
                    .putFile(mavenDir + jarName, jar)
                    .put(mavenDir + jarName + ".sha256", KustomizeArchives.sha256(jar));
            // the Jsonnet runtime the plugin fetches on the first Jsonnet render (it does not bundle it)
            for (io.jenkins.plugins.gitops.engine.render.JsonnetRuntime.Artifact a
                    : io.jenkins.plugins.gitops.engine.render.JsonnetRuntime.ARTIFACTS) {
                Path runtimeJar = localRepository.resolve(a.repositoryPath());
                if (!Files.isRegularFile(runtimeJar)) {
                    throw new IllegalStateException("the Jsonnet runtime's " + a.fileName() + " is not in the local "
                            + "Maven repository (" + runtimeJar + "); the engine's tests depend on it");
                }
                server.putFile("/maven2/" + a.repositoryPath(), runtimeJar);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory of links to every program on this JVM's PATH except {@code excluded} (first one of a name wins). */
    static Path pathWithout(Path dir, List<String> excluded) {
        deleteRecursively(dir);
        try {
            Files.createDirectories(dir);
            for (String entry : System.getenv("PATH").split(java.io.File.pathSeparator)) {
                Path d = Path.of(entry);
                if (entry.isEmpty() || !Files.isDirectory(d)) {
                    continue;
                }
                try (var files = Files.list(d)) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        Path link = dir.resolve(name);
                        if (!excluded.contains(name) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                && Files.isExecutable(f) && !Files.isDirectory(f)) {
                            Files.createSymbolicLink(link, f.toAbsolutePath());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The init.groovy.d script: credentials and the GitOps configuration, as an administrator would set them. */
    private String initScript() {
        String server = cluster.client().getConfiguration().getMasterUrl().replaceAll("/+$", "");
        return """
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SecretBytes
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl
                import io.jenkins.plugins.gitops.config.ClusterConfig
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                import io.jenkins.plugins.gitops.config.RepositoryConfig
                import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl

                def store = SystemCredentialsProvider.getInstance().getStore()
                store.addCredentials(Domain.global(), new FileCredentialsImpl(CredentialsScope.GLOBAL,
                    'harness-kubeconfig', 'kubeconfig of the harness cluster (cluster-admin)', 'kubeconfig',
                    SecretBytes.fromBytes(new File('%s').bytes)))
                store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL,
                    'git-deployer', 'Git server deploy user', '%s', '%s'))

                def cluster = new ClusterConfig('%s')
                cluster.serverUrl = '%s'
                cluster.credentialsId = 'harness-kubeconfig'
                def repository = new RepositoryConfig('%s/')
                repository.credentialsId = 'git-deployer'
                def cfg = GitOpsConfiguration.get()
                cfg.clusters = [cluster]
                cfg.defaultCluster = '%s'
                cfg.repositories = [repository]
                cfg.reconcileIntervalSeconds = 5

                // the rendering tools, as an administrator sets them up on a controller with nothing installed
                def installer = new io.jenkins.plugins.gitops.tools.KustomizeInstaller(null)
                installer.version = '%s'
                installer.urlTemplate = '%s/kustomize/v{version}/kustomize_v{version}_{os}_{arch}.{ext}'
                installer.checksumsUrlTemplate = '%s/kustomize/v{version}/checksums.txt'
                def kustomize = new io.jenkins.plugins.gitops.tools.KustomizeInstallation('%s', '',
                    [new hudson.tools.InstallSourceProperty([installer])])
                io.jenkins.plugins.gitops.tools.KustomizeInstallation.descriptor().setInstallations(kustomize)
                cfg.kustomizeInstallation = '%s'
                cfg.helmNativeRepository = '%s/maven2/'
                cfg.save()
                println 'gitops-acceptance: configured cluster %s and repository credentials'
                """.formatted(cluster.kubeconfig(), GIT_USER, GIT_PASSWORD, CLUSTER, server, git.baseUrl(), CLUSTER,
                KUSTOMIZE_VERSION, tools.baseUrl(), tools.baseUrl(), KUSTOMIZE_TOOL, KUSTOMIZE_TOOL, tools.baseUrl(),
                CLUSTER);
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void log(String message) {
        System.out.println("[acceptance] " + message);
    }

    private static long seconds(long t0) {
        return (System.nanoTime() - t0) / 1_000_000_000L;
    }
}
