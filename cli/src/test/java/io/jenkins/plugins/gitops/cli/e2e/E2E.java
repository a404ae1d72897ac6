package io.jenkins.plugins.gitops.cli.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.cli.GitOpsCommand;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One end-to-end test's world: the harness's real cluster (API server, kube-controller-manager, fake kubelet; one per
 * test JVM), a Git server over smart HTTP on loopback with one repository, a state directory, a namespace of its
 * own, and the {@code gitops} command run in-process against all of them.
 *
 * <p>Fixtures live under {@code src/test/resources/e2e}: {@code apps/<name>/} are the manifests a test commits into
 * the repository ({@link #publish}), {@code applications/<name>.yaml} the Argo CD Applications, with the
 * placeholders {@code ${name}}, {@code ${repoURL}}, {@code ${path}} and {@code ${namespace}} ({@link #application}).
 *
 * <p>Waiting is always bounded polling ({@link #await}); nothing sleeps for a fixed time.
 */
final class E2E implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(200);

    final HarnessCluster cluster;
    final GitHttpServer git;
    final TestRepo repo;
    final Path dir;
    final Path state;
    final String namespace;

    private E2E(Path dir, String namespace, boolean create) {
        this.cluster = HarnessCluster.get();
        this.dir = dir;
        this.state = dir.resolve("state");
        this.git = GitHttpServer.start(dir.resolve("git"));
        this.repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        this.namespace = create ? cluster.freshNamespace(namespace) : namespace;
    }

    /** A world with a fresh namespace {@code prefix-<random>} that exists already. */
    static E2E withNamespace(Path dir, String prefix) {
        return new E2E(dir, prefix, true);
    }

    /** A world whose destination namespace {@code prefix-<random>} does not exist yet (CreateNamespace=true). */
    static E2E withoutNamespace(Path dir, String prefix) {
        return new E2E(dir, prefix + "-" + Long.toString(System.nanoTime() & 0xffffffL, 36), false);
    }

    KubernetesClient client() {
        return cluster.client();
    }

    // ---- Git ----------------------------------------------------------------------------------------------------

    /**
     * Makes {@code path} in the repository hold exactly the files of fixture {@code apps/<fixture>} (earlier files
     * there are removed), commits and pushes; returns the commit SHA.
     */
    String publish(String fixture, String path, String message) {
        Path target = repo.workDir().resolve(path);
        if (Files.exists(target)) {
            repo.delete(path);
        }
        Path source = resource("e2e/apps/" + fixture);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                repo.write(path + "/" + source.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return repo.commit(message);
    }

    /** The working copy of the repository, for {@code --local} (it renders the same paths as Git). */
    Path local() {
        return repo.workDir();
    }

    /**
     * Writes the Application fixture {@code applications/<template>.yaml} as {@code <name>.yaml} in {@code folder}
     * (relative to this test's directory), its placeholders filled in; returns the file.
     */
    Path application(String template, String name, String path, String folder) {
        String yaml = read(resource("e2e/applications/" + template + ".yaml"));
        for (Map.Entry<String, String> v : Map.of("name", name, "repoURL", repo.url(), "path", path,
                "namespace", namespace).entrySet()) {
            yaml = yaml.replace("${" + v.getKey() + "}", v.getValue());
        }
        if (yaml.contains("${")) {
            throw new IllegalArgumentException("unknown placeholder in " + template + ": " + yaml);
        }
        try {
            Path file = dir.resolve(folder).resolve(name + ".yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path application(String template, String name, String path) {
        return application(template, name, path, "applications");
    }

    // ---- the command line ---------------------------------------------------------------------------------------

    /** {@code gitops ARGS --kubeconfig <harness> --state-dir <this test's>}, in-process. */
    Run gitops(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(engineOptions());
        LineRecorder out = new LineRecorder();
        StringWriter err = new StringWriter();
        int exit = GitOpsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
        return new Run(String.join(" ", args), exit, out.lines(), err.toString());
    }

    /** The options that point a {@code gitops} command at the harness and at this test's state. */
    List<String> engineOptions() {
        return List.of("--kubeconfig", cluster.kubeconfig().toString(), "--state-dir", state.toString());
    }

    // ---- the cluster --------------------------------------------------------------------------------------------

    /** kubectl in this test's namespace; fails on a non-zero exit. */
    String kubectl(String... args) {
        List<String> all = new ArrayList<>(List.of("-n", namespace));
        all.addAll(List.of(args));
        return cluster.kubectl(all.toArray(String[]::new));
    }

    /** {@code kubectl edit} as a person does it, with {@code sed -i EXPRESSION} as the editor. */
    String kubectlEdit(String resource, String sedExpression) {
        try {
            Path editor = dir.resolve("editor.sh");
            Files.writeString(editor, "#!/bin/sh\nexec sed -i '" + sedExpression + "' \"$1\"\n");
            editor.toFile().setExecutable(true);
            ProcessBuilder b = new ProcessBuilder("kubectl", "--kubeconfig", cluster.kubeconfig().toString(),
                    "-n", namespace, "edit", resource).redirectErrorStream(true);
            b.environment().put("KUBE_EDITOR", editor.toString());
            Process p = b.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kubectl edit " + resource + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Deployment deployment(String name) {
        return client().apps().deployments().inNamespace(namespace).withName(name).get();
    }

    Optional<Job> job(String name) {
        return Optional.ofNullable(client().batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /** The Jobs whose name starts with {@code prefix} (hooks with {@code generateName}). */
    List<Job> jobsNamed(String prefix) {
        return client().batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                .filter(j -> j.getMetadata().getName().startsWith(prefix)).toList();
    }

    List<String> jobNames() {
        return client().batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).sorted().toList();
    }

    boolean configMapExists(String name) {
        return client().configMaps().inNamespace(namespace).withName(name).get() != null;
    }

    GenericKubernetesResource get(String apiVersion, String kind, String name) {
        return client().genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name).get();
    }

    /** When the Deployment's Available condition last became True (null while it is not). */
    static Instant availableSince(Deployment d) {
        if (d == null || d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
        }
        return d.getStatus().getConditions().stream()
                .filter(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()))
                .map(DeploymentCondition::getLastTransitionTime).map(Instant::parse).findFirst().orElse(null);
    }

    /** True when every desired replica of the Deployment is updated and available (Argo's Healthy). */
    static boolean available(Deployment d) {
        if (d == null || d.getStatus() == null) {
            return false;
        }
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return d.getStatus().getObservedGeneration() != null
                && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration()
                && Integer.valueOf(desired).equals(d.getStatus().getUpdatedReplicas())
                && Integer.valueOf(desired).equals(d.getStatus().getAvailableReplicas());
    }

    /** Polls {@code condition} every 200 ms for at most {@code timeout}; fails with {@code state} when it never holds. */
    static Duration await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        Instant start = Instant.now();
        Instant end = start.plus(timeout);
        while (true) {
            if (condition.getAsBoolean()) {
                return Duration.between(start, Instant.now());
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + timeout.toSeconds() + "s: " + what + "\n" + state.get());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    // ---- files --------------------------------------------------------------------------------------------------

    static Path resource(String name) {
        URL url = E2E.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the Git server and deletes the namespace without waiting (the cluster goes away with the JVM). */
    @Override
    public void close() {
        git.close();
        try {
            cluster.kubectl("delete", "namespace", namespace, "--wait=false", "--ignore-not-found");
        } catch (RuntimeException ignored) {
            // best effort: the cluster is thrown away at the end of the run anyway
        }
    }
}
