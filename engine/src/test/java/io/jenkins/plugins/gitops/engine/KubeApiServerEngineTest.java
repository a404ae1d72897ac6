package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.testing.RecordingLog;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade against a real kube-apiserver (fabric8 kube-api-test: etcd + kube-apiserver, no controllers): what the
 * CRUD mock cannot show. Hooks with {@code generateName}, conflicts with another field manager ({@code kubectl scale},
 * run with the real kubectl binary), {@code RespectIgnoreDifferences}, {@code Validate=false} and a kind the cluster
 * does not serve. Jobs are completed by a small stand-in for the job controller ({@link #completeJobs()}): a Job
 * whose command contains {@code fail} fails. Without binaries every test is skipped, naming where they were looked
 * for; they are never downloaded.
 */
class KubeApiServerEngineTest {

    /**
     * Hooks are deleted with the prune propagation policy. There is no garbage collector here, so a foreground
     * deletion (the default) would leave each deleted hook with a deletionTimestamp for good, and BeforeHookCreation
     * waits until the old hook is gone.
     */
    static final String BACKGROUND = "syncPolicy:\n  syncOptions: [PrunePropagationPolicy=background]\n";

    private static KubeAPIServer apiServer;
    private static KubernetesClient client;
    private static Path kubectl;
    private static String skipReason;
    private static ScheduledExecutorService jobController;

    @TempDir
    Path dir;

    GitHttpServer git;
    TestRepo repo;
    GitOpsEngine engine;
    final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void startApiServer() {
        List<Path> candidates = candidateDirs();
        Optional<Path> binaries = candidates.stream().map(KubeApiServerEngineTest::versionDir)
                .flatMap(Optional::stream).findFirst();
        if (binaries.isEmpty()) {
            skipReason = "kube-api-test binaries not found (looked for k8s/<version>/{kube-apiserver,etcd,kubectl}"
                    + " under " + candidates + "); set KUBE_API_TEST_DIR to run the real API server tests";
            return;
        }
        kubectl = binaries.get().resolve("kubectl");
        apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaries.get().getParent().getParent().toString())
                .withOfflineMode(true).withUpdateKubeConfig(false).build());
        apiServer.start();
        client = newClient();
        jobController = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-controller-stand-in");
            t.setDaemon(true);
            return t;
        });
        jobController.scheduleWithFixedDelay(KubeApiServerEngineTest::completeJobs, 100, 100, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stopApiServer() {
        if (jobController != null) {
            jobController.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
        if (apiServer != null) {
            apiServer.stop();
        }
    }

    @BeforeEach
    void setUp() {
        assumeTrue(skipReason == null, skipReason);
        git = GitHttpServer.start(dir.resolve("git-server"));
        repo = TestRepos.create(git, "deploy", dir.resolve("work"));
        engine = GitOpsEngine.builder().workDir(dir.resolve("engine"))
                .stateStore(new FileStateStore(dir.resolve("state")))
                .connection(ClusterConnection.ofClient("in-cluster", null, newClient()))
                .pollInterval(Duration.ofMillis(100)).log(log).build();
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        if (git != null) {
            git.close();
        }
    }

    // ---- 1. hooks with generateName ------------------------------------------------------------------------------

    @Test
    void hooksWithGenerateNameAreCreatedFollowedAndCleanedUpByEveryDeletePolicy() throws InterruptedException {
        namespace("hooks");
        repo.write("app/config.yaml", configMap("settings", "{color: blue}"))
                .write("app/migrate.yaml", hookJob("PreSync", "migrate-", "BeforeHookCreation", "true"))
                .write("app/seed.yaml", hookJob("Sync", "seed-", "HookSucceeded", "true"))
                .write("app/notify.yaml", hookJob("PostSync", "notify-", "HookFailed", "true"))
                .commit("hooks with generateName");
        Application app = application("hooks", "hooks", BACKGROUND);

        SyncOutcome first = engine.sync(app, SyncRequest.manual("ada"), log);

        assertThat(first.phase()).as(first.message() + "\n" + log.story()).isEqualTo("Succeeded");
        ResourceResult migrate = hookResult(first, "PreSync");
        assertThat(migrate.name()).startsWith("migrate-" + repo.head().substring(0, 7) + "-presync-");
        assertThat(migrate.hookPhase()).isEqualTo("Succeeded");
        Job migrateJob = job("hooks", migrate.name());
        assertThat(migrateJob).as("BeforeHookCreation keeps the hook until the next sync").isNotNull();
        assertThat(migrateJob.getMetadata().getGenerateName()).isEqualTo("migrate-");
        assertThat(migrateJob.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/tracking-id",
                "hooks:batch/Job:hooks/" + migrate.name());
        assertThat(job("hooks", hookResult(first, "Sync").name())).as("HookSucceeded deleted the seed job").isNull();
        assertThat(job("hooks", hookResult(first, "PostSync").name())).as("HookFailed keeps a succeeded hook")
                .isNotNull();
        assertThat(log.story()).contains("PreSync hook batch/Job hooks/" + migrate.name());

        Thread.sleep(1100); // the next operation starts in another second, so its hooks get other names
        SyncOutcome second = engine.sync(app, SyncRequest.manual("ada"), log);

        assertThat(second.phase()).as(second.message()).isEqualTo("Succeeded");
        String next = hookResult(second, "PreSync").name();
        assertThat(next).isNotEqualTo(migrate.name());
        assertThat(jobNames("hooks")).as("BeforeHookCreation deleted the previous run's migrate job")
                .contains(next).doesNotContain(migrate.name());
        assertThat(log.story()).contains("PreSync hook batch/Job hooks/" + migrate.name()
                + " from an earlier sync deleted (BeforeHookCreation)");
    }

    @Test
    void aFailedGenerateNameHookIsDeletedByHookFailedAndFailsTheSync() {
        namespace("hook-fail");
        repo.write("app/config.yaml", configMap("settings", "{color: blue}"))
                .write("app/migrate.yaml", hookJob("PreSync", "migrate-", "HookFailed", "fail"))
                .commit("a failing hook");

        SyncOutcome outcome = engine.sync(application("hook-fail", "hook-fail", BACKGROUND), SyncRequest.manual("ada"),
                log);

        assertThat(outcome.phase()).as(outcome.message()).isEqualTo("Failed");
        ResourceResult hook = hookResult(outcome, "PreSync");
        assertThat(hook.name()).startsWith("migrate-");
        assertThat(hook.hookPhase()).isEqualTo("Failed");
        assertThat(eventually(() -> job("hook-fail", hook.name()) == null)).as("HookFailed deleted it").isTrue();
        assertThat(client.configMaps().inNamespace("hook-fail").withName("settings").get()).isNull();
    }

    @Test
    void aResourceWithOnlyGenerateNameIsRefusedNamingItsFile() {
        namespace("no-name");
        repo.write("app/job.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata: {generateName: report-}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: r, image: busybox}]
                """).commit("a generateName resource");

        SyncOutcome outcome = engine.sync(application("no-name", "no-name", ""), SyncRequest.manual("ada"), log);

        assertThat(outcome.phase()).isIn("Failed", "Error");
        assertThat(outcome.message()).contains("app/job.yaml").contains("only hooks may use metadata.generateName")
                .doesNotContain("cannot track");
    }

    // ---- 2. drift made by another field manager ------------------------------------------------------------------

    @Test
    void syncTakesBackFieldsKubectlScaleChangedAndNamesKubectl() throws Exception {
        namespace("drift");
        repo.write("app/web.yaml", deployment("web", 2)).commit("web");
        Application app = application("drift", "drift", "");
        assertThat(engine.sync(app, SyncRequest.manual("ada"), log).phase()).isEqualTo("Succeeded");

        kubectl("scale", "deployment/web", "--replicas=3", "-n", "drift");
        AppComparison drifted = engine.compare(app, null, null);
        assertThat(drifted.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        SyncOutcome repaired = engine.sync(app, SyncRequest.manual("ada"), log);

        assertThat(repaired.phase()).as(repaired.message()).isEqualTo("Succeeded");
        assertThat(deploymentOf("drift", "web").getSpec().getReplicas()).isEqualTo(2);
        assertThat(repaired.message()).contains("apps/Deployment drift/web: took spec.replicas from kubectl")
                .contains("(subresource scale)");
        assertThat(repaired.resources()).filteredOn(r -> r.name().equals("web")).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("took spec.replicas from kubectl"));
    }

    @Test
    void failOnConflictRefusesToTakeFieldsAndSaysWhoOwnsThemAndWhatToDo() throws Exception {
        namespace("strict");
        repo.write("app/web.yaml", deployment("web", 2)).commit("web");
        Application app = application("strict", "strict", "syncPolicy:\n  syncOptions: [FailOnConflict=true]\n");
        assertThat(engine.sync(app, SyncRequest.manual("ada"), log).phase()).isEqualTo("Succeeded");
        kubectl("scale", "deployment/web", "--replicas=3", "-n", "strict");

        SyncOutcome refused = engine.sync(app, SyncRequest.manual("ada"), log);

        assertThat(refused.phase()).isEqualTo("Failed");
        assertThat(refused.message()).contains("conflict").contains("kubectl").contains(".spec.replicas")
                .contains("FailOnConflict=true").contains("RespectIgnoreDifferences=true")
                .doesNotContain("retry later");
        assertThat(deploymentOf("strict", "web").getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void respectIgnoreDifferencesLeavesReplicasToTheirOtherOwner() throws Exception {
        namespace("hpa");
        repo.write("app/web.yaml", deployment("web", 2)).commit("web");
        Application app = application("hpa", "hpa", """
                ignoreDifferences:
                - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}
                syncPolicy:
                  syncOptions: [RespectIgnoreDifferences=true, FailOnConflict=true]
                """);
        assertThat(engine.sync(app, SyncRequest.manual("ada"), log).phase()).isEqualTo("Succeeded");
        assertThat(deploymentOf("hpa", "web").getSpec().getReplicas()).as("a new object gets Git's value")
                .isEqualTo(2);

        kubectl("scale", "deployment/web", "--replicas=5", "-n", "hpa");
        assertThat(engine.compare(app, null, null).syncStatus()).isEqualTo(SyncStatus.Synced);
        repo.write("app/web.yaml", deployment("web", 2).replace("image: nginx:1.27", "image: nginx:1.28"))
                .commit("web 1.28");
        SyncOutcome outcome = engine.sync(app, SyncRequest.manual("ada"), log);

        assertThat(outcome.phase()).as("no conflict even in strict mode: " + outcome.message())
                .isEqualTo("Succeeded");
        Deployment live = deploymentOf("hpa", "web");
        assertThat(live.getSpec().getReplicas()).isEqualTo(5);
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.28");
        assertThat(live.getMetadata().getManagedFields()).filteredOn(f -> f.getManager().equals("gitops-sync"))
                .singleElement().satisfies(f -> assertThat(f.getFieldsV1().getAdditionalProperties().toString())
                        .as("gitops-sync does not own spec.replicas").doesNotContain("f:replicas"));
    }

    // ---- 3. Validate=false ----------------------------------------------------------------------------------------

    @Test
    void validateFalseAppliesAnObjectWithAnUnknownFieldClientSide() {
        namespace("lenient");
        repo.write("app/typo.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: typo
                  annotations: {argocd.argoproj.io/sync-options: Validate=false}
                data: {color: blue}
                dataa: {color: red}
                """).commit("a typo");

        SyncOutcome outcome = engine.sync(application("lenient", "lenient", ""), SyncRequest.manual("ada"), log);

        assertThat(outcome.phase()).as(outcome.message()).isEqualTo("Succeeded");
        assertThat(outcome.resources()).singleElement().satisfies(r -> assertThat(r.message())
                .contains("applied client-side").contains("Validate=false"));
        assertThat(client.configMaps().inNamespace("lenient").withName("typo").get().getData())
                .containsEntry("color", "blue");
    }

    // ---- 5. one failing kind ---------------------------------------------------------------------------------------

    @Test
    void manyResourcesOfAnUnservedKindAreReportedInOneSentence() {
        namespace("apps");
        StringBuilder widgets = new StringBuilder();
        for (int i = 1; i <= 14; i++) {
            widgets.append("""
                    ---
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata: {name: widget-%02d}
                    spec: {size: %d}
                    """.formatted(i, i));
        }
        // (Application documents are no longer an unserved kind: an app of apps registers them as children)
        repo.write("app/widgets.yaml", widgets.toString()).write("app/config.yaml", configMap("settings", "{a: b}"))
                .commit("widgets without their CRD");

        SyncOutcome outcome = engine.sync(application("apps", "apps", ""), SyncRequest.manual("ada"), log);

        assertThat(outcome.phase()).as(outcome.message()).isEqualTo("Failed");
        assertThat(outcome.message()).contains("14 resources of kind example.com/Widget (apps/widget-01, "
                + "apps/widget-02").contains("apps/widget-14)");
        assertThat(occurrences(outcome.message(), "does not serve")).isEqualTo(1);
        String screen = log.story();
        assertThat(occurrences(screen, "does not serve")).as(screen).isEqualTo(1);
        assertThat(outcome.resources()).hasSize(14);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    Application application(String name, String namespace, String extraSpec) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                spec:
                  source:
                    repoURL: %s
                    targetRevision: HEAD
                    path: app
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: %s
                %s
                """.formatted(name, repo.url(), namespace, extraSpec.indent(2)), name + ".yaml");
    }

    static String configMap(String name, String data) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\ndata: %s\n".formatted(name, data);
    }

    static String deployment(String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                """.formatted(name, replicas, name, name);
    }

    static String hookJob(String hook, String generateName, String deletePolicy, String command) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: %s
                  annotations:
                    argocd.argoproj.io/hook: %s
                    argocd.argoproj.io/hook-delete-policy: %s
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: run, image: busybox, command: ['%s']}]
                """.formatted(generateName, hook, deletePolicy, command);
    }

    static ResourceResult hookResult(SyncOutcome outcome, String hookType) {
        return outcome.resources().stream().filter(r -> r.hookType().equals(hookType)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + hookType + " hook in " + outcome.resources()));
    }

    static void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .serverSideApply();
    }

    /**
     * The Job, or null when it is gone or being deleted: without a garbage collector a foreground deletion (the
     * default propagation) leaves the object with a deletionTimestamp for good.
     */
    static Job job(String namespace, String name) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        return job == null || job.getMetadata().getDeletionTimestamp() != null ? null : job;
    }

    static List<String> jobNames(String namespace) {
        return client.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                .filter(j -> j.getMetadata().getDeletionTimestamp() == null)
                .map(j -> j.getMetadata().getName()).toList();
    }

    static Deployment deploymentOf(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static boolean eventually(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** Runs the real kubectl against the test server, as a person would. */
    void kubectl(String... args) throws IOException, InterruptedException {
        Path config = dir.resolve("kubeconfig");
        Files.writeString(config, apiServer.getKubeConfigYaml(), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", config.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    static KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml())).build();
    }

    /**
     * Stands in for the job controller, which kube-api-test does not run: a started Job gets the status the real
     * controller would write when its pod ends (Failed when its command says {@code fail}).
     */
    static void completeJobs() {
        try {
            for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
                if (job.getStatus() != null && job.getStatus().getConditions() != null
                        && !job.getStatus().getConditions().isEmpty()) {
                    continue;
                }
                boolean fail = job.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> c.getCommand() != null && c.getCommand().contains("fail"));
                String now = Instant.now().toString();
                JobStatus status = new JobStatus();
                status.setStartTime(now);
                if (fail) {
                    status.setFailed(1);
                    status.setConditions(List.of(
                            new JobConditionBuilder().withType("FailureTarget").withStatus("True")
                                    .withReason("BackoffLimitExceeded").withLastTransitionTime(now).build(),
                            new JobConditionBuilder().withType("Failed").withStatus("True")
                                    .withReason("BackoffLimitExceeded").withLastTransitionTime(now)
                                    .withMessage("Job has reached the specified backoff limit").build()));
                } else {
                    status.setSucceeded(1);
                    status.setCompletionTime(now);
                    status.setConditions(List.of(
                            new JobConditionBuilder().withType("SuccessCriteriaMet").withStatus("True")
                                    .withReason("CompletionsReached").withLastTransitionTime(now).build(),
                            new JobConditionBuilder().withType("Complete").withStatus("True")
                                    .withReason("CompletionsReached").withLastTransitionTime(now).build()));
                }
                job.setStatus(status);
                client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).updateStatus();
            }
        } catch (RuntimeException e) {
            System.err.println("job controller stand-in: " + e.getMessage());
        }
    }

    static List<Path> candidateDirs() {
        List<Path> out = new ArrayList<>();
        String env = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
        }
        String home = System.getProperty("user.home");
        out.add(Path.of(home, KubeAPIServerConfigBuilder.DIRECTORY_NAME));
        out.add(Path.of(home, ".kube_api_test"));
        return out;
    }

    /** The {@code k8s/<version>} folder holding all three binaries, if {@code dir} has one. */
    static Optional<Path> versionDir(Path dir) {
        Path k8s = dir.resolve("k8s");
        if (!Files.isDirectory(k8s)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(k8s)) {
            return versions.filter(v -> Stream.of("kube-apiserver", "etcd", "kubectl")
                    .allMatch(b -> new File(v.toFile(), b).canExecute())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
