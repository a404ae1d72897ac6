package io.jenkins.plugins.gitops.engine.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A control plane of its own (the shared harness's etcd + kube-apiserver v1.32, no controllers) that a fault test may
 * stop and start again with its data kept, as an operator's API server goes down and comes back. Unlike
 * {@link HarnessCluster}, which every end-to-end test shares, this one runs on free ports chosen for it, so stopping
 * it disturbs nobody. Without the harness {@link #start()} skips (or, with {@code GITOPS_REQUIRE_HARNESS=true}, fails)
 * like {@link HarnessCluster#get()}.
 */
public final class StoppableApiServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path harness;
    private final Map<String, String> ports;
    private Path kubeconfig;
    private boolean running;

    private StoppableApiServer(Path harness, Map<String, String> ports) {
        this.harness = harness;
        this.ports = ports;
    }

    /** Starts a fresh control plane on free ports. */
    public static StoppableApiServer start() {
        Path harness = HarnessCluster.harnessDir().orElse(null);
        if (harness == null) {
            if (HarnessCluster.required()) {
                throw new IllegalStateException("the shared harness is required (GITOPS_REQUIRE_HARNESS=true):"
                        + " shared/harness not found");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "shared/harness not found; skipping a fault test");
        }
        Map<String, String> ports = new HashMap<>();
        for (String name : List.of("KUBE_PROBE_APISERVER_PORT", "KUBE_PROBE_ETCD_PORT", "KUBE_PROBE_ETCD_PEER_PORT",
                "KUBE_PROBE_KCM_PORT")) {
            ports.put(name, Integer.toString(freePort()));
        }
        StoppableApiServer server = new StoppableApiServer(harness, ports);
        server.startControlPlane(false);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stoppable-apiserver-stop"));
        return server;
    }

    /** The API server's URL. */
    public String url() {
        return "https://127.0.0.1:" + ports.get("KUBE_PROBE_APISERVER_PORT");
    }

    /** The cluster-admin kubeconfig written by start.sh (certificates embedded). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A new client (the caller closes it). */
    public KubernetesClient newClient() {
        try {
            return new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops etcd and the API server (connections are refused from now on). */
    public synchronized void stop() {
        if (running) {
            run(List.of("bash", harness.resolve("kube/stop.sh").toString()), Duration.ofMinutes(1));
            running = false;
        }
    }

    /** Starts the control plane again with the data it had when it was stopped. */
    public synchronized void restart() {
        stop();
        startControlPlane(true);
    }

    public synchronized boolean running() {
        return running;
    }

    /** Runs {@code kubectl} against this server; fails on a non-zero exit. */
    public String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Result r = run(command, Duration.ofMinutes(1));
        if (r.exit != 0) {
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed: " + r.output);
        }
        return r.output;
    }

    @Override
    public void close() {
        stop();
    }

    private void startControlPlane(boolean keepData) {
        List<String> command = new ArrayList<>(List.of("bash", harness.resolve("kube/start.sh").toString()));
        if (keepData) {
            command.add("--keep-data");
        }
        Result r = run(command, START_TIMEOUT);
        kubeconfig = r.output.lines().filter(l -> l.startsWith("KUBECONFIG="))
                .reduce((a, b) -> b).map(l -> Path.of(l.substring("KUBECONFIG=".length()).trim()))
                .orElseThrow(() -> new IllegalStateException("kube/start.sh failed (exit " + r.exit + "): "
                        + r.output));
        running = true;
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("stoppable-apiserver", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().putAll(ports);
                Process p = builder.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " timed out after " + timeout);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
