package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.ClusterSpec;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.RepoCredentialSpec;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.project.ProjectRegistry;
import io.jenkins.plugins.gitops.engine.render.HelmNativeLibrary;
import io.jenkins.plugins.gitops.engine.render.RenderTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options every engine-backed command shares: cluster, state, cache, repository credentials and the AppProjects that
 * guard every render, diff and sync (an application of an unknown project is refused; without {@code --projects}
 * only Argo CD's permissive {@code default} project exists).
 */
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

    @Option(names = "--repo-ca-file", paramLabel = "PEM",
            description = "CA certificate(s) to trust for Helm chart repositories and OCI registries")
    Path repoCaFile;

    @Option(names = "--tool-timeout", description = "limit for kustomize/helm runs in seconds (default: 90)")
    Integer toolTimeoutSeconds;

    @Option(names = "--kustomize", paramLabel = "PATH",
            description = "kustomize binary for Kustomize applications (default: kustomize on the PATH, else "
                    + "kubectl kustomize)")
    Path kustomize;

    @Option(names = "--projects", paramLabel = "PATH",
            description = "AppProject YAML file or directory of them (repeatable); every application is checked "
                    + "against its project before anything is rendered or applied")
    List<Path> projects = new ArrayList<>();

    Path stateDir() {
        return stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".gitops");
    }

    /** Warnings of the engine {@link #build()} made, printed when the command ends. */
    final Warnings warnings = new Warnings();

    /** An engine whose warnings are held in {@link #warnings} (progress is not shown). */
    GitOpsEngine build() {
        return build(warnings);
    }

    GitOpsEngine build(EngineLog log) {
        return build(log, List.of());
    }

    /** An engine with the {@code --projects} AppProjects plus {@code moreProjects} (e.g. found next to the apps). */
    GitOpsEngine build(EngineLog log, List<AppProject> moreProjects) {
        List<AppProject> known = new ArrayList<>(projects());
        known.addAll(moreProjects);
        ProjectRegistry.of(known); // fails now, naming both files, when a project is defined twice
        Path state = stateDir();
        GitOpsEngine.Builder b = GitOpsEngine.builder()
                .workDir(cacheDir != null ? cacheDir : state.resolve("cache"))
                .stateStore(new FileStateStore(state.resolve("apps")))
                .repoCredentials(credentials())
                .projects(known)
                .log(log);
        ClusterSpec cluster = cluster();
        if (cluster != null) {
            b.clusters(List.of(cluster)).defaultCluster(cluster.name());
        }
        if (toolTimeoutSeconds != null) {
            b.toolTimeout(Duration.ofSeconds(toolTimeoutSeconds));
        }
        b.renderTools(renderTools(state));
        return b.build();
    }

    /** Text that ends the error when no Kustomize is found. */
    static final String KUSTOMIZE_HINT = "pass --kustomize PATH, or put kustomize or kubectl on the PATH";

    /**
     * {@code --kustomize}, and helm-java's native library: the one in this jar, or - on another platform - fetched
     * from Maven Central into {@code <state-dir>/tools/helm-java}.
     */
    RenderTools renderTools(Path state) {
        return new RenderTools(kustomize, null, KUSTOMIZE_HINT,
                new HelmNativeLibrary.Source(null, state.resolve("tools").resolve("helm-java")));
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

    /** The AppProjects of every {@code --projects} path; a path without any AppProject is an error. */
    List<AppProject> projects() {
        List<AppProject> out = new ArrayList<>();
        for (Path p : projects) {
            List<AppProject> found = ArgoFiles.read("--projects", p).projects();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("--projects " + p + ": no AppProject found");
            }
            out.addAll(found);
        }
        return out;
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
        if (repoCaFile != null) {
            try {
                out.add(new RepoCredentialSpec("", null, null, null, null, Files.readString(repoCaFile)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --repo-ca-file " + repoCaFile + ": " + e.getMessage(), e);
            }
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
