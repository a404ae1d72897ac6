package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.RealApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says when a sync is refused or a kind is not served, against a real kube-apiserver
 * (issue 20, "Messages"): one {@code error:} line without a second "Error:", and no library hints, internal class
 * names or "retry later" for problems retrying cannot fix.
 */
class ApiServerMessagesTest {

    static final List<String> NEVER_SAID = List.of("Error: ", "ResourceDefinitionContext", "retry later",
            "KubernetesClientException", "io.fabric8", "klog");

    @TempDir
    Path dir;

    Path kubeconfig;

    @BeforeEach
    void setUp() throws IOException {
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"), RealApiServer.kubeconfigYaml());
    }

    CliRun run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--state-dir", dir.resolve("state").toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    Path app(String name, String namespace, String manifests) throws IOException {
        Path appDir = Files.createDirectories(dir.resolve("repo").resolve(name));
        Files.writeString(appDir.resolve("manifests.yaml"), manifests);
        return Files.writeString(dir.resolve(name + ".yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: 'https://git.example.com/deploy.git', targetRevision: HEAD, path: %s}
                  destination:
                    server: https://kubernetes.default.svc
                %s
                """.formatted(name, name, namespace == null ? "" : "    namespace: " + namespace));
    }

    @Test
    void aRefusedSyncIsOneErrorLineSayingWhy() throws IOException {
        Path app = app("msg-nons", null, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a20-msg-settings}
                data: {a: "1"}
                """);

        CliRun run = run("sync", "-f", app.toString(), "--local", dir.resolve("repo/msg-nons").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: sync refused: namespace for ConfigMap a20-msg-settings is missing");
        assertThat(run.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
        assertThat(run.out() + run.err()).doesNotContain(NEVER_SAID);
    }

    @Test
    void aKindTheClusterDoesNotServeIsNamedWithoutLibraryHints() throws IOException {
        Path app = app("msg-unserved", "default", """
                apiVersion: a20msg.example.com/v1
                kind: Sprocket
                metadata: {name: sprocket}
                spec: {teeth: 12}
                """);
        String local = dir.resolve("repo/msg-unserved").toString();

        CliRun status = run("status", "-f", app.toString(), "--local", local);
        CliRun sync = run("sync", "-f", app.toString(), "--local", local);

        assertThat(status.exit()).as(status.err()).isEqualTo(1);
        assertThat(status.out()).contains("Sprocket").contains("does not serve kind Sprocket");
        assertThat(sync.exit()).isIn(1, 2);
        assertThat(sync.out() + sync.err()).contains("Sprocket").doesNotContain(NEVER_SAID);
        assertThat(status.out() + status.err()).doesNotContain(NEVER_SAID);
    }
}
