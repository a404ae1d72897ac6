package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Acceptance.BUILD_TIMEOUT;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.assertSucceeded;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.awaitTrue;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.application;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.configMap;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 20 in the real Jenkins (see {@link RealJenkins}): application deletion by the {@code gitopsDelete} step and
 * by the application page's delete action, and the webhook endpoint's answers (unsigned deliveries of a provider
 * without a secret, answers that name no application, size limits before and while reading). Runs on the shared
 * Jenkins in order; configures what it needs at runtime.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeletionAndWebhookAcceptanceTest {

    private static final String GITHUB_SECRET = "issue20-github-secret";

    private static RealJenkins jenkins;
    private static KubernetesClient kube;

    @BeforeAll
    static void setUp() {
        jenkins = RealJenkins.get();
        kube = jenkins.cluster.client();
        Acceptance.ensureUsers(jenkins);
        jenkins.repo
                .write("del-fg/configmap.yaml", configMap("fg-config", "k", "v"))
                .write("del-fg/pre-delete.yaml", hookJob("fg-backup", "PreDelete", "echo backup"))
                .write("del-fg/post-delete.yaml", hookJob("fg-notify", "PostDelete", "echo done"))
                .write("del-orphan/configmap.yaml", configMap("orphan-config", "k", "v"))
                .write("del-fail/configmap.yaml", configMap("fail-config", "k", "v"))
                .write("del-fail/pre-delete.yaml", hookJob("fail-backup", "PreDelete", "exit 1 # fail"))
                .write("del-page/configmap.yaml", configMap("page-config", "k", "v"))
                .commit("issue 20: applications to delete");
    }

    /** A Job hook; the harness's fake kubelet fails pods whose command mentions "fail". */
    static String hookJob(String name, String hook, String command) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: NAME
                  annotations: {argocd.argoproj.io/hook: HOOK}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: j, image: busybox, command: [sh, -c, "COMMAND"]}]
                """.replace("NAME", name).replace("HOOK", hook).replace("COMMAND", command);
    }

    @Test
    @Order(1)
    void gitopsDelete_foregroundRunsHooks_orphanKeepsResources_failingPreDeleteStops() {
        String repo = jenkins.repo.url();
        // a ConfigMap in the application's namespace that the application does not track: never touched
        kube.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("del-fg").endMetadata().build()).serverSideApply();
        kube.configMaps().inNamespace("del-fg").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("not-ours").endMetadata().addToData("k", "v").build()).serverSideApply();
        String script = """
                node {
                  writeFile file: 'fg.yaml', text: @@FG@@
                  writeFile file: 'orphan.yaml', text: @@ORPHAN@@
                  writeFile file: 'fail.yaml', text: @@FAIL@@
                  gitopsSync file: 'fg.yaml'
                  gitopsSync file: 'orphan.yaml'
                  gitopsSync file: 'fail.yaml'
                }
                def fg = gitopsDelete application: 'del-fg'
                echo "FG=${fg.phase}/${fg.cascade}"
                def orphan = gitopsDelete application: 'del-orphan', cascade: 'orphan'
                echo "ORPHAN=${orphan.phase}/${orphan.cascade}"
                try {
                  gitopsDelete application: 'del-fail'
                  echo 'FAIL=deleted'
                } catch (err) {
                  echo "FAIL=refused: ${err.message}"
                }
                """.replace("@@FG@@", groovy(application("del-fg", repo, "del-fg", "del-fg", false)))
                .replace("@@ORPHAN@@", groovy(application("del-orphan", repo, "del-orphan", "del-orphan", false)))
                .replace("@@FAIL@@", groovy(application("del-fail", repo, "del-fail", "del-fail", false)));
        JenkinsClient.Build b = jenkins.admin().runPipeline("issue20-delete", script, BUILD_TIMEOUT);
        assertSucceeded(b);
        String console = b.console();
        assertThat(console).contains("FG=Succeeded/foreground", "ORPHAN=Succeeded/orphan",
                "FAIL=refused: gitopsDelete of del-fail ended Failed: deletion of del-fail stopped: PreDelete hook(s)",
                "del-fg: PreDelete hook batch/Job del-fg/fg-backup created",
                "del-fg: PostDelete hook batch/Job del-fg/fg-notify created");
        assertThat(console.indexOf("PreDelete hook batch/Job del-fg/fg-backup Succeeded"))
                .isLessThan(console.indexOf("ConfigMap del-fg/fg-config pruned"));
        // each outcome said once: by the engine's line on success, by the step's failure otherwise
        assertThat(console.split("deletion of del-fail stopped", -1)).as(console).hasSize(2);

        // foreground: the tracked ConfigMap is gone, the untracked one and the namespace stay
        assertThat(kube.configMaps().inNamespace("del-fg").withName("fg-config").get()).isNull();
        assertThat(kube.configMaps().inNamespace("del-fg").withName("not-ours").get()).as("untracked").isNotNull();
        assertThat(kube.namespaces().withName("del-fg").get()).isNotNull();
        // orphan: everything stays, the application is gone from Jenkins
        assertThat(kube.configMaps().inNamespace("del-orphan").withName("orphan-config").get()).isNotNull();
        // a failing PreDelete hook: nothing deleted, the application stays, its page tells why
        assertThat(kube.configMaps().inNamespace("del-fail").withName("fail-config").get()).isNotNull();
        JenkinsClient admin = jenkins.admin();
        assertThat(admin.get("/gitops/app/del-fg/").status()).isEqualTo(404);
        assertThat(admin.get("/gitops/app/del-orphan/").status()).isEqualTo(404);
        String failPage = admin.get("/gitops/app/del-fail/").body();
        assertThat(failPage).contains("deletion of del-fail stopped").contains("fail-backup");
    }

    @Test
    @Order(2)
    void applicationPage_deleteIsPostWithCrumbConfirmationAndPermission() {
        JenkinsClient.Build b = jenkins.admin().runPipeline("issue20-page", """
                node {
                  writeFile file: 'page.yaml', text: @@PAGE@@
                  gitopsSync file: 'page.yaml'
                }
                """.replace("@@PAGE@@", groovy(application("del-page", jenkins.repo.url(), "del-page", "del-page",
                false))), BUILD_TIMEOUT);
        assertSucceeded(b);
        JenkinsClient admin = jenkins.admin();
        JenkinsClient reader = jenkins.as(Acceptance.READER, Acceptance.READER_PASSWORD);
        String form = "application/x-www-form-urlencoded";
        String page = admin.get("/gitops/app/del-page/").body();
        assertThat(page).contains("action=\"delete\"", "name=\"confirmName\"", "name=\"cascade\"");
        assertThat(reader.get("/gitops/app/del-page/").body()).as("no delete form for a reader")
                .doesNotContain("name=\"confirmName\"");

        assertThat(reader.post("/gitops/app/del-page/delete", form, "cascade=foreground&confirmName=del-page")
                .status()).as("reader (no Item/Configure)").isEqualTo(403);
        assertThat(admin.post("/gitops/app/del-page/delete", form, "cascade=foreground&confirmName=del-page", false,
                Map.of()).status()).as("admin without crumb").isEqualTo(403);
        assertThat(admin.get("/gitops/app/del-page/delete?cascade=foreground&confirmName=del-page").status())
                .as("GET").isIn(403, 404, 405);
        JenkinsClient.Response unconfirmed = admin.post("/gitops/app/del-page/delete", form,
                "cascade=foreground&confirmName=del-pag");
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Type the application name (del-page) to confirm");
        assertThat(kube.configMaps().inNamespace("del-page").withName("page-config").get()).as("still there")
                .isNotNull();

        JenkinsClient.Response confirmed = admin.post("/gitops/app/del-page/delete", form,
                "cascade=foreground&confirmName=del-page");
        assertThat(confirmed.status()).as(confirmed.body()).isIn(302, 303);
        awaitTrue(Duration.ofMinutes(2), () -> kube.configMaps().inNamespace("del-page").withName("page-config")
                .get() == null, "the page's deletion to delete del-page/page-config");
        awaitTrue(Duration.ofMinutes(1), () -> admin.get("/gitops/app/del-page/").status() == 404,
                "del-page to be unregistered after its deletion");
    }

    @Test
    @Order(3)
    void webhook_unsignedGitLabRefusedUnlessAllowed_answersNameNoApplication() throws Exception {
        configureWebhooks(false);
        JenkinsClient anonymous = jenkins.anonymous();
        String repo = jenkins.repo.url();
        String gitlab = "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"after\":\"0000000000000000000000000000"
                + "000000000000\",\"project\":{\"web_url\":\"" + repo + "\",\"git_http_url\":\"" + repo + "\"},"
                + "\"commits\":[]}";
        Map<String, String> gitlabHeaders = Map.of("X-Gitlab-Event", "Push Hook");
        JenkinsClient.Response refused = anonymous.post("/gitops-webhook/", "application/json", gitlab, false,
                gitlabHeaders);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        // the answer says what kind of refusal it was and nothing about our configuration (the log has the detail)
        assertThat(refused.body()).contains("delivery rejected: signature missing or invalid")
                .doesNotContain("GitLab secret").doesNotContain("del-fail");

        String github = "{\"ref\":\"refs/heads/main\",\"after\":\"0000000000000000000000000000000000000000\","
                + "\"repository\":{\"clone_url\":\"" + repo + "\",\"html_url\":\"" + repo + "\"},\"commits\":[]}";
        JenkinsClient.Response signed = anonymous.post("/gitops-webhook/", "application/json", github, false,
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", Acceptance.githubSignature(GITHUB_SECRET, github)));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.body()).doesNotContain("del-fail").doesNotContain("acc-");
        awaitTrue(Duration.ofSeconds(30), () -> jenkins.jenkinsLog().contains("GitOps webhook: GitHub push received")
                && jenkins.jenkinsLog().contains("del-fail"), "the refreshed applications named in the Jenkins log");

        configureWebhooks(true);
        JenkinsClient.Response allowed = anonymous.post("/gitops-webhook/", "application/json", gitlab, false,
                gitlabHeaders);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).startsWith("GitLab push received").doesNotContain("del-fail");
        configureWebhooks(false);
    }

    @Test
    @Order(4)
    void webhook_refusesA20MegabyteBodyBeforeReadingIt_andStopsReadingAChunkedOneAtTheLimit() throws Exception {
        String declared = "POST /gitops-webhook/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-GitHub-Event: push\r\nContent-Length: " + (20 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), jenkins.port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(declared.getBytes(StandardCharsets.US_ASCII));
            out.write("{\"ref\":".getBytes(StandardCharsets.US_ASCII)); // 7 of the 20 MB declared, then nothing
            out.flush();
            long t0 = System.nanoTime();
            String status = statusLine(s.getInputStream());
            RealJenkins.log("20 MB declared: answered '" + status + "' after " + (System.nanoTime() - t0) / 1_000_000
                    + " ms with 7 bytes of the body sent");
            assertThat(status).startsWith("HTTP/1.1 413");
        }

        String chunked = "POST /gitops-webhook/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-GitHub-Event: push\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), jenkins.port)) {
            s.setSoTimeout(60_000);
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return statusLine(s.getInputStream());
                } catch (IOException e) {
                    return "no answer: " + e;
                }
            });
            OutputStream out = s.getOutputStream();
            out.write(chunked.getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            long sent = 0;
            // 1.5 MiB in chunks, then the stream stays open: only a reader that stops at the limit can answer now
            try {
                while (sent < 3 * 512 * 1024) {
                    out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(block);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += block.length;
                }
                out.flush();
            } catch (IOException closedByServer) {
                RealJenkins.log("chunked: the server closed the stream after " + sent + " bytes: " + closedByServer);
            }
            String status = answer.get(60, TimeUnit.SECONDS);
            RealJenkins.log("chunked, no Content-Length, " + sent + " bytes sent and the stream left open: " + status);
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.write(c);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    /** A GitHub webhook secret, no GitLab secret, and the administrator's choice about unsigned deliveries. */
    private static void configureWebhooks(boolean allowUnsigned) {
        String out = jenkins.admin().groovy("""
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import hudson.util.Secret
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl

                def store = SystemCredentialsProvider.getInstance().getStore()
                def existing = store.getCredentials(Domain.global()).find { it.id == 'issue20-github' }
                if (existing == null) {
                  store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                      'issue20-github', 'GitHub webhook secret', Secret.fromString('SECRET')))
                }
                def cfg = GitOpsConfiguration.get()
                cfg.githubWebhookSecretId = 'issue20-github'
                cfg.gitlabWebhookSecretId = null
                cfg.allowUnsignedWebhooks = ALLOW
                cfg.save()
                println "webhooks configured: allowUnsigned=${cfg.allowUnsignedWebhooks}"
                """.replace("SECRET", GITHUB_SECRET).replace("ALLOW", Boolean.toString(allowUnsigned)));
        assertThat(out).contains("webhooks configured: allowUnsigned=" + allowUnsigned);
        // saving restarts the controller; the webhook answers 503 until it runs again
        awaitTrue(Duration.ofSeconds(60), () -> jenkins.anonymous().post("/gitops-webhook/", "application/json", "{}",
                false, Map.of("X-Nothing", "1")).status() != 503, "the GitOps controller after the save");
    }

}
