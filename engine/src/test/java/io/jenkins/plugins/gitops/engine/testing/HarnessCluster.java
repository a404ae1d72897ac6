package io.jenkins.plugins.gitops.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The shared harness's real Kubernetes control plane for end-to-end tests: etcd, kube-apiserver and
 * kube-controller-manager v1.32 started by {@code shared/harness/kube/start.sh --with-kcm}, plus the harness's
 * {@code fake-kubelet.py}, so Deployments, ReplicaSets, Pods and Jobs get their real statuses from real controllers.
 *
 * <p>One cluster per test JVM: the first {@link #get()} starts it, a shutdown hook stops the kubelet and the control
 * plane. Tests isolate themselves by namespace. Where the harness is absent (a machine without {@code ../shared}),
 * {@link #get()} skips the calling test with a message; with {@code GITOPS_REQUIRE_HARNESS=true} (CI) a missing or
 * failing harness fails the test instead, so nothing is silently skipped there.
 *
 * <p>Where the harness lives: system property {@code gitops.harness.dir}, environment {@code GITOPS_HARNESS_DIR},
 * else {@code shared/harness} found beside the project root (walking up from the working directory). Ports: the
 * harness's own variables ({@code KUBE_PROBE_APISERVER_PORT}, {@code KUBE_PROBE_ETCD_PORT},
 * {@code KUBE_PROBE_ETCD_PEER_PORT}, {@code KUBE_PROBE_KCM_PORT}) are passed through, so parallel runs on one machine
 * choose distinct ports; the default is the harness's 16443 set.
 */
public final class HarnessCluster {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static HarnessCluster instance;
    private static String unavailable;

    private final Path harness;
    private final Path kubeconfig;
    private final Process kubelet;
    private final KubernetesClient client;

    private HarnessCluster(Path harness, Path kubeconfig, Process kubelet) {
        this.harness = harness;
        this.kubeconfig = kubeconfig;
        this.kubelet = kubelet;
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(read(kubeconfig))).build();
    }

    /** The running cluster, started on first use; skips (or, with GITOPS_REQUIRE_HARNESS=true, fails) without it. */
    public static synchronized HarnessCluster get() {
        if (instance == null && unavailable == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        if (instance == null) {
            if (required()) {
                throw new IllegalStateException("the shared harness is required (GITOPS_REQUIRE_HARNESS=true): "
                        + unavailable);
            }
            assumeTrue(false, unavailable + "; skipping real-cluster tests");
        }
        return instance;
    }

    /** True where tests must not skip for want of the harness (CI sets GITOPS_REQUIRE_HARNESS=true). */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("GITOPS_REQUIRE_HARNESS"));
    }

    /** The harness folder ({@code shared/harness}), if there is one. */
    public static Optional<Path> harnessDir() {
        String configured = Optional.ofNullable(System.getProperty("gitops.harness.dir"))
                .orElse(System.getenv("GITOPS_HARNESS_DIR"));
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            return Files.isDirectory(dir.resolve("kube")) ? Optional.of(dir) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/harness");
            if (Files.isRegularFile(candidate.resolve("kube/start.sh"))) {
                return Optional.of(candidate.normalize());
            }
            Path sibling = dir.resolveSibling("shared/harness");
            if (dir.getParent() != null && Files.isRegularFile(sibling.resolve("kube/start.sh"))) {
                return Optional.of(sibling.normalize());
            }
        }
        return Optional.empty();
    }

    private static HarnessCluster start() {
        Path harness = harnessDir().orElseThrow(() -> new IllegalStateException(
                "shared/harness not found (set GITOPS_HARNESS_DIR or -Dgitops.harness.dir)"));
        Path log = tempFile("harness-kube-start", ".log");
        ProcessResult started = run(List.of("bash", harness.resolve("kube/start.sh").toString(), "--with-kcm"),
                Map.of(), log, START_TIMEOUT);
        String output = read(log);
        Path kubeconfig = output.lines()
                .filter(line -> line.startsWith("KUBECONFIG="))
                .reduce((first, second) -> second)
                .map(line -> Path.of(line.substring("KUBECONFIG=".length()).trim()))
                .orElseThrow(() -> new IllegalStateException("kube/start.sh --with-kcm failed (exit " + started.exit
                        + "): " + tail(output)));
        Process kubelet;
        try {
            ProcessBuilder builder = new ProcessBuilder("python3", harness.resolve("kube/fake-kubelet.py").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(tempFile("harness-fake-kubelet", ".log").toFile());
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
            kubelet = builder.start();
        } catch (IOException e) {
            stopControlPlane(harness);
            throw new UncheckedIOException("cannot start fake-kubelet.py", e);
        }
        HarnessCluster cluster = new HarnessCluster(harness, kubeconfig, kubelet);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "harness-cluster-stop"));
        return cluster;
    }

    /** The cluster-admin kubeconfig file written by start.sh. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A connection named {@code in-cluster} through this cluster's admin kubeconfig. */
    public ClusterConnection connection() {
        return ClusterConnection.fromKubeconfig("in-cluster", kubeconfig(), null);
    }

    /** An engine builder working in {@code workDir}, connected to this cluster, polling health every 250 ms. */
    public GitOpsEngine.Builder engineBuilder(Path workDir) {
        return GitOpsEngine.builder().workDir(workDir).connection(connection()).pollInterval(Duration.ofMillis(250));
    }

    /** The kubeconfig's content, for code that takes YAML. */
    public String kubeconfigYaml() {
        return read(kubeconfig);
    }

    /** A client of the cluster (shared; do not close). */
    public KubernetesClient client() {
        return client;
    }

    /** The harness folder this cluster was started from. */
    public Path harness() {
        return harness;
    }

    /** Runs {@code kubectl} against this cluster (as a person would, e.g. {@code scale}); fails on a non-zero exit. */
    public String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Path out = tempFile("kubectl", ".out");
        ProcessResult result = run(command, Map.of(), out, Duration.ofMinutes(1));
        String output = read(out);
        if (result.exit != 0) {
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed (exit " + result.exit
                    + "): " + output);
        }
        return output;
    }

    /** Creates a fresh namespace named {@code prefix-<random>} and returns its name. */
    public String freshNamespace(String prefix) {
        String name = prefix + "-" + Long.toString(System.nanoTime() & 0xffffffL, 36);
        kubectl("create", "namespace", name);
        return name;
    }

    private synchronized void stop() {
        kubelet.destroy();
        try {
            kubelet.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        stopControlPlane(harness);
    }

    private static void stopControlPlane(Path harness) {
        run(List.of("bash", harness.resolve("kube/stop.sh").toString()), Map.of(),
                tempFile("harness-kube-stop", ".log"), Duration.ofMinutes(1));
    }

    private record ProcessResult(int exit) {
    }

    private static ProcessResult run(List<String> command, Map<String, String> env, Path output, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out after " + timeout);
            }
            return new ProcessResult(process.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static Path tempFile(String prefix, String suffix) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
