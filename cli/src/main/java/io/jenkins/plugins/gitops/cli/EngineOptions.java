package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.ClusterSpec;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.RepoCredentialSpec;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every engine-backed command shares: cluster, state, cache and repository credentials. */
final class EngineOptions {

    @Option(names = "--kubeconfig", description = "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", description = "kubeconfig context (default: the current context)")
    String context;

    @Option(names = "--state-dir", description = "where history and operation state are kept (default: ~/.gitops)")
    Path stateDir;

    @Option(names = "--cache-dir", description = "Git and render cache (default: <state-dir>/cache)")
    Path cacheDir;

    @Option(names = "--repo-username", description = "username for HTTPS repositories")
    String repoUsername;

    @Option(names = "--repo-password-env", paramLabel = "VAR",
            description = "name of the environment variable holding the HTTPS password or token")
    String repoPasswordEnv;

    @Option(names = "--ssh-key", description = "SSH private key file for ssh:// and git@ repositories")
    Path sshKey;

    @Option(names = "--tool-timeout", description = "limit for kustomize/helm runs in seconds (default: 90)")
    Integer toolTimeoutSeconds;

    Path stateDir() {
        return stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".gitops");
    }

    GitOpsEngine build(PrintStream err) {
        return build(new EngineLog() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {
                err.println("warning: " + message);
            }
        });
    }

    GitOpsEngine build(EngineLog log) {
        Path state = stateDir();
        GitOpsEngine.Builder b = GitOpsEngine.builder()
                .workDir(cacheDir != null ? cacheDir : state.resolve("cache"))
                .stateStore(new FileStateStore(state.resolve("apps")))
                .repoCredentials(credentials())
                .log(log);
        ClusterSpec cluster = cluster();
        if (cluster != null) {
            b.clusters(List.of(cluster)).defaultCluster(cluster.name());
        }
        if (toolTimeoutSeconds != null) {
            b.toolTimeout(Duration.ofSeconds(toolTimeoutSeconds));
        }
        return b.build();
    }

    /** The kubeconfig's cluster as the default ("in-cluster") destination, or null when there is no kubeconfig. */
    ClusterSpec cluster() {
        Path file = kubeconfig;
        if (file == null && System.getenv("KUBECONFIG") != null && !System.getenv("KUBECONFIG").isBlank()) {
            file = Path.of(System.getenv("KUBECONFIG").split(java.io.File.pathSeparator)[0]);
        }
        if (file == null) {
            Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
            file = Files.isRegularFile(home) ? home : null;
        }
        if (file == null) {
            return null;
        }
        try {
            return ClusterSpec.ofKubeconfig("in-cluster", Files.readString(file), context);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    List<RepoCredentialSpec> credentials() {
        List<RepoCredentialSpec> out = new ArrayList<>();
        if (repoUsername != null || repoPasswordEnv != null) {
            String password = repoPasswordEnv == null ? null : System.getenv(repoPasswordEnv);
            if (repoPasswordEnv != null && password == null) {
                throw new IllegalArgumentException("--repo-password-env: environment variable " + repoPasswordEnv
                        + " is not set");
            }
            out.add(RepoCredentialSpec.https("", repoUsername == null ? "git" : repoUsername, password));
        }
        if (sshKey != null) {
            try {
                out.add(RepoCredentialSpec.ssh("", "git", Files.readString(sshKey), null));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --ssh-key " + sshKey + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
