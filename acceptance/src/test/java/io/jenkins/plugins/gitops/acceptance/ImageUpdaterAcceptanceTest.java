package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image updater in the real Jenkins (the shared {@link RealJenkins}): a registry behind htpasswd basic auth whose
 * credentials an administrator configures as a Jenkins credential plus an image-registry entry (set at runtime through
 * the script console, as JCasC would); a Pipeline registers an Application with Image Updater annotations; a new tag
 * is pushed; {@code gitopsImageUpdate} writes the commit (the commented kustomization changes only where it must),
 * the controller auto-syncs, the Deployment runs the new image, and the application page shows the update. Then the
 * periodic work (interval set at runtime) picks up the next pushed tag by itself.
 */
class ImageUpdaterAcceptanceTest {

    private static final String REGISTRY_USER = "robot";
    private static final String REGISTRY_PASSWORD = "acc-registry-Pa55-71";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);

    private static RealJenkins jenkins;
    private static TestRegistry registry;

    @BeforeAll
    static void start() {
        jenkins = RealJenkins.get();
        registry = TestRegistry.start(jenkins.target.resolve("image-registry-" + System.nanoTime()), REGISTRY_USER,
                REGISTRY_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aPushedTagIsWrittenToGitSyncedAndShownOnThePage() throws Exception {
        KubernetesClient kube = jenkins.cluster.client();
        String host = registry.host();
        registry.push("team/web", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        registry.push("team/web", "2.0.0", Instant.parse("2026-01-03T00:00:00Z")); // outside the constraint
        String kustomization = """
                # image updater acceptance: this comment and the layout below must survive the write-back
                resources:
                  - deployment.yaml   # the web app
                """;
        jenkins.repo.write("imgupd/kustomization.yaml", kustomization)
                .write("imgupd/deployment.yaml", deployment(host + "/team/web:1.0.0"))
                .commit("image updater app at 1.0.0");

        String configured = jenkins.admin().groovy("""
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                import io.jenkins.plugins.gitops.config.ImageRegistryConfig
                def store = SystemCredentialsProvider.getInstance().getStore()
                store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL,
                    'acc-registry', 'acceptance registry robot', '%s', '%s'))
                def r = new ImageRegistryConfig('%s')
                r.credentialsId = 'acc-registry'
                GitOpsConfiguration.get().imageRegistries = [r]
                println 'registries=' + GitOpsConfiguration.get().imageRegistries.collect { it.prefix }
                """.formatted(REGISTRY_USER, REGISTRY_PASSWORD, host));
        assertThat(configured).contains("registries=[" + host + "]");

        String app = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: acc-img
                  annotations:
                    argocd-image-updater.argoproj.io/image-list: web=%s/team/web:~1.0
                    argocd-image-updater.argoproj.io/write-back-method: git
                    argocd-image-updater.argoproj.io/write-back-target: kustomization
                spec:
                  project: default
                  source: {repoURL: '%s', targetRevision: main, path: imgupd}
                  destination: {name: %s, namespace: acc-img}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                    syncOptions: [CreateNamespace=true]
                """.formatted(host, jenkins.repo.url(), RealJenkins.CLUSTER);
        JenkinsClient.Build first = jenkins.admin().runPipeline("image-updater", """
                node {
                  writeFile file: 'img.yaml', text: @@APP@@
                  gitopsSync file: 'img.yaml', waitHealthy: true, waitTimeoutSeconds: 180
                  def r = gitopsImageUpdate application: 'acc-img'
                  echo "FIRST=${r[0].changes}|${r[0].images[0].current}|${r[0].images[0].newest}"
                }
                """.replace("@@APP@@", groovy(app)), BUILD_TIMEOUT);
        assertSucceeded(first);
        assertThat(first.console()).contains("FIRST=[]|1.0.0|1.0.0");
        awaitImage(kube, host + "/team/web:1.0.0");

        registry.push("team/web", "1.0.1", Instant.parse("2026-01-02T00:00:00Z"));
        JenkinsClient.Build second = jenkins.admin().runPipeline("image-updater", """
                node {
                  def r = gitopsImageUpdate application: 'acc-img'
                  echo "SECOND=${r[0].changes}|${r[0].commit}"
                  gitopsWaitHealthy application: 'acc-img', timeoutSeconds: 180
                }
                """, BUILD_TIMEOUT);
        assertSucceeded(second);
        assertThat(second.console()).contains("SECOND=[" + host + "/team/web 1.0.0 -> 1.0.1]|")
                .doesNotContain(REGISTRY_PASSWORD);
        String commit = second.console().replaceAll("(?s).*SECOND=\\[[^]]*\\]\\|([0-9a-f]{40}).*", "$1");
        assertThat(commit).matches("[0-9a-f]{40}");

        try (Git bare = Git.open(jenkins.git.repositoryDir("deploy").toFile())) {
            var repo = bare.getRepository();
            assertThat(repo.resolve("refs/heads/main").getName()).isEqualTo(commit);
            var c = repo.parseCommit(repo.resolve(commit));
            assertThat(c.getShortMessage()).isEqualTo("Image update of acc-img: " + host + "/team/web 1.0.0 -> 1.0.1");
            try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "imgupd/kustomization.yaml", c.getTree())) {
                assertThat(new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(kustomization + "images:\n- name: " + host + "/team/web\n  newTag: 1.0.1\n");
            }
        }
        Deployment d = awaitImage(kube, host + "/team/web:1.0.1");
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(1);

        String page = jenkins.admin().get("/gitops/app/acc-img/").body();
        assertThat(page).contains("Images", host + "/team/web", "update to 1.0.1", commit)
                .doesNotContain(REGISTRY_PASSWORD);

        // the periodic work, on an interval an administrator set at runtime, picks up the next tag by itself
        registry.push("team/web", "1.0.2", Instant.parse("2026-01-02T12:00:00Z"));
        try {
            assertThat(jenkins.admin().groovy("""
                    import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                    import io.jenkins.plugins.gitops.imageupdate.ImageUpdateWork
                    GitOpsConfiguration.get().imageUpdateIntervalSeconds = 1
                    jenkins.model.Jenkins.get().getExtensionList(ImageUpdateWork).get(0).doRun()
                    println 'periodic work triggered'
                    """)).contains("periodic work triggered");
            awaitImage(kube, host + "/team/web:1.0.2");
        } finally {
            jenkins.admin().groovy("io.jenkins.plugins.gitops.config.GitOpsConfiguration.get()"
                    + ".imageUpdateIntervalSeconds = 0");
        }
        try (Git bare = Git.open(jenkins.git.repositoryDir("deploy").toFile())) {
            var repo = bare.getRepository();
            var c = repo.parseCommit(repo.resolve("refs/heads/main"));
            assertThat(c.getShortMessage()).isEqualTo("Image update of acc-img: " + host + "/team/web 1.0.1 -> 1.0.2");
        }
        assertThat(jenkins.admin().get("/gitops/app/acc-img/").body()).contains("update to 1.0.2");
    }

    private static String deployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: IMAGE
                """.replace("IMAGE", image);
    }

    private static Deployment awaitImage(KubernetesClient kube, String image) {
        return kube.apps().deployments().inNamespace("acc-img").withName("web").waitUntilCondition(d -> d != null
                && image.equals(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas())
                && Integer.valueOf(1).equals(d.getStatus().getUpdatedReplicas())
                && d.getStatus().getObservedGeneration() != null
                && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration(), 150, TimeUnit.SECONDS);
    }

    private static void assertSucceeded(JenkinsClient.Build b) {
        assertThat(b.result()).as(b.job() + " #" + b.number() + " console:\n" + b.console()).isEqualTo("SUCCESS");
    }
}
