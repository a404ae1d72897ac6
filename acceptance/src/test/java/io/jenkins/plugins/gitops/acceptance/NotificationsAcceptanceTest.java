package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Acceptance.BUILD_TIMEOUT;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.assertSucceeded;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.awaitTrue;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.configMap;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 in the real Jenkins: notifications configured at runtime in the global GitOps configuration (a webhook
 * service with a bearer token from a Jenkins credential, pointing at an HTTP receiver on loopback in this JVM, a
 * second webhook whose receiver refuses, and the Jenkins-native service that starts a job), subscribed by
 * Application annotations. A sync delivers on-sync-succeeded with the exact body; on-deployed starts the smoke job
 * with the event as parameters; a failing hook gives on-sync-failed; the application page lists deliveries and the
 * failure, and the token appears neither there nor in the Jenkins log.
 */
class NotificationsAcceptanceTest {

    private static final String TOKEN = "issue13-bearer-t0ken-d2f1";

    private static RealJenkins jenkins;
    private static HttpServer receiver;
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        jenkins = RealJenkins.get();
        Acceptance.ensureUsers(jenkins);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            received.add(ex.getRequestMethod() + " " + path + " " + ex.getRequestHeaders().getFirst("Authorization")
                    + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(path.startsWith("/refuse") ? 403 : 204, -1);
            ex.close();
        });
        receiver.start();
        jenkins.repo
                .write("notify-ok/configmap.yaml", configMap("notify-config", "k", "v"))
                .write("notify-fail/configmap.yaml", configMap("notify-config", "k", "v"))
                .write("notify-fail/sync-hook.yaml", DeletionAndWebhookAcceptanceTest.hookJob("smoke-fail", "Sync",
                        "exit 1 # fail"))
                .commit("issue 13: applications that notify");
        createSmokeJob();
        configureNotifications("http://127.0.0.1:" + receiver.getAddress().getPort());
    }

    @AfterAll
    static void tearDown() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (jenkins != null) {
            jenkins.admin().groovy("""
                    def cfg = io.jenkins.plugins.gitops.config.GitOpsConfiguration.get()
                    cfg.notifications = null
                    cfg.save()
                    println 'notifications off'
                    """);
        }
    }

    @Test
    void syncSucceeded_deployed_syncFailed_areDelivered_andListedWithoutSecrets() {
        String repo = jenkins.repo.url();
        String head = jenkins.repo.head();
        JenkinsClient.Build b = jenkins.admin().runPipeline("issue13-notify", """
                node {
                  writeFile file: 'ok.yaml', text: @@OK@@
                  writeFile file: 'fail.yaml', text: @@FAIL@@
                  gitopsSync file: 'ok.yaml', waitHealthy: true, waitTimeoutSeconds: 240
                  try {
                    gitopsSync file: 'fail.yaml'
                    echo 'HOOK=passed'
                  } catch (err) {
                    echo "HOOK=failed: ${err.message}"
                  }
                }
                """.replace("@@OK@@", groovy(app("notify-ok", repo, Map.of(
                        "on-sync-succeeded.receiver", "", "on-sync-succeeded.refuser", "",
                        "on-deployed.smoke", "issue13-smoke"))))
                .replace("@@FAIL@@", groovy(app("notify-fail", repo, Map.of("on-sync-failed.receiver", "")))),
                BUILD_TIMEOUT);
        assertSucceeded(b);
        assertThat(b.console()).contains("HOOK=failed: gitopsSync of notify-fail ended Failed");
        // the failure is said once: by the step's error, not again by a progress line above it
        assertThat(b.console().split("notify-fail: Failed:", -1)).as(b.console()).hasSize(1);

        String bearer = "Bearer " + TOKEN;
        awaitTrue(Duration.ofSeconds(90), () -> received.stream().anyMatch(r -> r.startsWith("POST /succeeded "))
                && received.stream().anyMatch(r -> r.startsWith("POST /failed ")), "on-sync-succeeded and "
                + "on-sync-failed at the receiver; so far: " + received);
        assertThat(received).contains("POST /succeeded " + bearer + " {\"app\":\"notify-ok\",\"phase\":\"Succeeded\","
                + "\"revision\":\"" + head + "\"}");
        assertThat(received).contains("POST /failed " + bearer + " {\"app\":\"notify-fail\",\"phase\":\"Failed\","
                + "\"revision\":\"" + head + "\"}");
        assertThat(received.stream().filter(r -> r.startsWith("POST /succeeded ")).count()).as("once per revision")
                .isEqualTo(1);

        // on-deployed started the smoke job with the event as parameters
        JenkinsClient admin = jenkins.admin();
        awaitTrue(Duration.ofSeconds(90), () -> admin.get("/job/issue13-smoke/1/api/json").status() == 200,
                "the smoke job started by on-deployed");
        JenkinsClient.Build smoke = admin.awaitBuild("issue13-smoke", 1, BUILD_TIMEOUT);
        assertSucceeded(smoke);
        Map<String, String> parameters = new TreeMap<>();
        for (JsonNode action : JenkinsClient.json(admin.get("/job/issue13-smoke/1/api/json?tree=actions[parameters"
                + "[name,value]]")).path("actions")) {
            for (JsonNode p : action.path("parameters")) {
                parameters.put(p.path("name").asText(), p.path("value").asText());
            }
        }
        assertThat(parameters).containsEntry("GITOPS_APP", "notify-ok").containsEntry("GITOPS_TRIGGER", "on-deployed")
                .containsEntry("GITOPS_REVISION", head).containsEntry("GITOPS_HEALTH", "Healthy")
                .containsEntry("GITOPS_SYNC_STATUS", "Synced").containsEntry("GITOPS_OPERATION_PHASE", "Succeeded");
        assertThat(smoke.console()).contains("SMOKE notify-ok on-deployed " + head);

        // the application pages list deliveries and the refused one; the token is nowhere
        awaitTrue(Duration.ofSeconds(60), () -> admin.get("/gitops/app/notify-ok/").body().contains("refuser"),
                "the refused delivery on notify-ok's page");
        String okPage = admin.get("/gitops/app/notify-ok/").body();
        assertThat(okPage).contains("id=\"gitops-notifications\"", "on-sync-succeeded", "receiver", "refuser",
                "on-deployed", "smoke:issue13-smoke", "answered 403");
        String failPage = admin.get("/gitops/app/notify-fail/").body();
        assertThat(failPage).contains("on-sync-failed", "receiver");
        for (String text : List.of(okPage, failPage, admin.get("/manage/configure").body(), jenkins.jenkinsLog(),
                b.console(), smoke.console())) {
            assertThat(text).doesNotContain(TOKEN);
        }
    }

    /** An Application subscribed to {@code trigger.service: recipients} by annotations. */
    private static String app(String name, String repo, Map<String, String> subscriptions) {
        StringBuilder annotations = new StringBuilder();
        new TreeMap<>(subscriptions).forEach((k, v) -> annotations.append("    notifications.argoproj.io/subscribe.")
                .append(k).append(": \"").append(v).append("\"\n"));
        return Fixtures.application(name, repo, name, name, false)
                .replace("  name: " + name + "\n", "  name: " + name + "\n  annotations:\n" + annotations);
    }

    /** A Pipeline job declaring the GITOPS_* parameters it reads (Jenkins passes only declared ones). */
    private static void createSmokeJob() {
        StringBuilder params = new StringBuilder();
        for (String p : List.of("GITOPS_APP", "GITOPS_TRIGGER", "GITOPS_REVISION", "GITOPS_SYNC_STATUS",
                "GITOPS_HEALTH", "GITOPS_OPERATION_PHASE", "GITOPS_MESSAGE", "GITOPS_APP_URL")) {
            params.append("<hudson.model.StringParameterDefinition><name>").append(p)
                    .append("</name><defaultValue></defaultValue></hudson.model.StringParameterDefinition>");
        }
        String xml = "<?xml version='1.1' encoding='UTF-8'?><flow-definition plugin=\"workflow-job\"><properties>"
                + "<hudson.model.ParametersDefinitionProperty><parameterDefinitions>" + params
                + "</parameterDefinitions></hudson.model.ParametersDefinitionProperty></properties>"
                + "<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps\">"
                + "<script>" + JenkinsClient.escapeXml("echo \"SMOKE ${params.GITOPS_APP} ${params.GITOPS_TRIGGER} "
                + "${params.GITOPS_REVISION}\"") + "</script><sandbox>true</sandbox></definition></flow-definition>";
        JenkinsClient admin = jenkins.admin();
        JenkinsClient.Response r = admin.get("/job/issue13-smoke/api/json").status() == 200
                ? admin.post("/job/issue13-smoke/config.xml", "application/xml", xml)
                : admin.post("/createItem?name=issue13-smoke", "application/xml", xml);
        assertThat(r.status()).as(r.body()).isLessThan(400);
    }

    /**
     * The global GitOps configuration's notifications, as an administrator saves them: two webhook services (the
     * receiver with a bearer token from a Secret text credential, and one whose receiver refuses), the Jenkins job
     * service, and templates with exact bodies for the catalog triggers.
     */
    private static void configureNotifications(String url) {
        String config = """
                service.webhook.receiver: |
                  url: URL
                  bearerToken: $receiver-token
                service.webhook.refuser: |
                  url: URL/refuse
                service.jenkins.smoke: |
                  {}
                template.app-sync-succeeded: |
                  message: synced
                  webhook:
                    receiver:
                      method: POST
                      path: /succeeded
                      body: '{"app":"{{.app.metadata.name}}","phase":"{{.app.status.operationState.phase}}","revision":"{{.app.status.operationState.syncResult.revision}}"}'
                    refuser:
                      method: POST
                      body: '{"app":"{{.app.metadata.name}}"}'
                template.app-sync-failed: |
                  message: failed
                  webhook:
                    receiver:
                      method: POST
                      path: /failed
                      body: '{"app":"{{.app.metadata.name}}","phase":"{{.app.status.operationState.phase}}","revision":"{{.app.status.operationState.syncResult.revision}}"}'
                """.replace("URL", url);
        String out = jenkins.admin().groovy("""
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import hudson.util.Secret
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                import io.jenkins.plugins.gitops.notify.NotificationSecret
                import io.jenkins.plugins.gitops.notify.NotificationsConfig
                import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl

                def store = SystemCredentialsProvider.getInstance().getStore()
                if (store.getCredentials(Domain.global()).find { it.id == 'issue13-receiver-token' } == null) {
                  store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                      'issue13-receiver-token', 'receiver bearer token', Secret.fromString('TOKEN')))
                }
                def n = new NotificationsConfig()
                n.config = CONFIG
                n.secrets = [new NotificationSecret('receiver-token', 'issue13-receiver-token')]
                n.toEngine() // what saving the form checks
                def cfg = GitOpsConfiguration.get()
                cfg.notifications = n
                cfg.save()
                println 'notifications configured'
                """.replace("TOKEN", TOKEN).replace("CONFIG", groovy(config)));
        assertThat(out).contains("notifications configured");
    }
}
