package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.cli.GitOpsCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-heal by {@code gitops controller} running as its own process: an application with
 * {@code automated: {prune: true, selfHeal: true}} is synced automatically, then a person's {@code kubectl edit} of
 * the Deployment's replicas is reverted within 5 seconds, and the controller's log names kubectl-edit as the one
 * who drifted.
 */
class SelfHealE2ETest {

    @TempDir
    Path dir;

    E2E e2e;
    Process controller;
    final List<String> log = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        if (controller != null) {
            controller.toHandle().destroy();
            if (!controller.waitFor(20, TimeUnit.SECONDS)) {
                controller.destroyForcibly();
            }
        }
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void theControllerRevertsAKubectlEditWithinFiveSeconds() {
        e2e = E2E.withNamespace(dir, "e2e-heal");
        String ns = e2e.namespace;
        e2e.publish("directory", "apps/web", "web v1");
        Path apps = e2e.application("self-heal", "heal", "apps/web", "controller-apps").getParent();
        startController(apps);

        E2E.await("the controller synced the app automatically and web is Available", Duration.ofSeconds(90),
                () -> E2E.available(e2e.deployment("web")), this::transcript);
        E2E.await("the controller refreshed the app as Synced Healthy", Duration.ofSeconds(60),
                () -> logHas("heal: refreshed ", " Synced Healthy"), this::transcript);
        int before = logSize();

        e2e.kubectlEdit("deploy/web", "0,/^  replicas: 2$/s//  replicas: 5/");
        assertThat(e2e.deployment("web").getSpec().getReplicas()).as("kubectl edit took effect").isEqualTo(5);

        Duration healed = E2E.await("self-heal put spec.replicas back to 2", Duration.ofSeconds(5),
                () -> e2e.deployment("web").getSpec().getReplicas() == 2, this::transcript);
        E2E.await("the controller logged the drift, naming kubectl-edit", Duration.ofSeconds(10),
                () -> logSince(before).stream().anyMatch(l -> l.contains("heal: drift detected on apps/Deployment "
                        + ns + "/web") && l.contains("spec.replicas") && l.contains("kubectl-edit")),
                this::transcript);
        assertThat(healed).as(transcript()).isLessThan(Duration.ofSeconds(5));
        E2E.await("web Available again at 2 replicas", Duration.ofSeconds(60),
                () -> E2E.available(e2e.deployment("web")), this::transcript);
    }

    private void startController(Path apps) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GitOpsCommand.class.getName(),
                "controller", "--apps", apps.toString(), "--interval", "60"));
        command.addAll(e2e.engineOptions());
        try {
            controller = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(controller.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (log) {
                        log.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "gitops-controller-output");
        pump.setDaemon(true);
        pump.start();
    }

    private boolean logHas(String... fragments) {
        synchronized (log) {
            return log.stream().anyMatch(l -> List.of(fragments).stream().allMatch(l::contains));
        }
    }

    private int logSize() {
        synchronized (log) {
            return log.size();
        }
    }

    private List<String> logSince(int index) {
        synchronized (log) {
            return List.copyOf(log.subList(index, log.size()));
        }
    }

    private String transcript() {
        synchronized (log) {
            var web = e2e.deployment("web");
            return "gitops controller output:\n" + String.join("\n", log) + "\nweb: "
                    + (web == null ? "absent" : "spec.replicas " + web.getSpec().getReplicas() + ", " + web.getStatus());
        }
    }
}
