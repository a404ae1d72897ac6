package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.ClusterSpec;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-heal by the engine's controller (the one {@code gitops controller} and the plugin run): an application with
 * {@code automated: {prune: true, selfHeal: true}} is synced automatically, then a person's {@code kubectl edit} of
 * the Deployment's replicas is reverted within 5 seconds, and the controller's log names kubectl-edit as the one
 * who drifted.
 */
class SelfHealE2ETest {

    @TempDir
    Path dir;

    E2E e2e;
    GitOpsEngine engine;
    Controller controller;
    final List<String> log = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        if (controller != null) {
            controller.close();
            controller.awaitIdle(Duration.ofSeconds(10));
        }
        if (engine != null) {
            engine.close();
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
        startController(e2e.application("self-heal", "heal", "apps/web"));

        E2E.await("the controller synced the app automatically and web is Available", Duration.ofSeconds(120),
                () -> E2E.available(e2e.deployment("web")), this::transcript);
        E2E.await("the controller refreshed the app as Synced Healthy", Duration.ofSeconds(60),
                () -> logHas("heal: refreshed ", " Synced Healthy"), this::transcript);
        assertThat(logHas("drift detected")).as("what the automated sync created is no drift, however late the "
                + "watch shows it\n" + transcript()).isFalse();
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

    /**
     * The controller {@code gitops controller} and the plugin run, in this JVM (a second JVM's start-up took most of
     * a minute on the loaded test machine): the same engine options as the command line, the application read from
     * its file.
     */
    private void startController(Path appFile) {
        EngineLog timestamped = new EngineLog() {
            @Override
            public void info(String message) {
                add(Instant.now() + " " + message);
            }

            @Override
            public void warn(String message) {
                add(Instant.now() + " WARNING " + message);
            }
        };
        engine = GitOpsEngine.builder()
                .workDir(dir.resolve("controller-cache"))
                .stateStore(new FileStateStore(e2e.state.resolve("apps")))
                .clusters(List.of(ClusterSpec.ofKubeconfig("in-cluster", e2e.cluster.kubeconfigYaml(), null)))
                .defaultCluster("in-cluster")
                .log(timestamped)
                .build();
        controller = new Controller(engine, ControllerSettings.defaults()
                .withRefreshInterval(Duration.ofSeconds(60), Duration.ZERO));
        controller.register(ArgoDocuments.readApplication(appFile), appFile.getFileName().toString());
        add(Instant.now() + " registered " + appFile.getFileName());
        controller.start();
    }

    private void add(String line) {
        synchronized (log) {
            log.add(line);
        }
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
            return "controller log:\n" + String.join("\n", log) + "\nweb: "
                    + (web == null ? "absent" : "spec.replicas " + web.getSpec().getReplicas() + ", " + web.getStatus());
        }
    }
}
