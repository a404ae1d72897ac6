package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.application;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.configMap;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.deployment;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.service;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.assertSucceeded;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * GitOps Sync in a real Jenkins 2.516.2 against a real Kubernetes control plane (see {@link RealJenkins}). The tests
 * run in order on one Jenkins: Pipelines first (Declarative and Scripted, every step), then the state they leave is
 * checked on pages (in headless Chromium), under security, and across a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealJenkinsAcceptanceTest {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final String WEBHOOK_SECRET = "acceptance-webhook-secret";
    /** Self-heal must revert a kubectl edit within this time (-Dgitops.acceptance.healMillis to adjust). */
    private static final long HEAL_BUDGET_MS = Long.getLong("gitops.acceptance.healMillis", 5000);

    private static final java.util.regex.Pattern STACK_TRACE =
            java.util.regex.Pattern.compile("[\\w.$]+(Exception|Error)\\b.*\\R\\s+at [\\w.$<>]+\\(");

    private static RealJenkins jenkins;
    private static KubernetesClient kube;
    private static String firstCommit;

    @BeforeAll
    static void startHarness() {
        jenkins = RealJenkins.get();
        kube = jenkins.cluster.client();
        if (firstCommit == null) {
            firstCommit = jenkins.repo
                    .write("guestbook/deployment.yaml", deployment("web", 2, false))
                    .write("guestbook/service.yaml", service("web"))
                    .write("guestbook/configmap.yaml", configMap("web-config", "greeting", "hello-from-git"))
                    .write("local-app/configmap.yaml", configMap("settings", "mode", "git"))
                    .write("heal/deployment.yaml", deployment("heal", 1, false))
                    .write("wait/deployment.yaml", deployment("wait", 1, true))
                    .commit("first deployment");
        }
    }

    @Test
    @Order(1)
    void declarativePipeline_syncWithPruneAndWaitHealthy_applicationSet_waitHealthy_status() {
        String repo = jenkins.repo.url();
        String script = """
                pipeline {
                  agent any
                  stages {
                    stage('Register and sync') {
                      steps {
                        writeFile file: 'decl.yaml', text: @@DECL@@
                        writeFile file: 'heal.yaml', text: @@HEAL@@
                        gitopsSync file: 'decl.yaml', prune: true, waitHealthy: true, waitTimeoutSeconds: 240
                        gitopsSync file: 'heal.yaml', waitHealthy: true, waitTimeoutSeconds: 240
                      }
                    }
                    stage('ApplicationSet') {
                      steps {
                        writeFile file: 'appset.yaml', text: @@APPSET@@
                        script {
                          def before = gitopsDiff file: 'appset.yaml'
                          echo "APPSET_DIFF_BEFORE=${before.get('acc-set-a')},${before.get('acc-set-b')}"
                          def set = gitopsSync file: 'appset.yaml'
                          echo "APPSET_SYNC=${set.get('acc-set-a').phase},${set.get('acc-set-b').phase}"
                          def st = gitopsStatus file: 'appset.yaml', refresh: true
                          echo "APPSET_STATUS=${st.get('acc-set-a').sync},${st.get('acc-set-b').sync}"
                        }
                      }
                    }
                    stage('Verify') {
                      steps {
                        gitopsWaitHealthy application: 'acc-decl', timeoutSeconds: 240
                        script {
                          def s = gitopsStatus application: 'acc-decl', refresh: true
                          echo "DECL_STATUS=${s.sync}/${s.health}/${s.resources}"
                        }
                      }
                    }
                  }
                }
                """.replace("@@DECL@@", groovy(application("acc-decl", repo, "guestbook", "acc-decl", false)))
                .replace("@@HEAL@@", groovy(application("acc-heal", repo, "heal", "acc-heal", true)))
                .replace("@@APPSET@@", groovy(Fixtures.applicationSet(repo)));
        JenkinsClient.Build b = jenkins.admin().runPipeline("declarative-steps", script, BUILD_TIMEOUT);
        assertSucceeded(b);
        assertThat(b.console()).contains("APPSET_DIFF_BEFORE=false,false", "APPSET_SYNC=Succeeded,Succeeded",
                "APPSET_STATUS=Synced,Synced", "DECL_STATUS=Synced/Healthy/3");
        Deployment web = kube.apps().deployments().inNamespace("acc-decl").withName("web").get();
        assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(kube.services().inNamespace("acc-decl").withName("web").get()).isNotNull();
        assertThat(kube.apps().deployments().inNamespace("acc-heal").withName("heal").get().getStatus()
                .getReadyReplicas()).isEqualTo(1);
        for (String env : List.of("a", "b")) {
            ConfigMap cm = kube.configMaps().inNamespace("acc-set-" + env).withName("settings").get();
            assertThat(cm).as("ConfigMap of acc-set-" + env).isNotNull();
            assertThat(cm.getData()).containsEntry("mode", "git");
        }
    }

    @Test
    @Order(2)
    void scriptedPipeline_dryRun_diff_syncWaitHealthy_status_local_selective() {
        String repo = jenkins.repo.url();
        String script = """
                node {
                  writeFile file: 'apps/steps.yaml', text: @@STEPS@@
                  writeFile file: 'apps/local.yaml', text: @@LOCALAPP@@
                  writeFile file: 'manifests/configmap.yaml', text: @@LOCALCM@@
                  def dry = gitopsSync file: 'apps/steps.yaml', dryRun: true
                  echo "DRY=${dry.phase}"
                  def afterDry = gitopsStatus file: 'apps/steps.yaml', refresh: true
                  echo "AFTER_DRY=${afterDry.sync}/${afterDry.health}"
                  def inSync = gitopsDiff file: 'apps/steps.yaml'
                  echo "DIFF_BEFORE=${inSync}"
                  def r = gitopsSync file: 'apps/steps.yaml', waitHealthy: true, waitTimeoutSeconds: 240
                  echo "SYNC=${r.phase}/${r.sync}/${r.health}"
                  def s = gitopsStatus application: 'acc-steps', refresh: true
                  echo "STATUS=${s.sync}/${s.health}/${s.resources}"
                  def l = gitopsSync file: 'apps/local.yaml', local: 'manifests'
                  echo "LOCAL=${l.phase}"
                  def ls = gitopsStatus application: 'acc-local', refresh: true
                  echo "AFTER_LOCAL=${ls.sync}"
                  def sel = gitopsSync application: 'acc-local', resources: [':ConfigMap:acc-local/settings']
                  echo "SELECTIVE=${sel.phase}"
                  def ss = gitopsStatus application: 'acc-local', refresh: true
                  echo "AFTER_SELECTIVE=${ss.sync}"
                }
                """.replace("@@STEPS@@", groovy(application("acc-steps", repo, "guestbook", "acc-steps", false)))
                .replace("@@LOCALAPP@@", groovy(application("acc-local", repo, "local-app", "acc-local", false)))
                .replace("@@LOCALCM@@", groovy(configMap("settings", "mode", "from-workspace")));
        JenkinsClient.Build b = jenkins.admin().runPipeline("scripted-steps", script, BUILD_TIMEOUT);
        assertSucceeded(b);
        assertThat(b.console()).contains("DRY=Succeeded", "AFTER_DRY=OutOfSync/Missing", "DIFF_BEFORE=false",
                "SYNC=Succeeded/Synced/Healthy", "STATUS=Synced/Healthy/3", "LOCAL=Succeeded",
                "AFTER_LOCAL=OutOfSync", "SELECTIVE=Succeeded", "AFTER_SELECTIVE=Synced");
        Deployment web = kube.apps().deployments().inNamespace("acc-steps").withName("web").get();
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(kube.configMaps().inNamespace("acc-steps").withName("web-config").get().getData())
                .containsEntry("greeting", "hello-from-git");
        assertThat(kube.configMaps().inNamespace("acc-local").withName("settings").get().getData())
                .containsEntry("mode", "git");
    }

    /** Defect 4: the build page shows the state after the sync, and the sync's changes under their own heading. */
    @Test
    @Order(3)
    void buildPage_showsStateAfterSync_andChangesAppliedBySync() {
        JenkinsClient.Response summary = jenkins.admin().get("/job/scripted-steps/1/");
        assertThat(summary.status()).isEqualTo(200);
        String box = section(summary.body(), "\">GitOps: acc-steps</a>", 1500); // the summary box, not the side panel
        assertThat(box).contains("gitops-badge--Synced").doesNotContain("gitops-badge--OutOfSync")
                .doesNotContain("gitops-badge--Missing");
        JenkinsClient.Response detail = jenkins.admin().get("/job/scripted-steps/1/gitops-acc-steps/");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("Changes applied by this sync", "gitops-badge--Synced",
                        "gitops-badge--Healthy", "web-config")
                .doesNotContain("none of the application&#39;s resources exist")
                .doesNotContain("none of the application's resources exist")
                .doesNotContain("gitops-badge--Missing");
    }

    @Test
    @Order(5)
    void scriptedPipeline_failOnDiff_prune_thenRollback() {
        String second = jenkins.repo.write("guestbook/deployment.yaml", deployment("web", 3, false))
                .delete("guestbook/configmap.yaml").commit("three replicas, no config map");
        JenkinsClient.Build b = jenkins.admin().runPipeline("scripted-prune", """
                def failed = false
                try {
                  gitopsDiff application: 'acc-steps', failOnDiff: true
                } catch (err) {
                  failed = true
                }
                echo "DIFF_FAILED=${failed}"
                def p = gitopsSync application: 'acc-steps', prune: true, waitHealthy: true, waitTimeoutSeconds: 240
                echo "PRUNE=${p.phase}/${p.sync}/${p.revision}"
                """, BUILD_TIMEOUT);
        assertSucceeded(b);
        assertThat(b.console()).contains("DIFF_FAILED=true", "PRUNE=Succeeded/Synced/" + second);
        assertThat(kube.configMaps().inNamespace("acc-steps").withName("web-config").get()).as("pruned").isNull();
        assertThat(kube.apps().deployments().inNamespace("acc-steps").withName("web").get().getSpec().getReplicas())
                .isEqualTo(3);

        JenkinsClient.Build rb = jenkins.admin().runPipeline("scripted-rollback", """
                def rb = gitopsRollback application: 'acc-steps'
                echo "ROLLBACK=${rb.phase}/${rb.revision}"
                def w = gitopsWaitHealthy application: 'acc-steps', timeoutSeconds: 240
                echo "WAITED=${w.health}"
                """, BUILD_TIMEOUT);
        assertSucceeded(rb);
        assertThat(rb.console()).contains("ROLLBACK=Succeeded/" + firstCommit, "WAITED=Healthy");
        assertThat(kube.apps().deployments().inNamespace("acc-steps").withName("web").get().getSpec().getReplicas())
                .isEqualTo(2);
        assertThat(kube.configMaps().inNamespace("acc-steps").withName("web-config").get()).as("restored")
                .isNotNull();
    }

    @Test
    @Order(4)
    void backgroundController_healsKubectlScaleWithinFiveSeconds() {
        // before any new commit: with Git unchanged, the scale is drift (reverted by self-heal and recorded as a
        // drift event); after a commit the same edit would be reverted by the auto-sync to the new revision
        jenkins.cluster.kubectl("-n", "acc-heal", "scale", "deployment/heal", "--replicas=3");
        long start = System.nanoTime();
        awaitTrue(Duration.ofSeconds(60), () -> kube.apps().deployments().inNamespace("acc-heal").withName("heal").get()
                .getSpec().getReplicas() == 1, "self-heal to revert kubectl scale of acc-heal/heal to 1 replica");
        long millis = (System.nanoTime() - start) / 1_000_000;
        RealJenkins.log("self-heal reverted kubectl scale after " + millis + " ms");
        assertThat(millis).as("milliseconds from kubectl scale to self-heal").isLessThanOrEqualTo(HEAL_BUDGET_MS);
        awaitTrue(Duration.ofSeconds(20), () -> jenkins.admin().get("/gitops/app/acc-heal/").body()
                .contains("kubectl"), "the drift event naming kubectl on acc-heal's page");
    }

    @Test
    @Order(6)
    void pages_loadInChromium_withoutJavaScriptErrorsOrStackTraces() throws Exception {
        Chromium.requireInstalled();
        Path shots = Chromium.screenshots(jenkins.target);
        record Check(String name, String path, List<String> expected) {
        }
        List<Check> checks = List.of(
                new Check("dashboard", "/gitops/", List.of("acc-steps", "acc-decl", "acc-heal", "acc-set-a")),
                new Check("application", "/gitops/app/acc-steps/", List.of("acc-steps", "History", "Refresh")),
                new Check("build", "/job/scripted-steps/1/", List.of("GitOps: acc-steps", "Synced")),
                new Check("build-gitops", "/job/scripted-steps/1/gitops-acc-steps/",
                        List.of("Changes applied by this sync", "Synced", "Healthy", "web-config")),
                new Check("configure", "/manage/configure", List.of("GitOps", RealJenkins.CLUSTER)),
                new Check("snippet-generator", "/job/scripted-steps/pipeline-syntax/",
                        List.of("gitopsSync", "gitopsDiff", "gitopsStatus", "gitopsWaitHealthy", "gitopsRollback",
                                "gitopsDelete")),
                new Check("step-reference", "/job/scripted-steps/pipeline-syntax/html",
                        List.of("gitopsSync", "gitopsDiff", "gitopsStatus", "gitopsWaitHealthy", "gitopsRollback",
                                "gitopsDelete")));
        List<String> problems = new ArrayList<>();
        try (Chromium chromium = Chromium.start(jenkins.target)) {
            for (Check c : checks) {
                Chromium.Page page = chromium.load(jenkins.url + c.path(), jenkins.admin().authorization(),
                        shots.resolve(c.name() + ".png"));
                problems.addAll(pageProblems(c.name(), page, c.expected()));
            }
        }
        assertThat(problems).isEmpty();
        // each step's Snippet Generator form round-trips to the step's Pipeline syntax
        Map<String, String> forms = Map.of(
                "GitOpsSyncStep", "{\"file\":\"app.yaml\",\"prune\":true,\"waitHealthy\":true}",
                "GitOpsDiffStep", "{\"application\":\"web\",\"failOnDiff\":true}",
                "GitOpsStatusStep", "{\"application\":\"web\",\"refresh\":true}",
                "GitOpsWaitHealthyStep", "{\"application\":\"web\",\"timeoutSeconds\":60}",
                "GitOpsRollbackStep", "{\"application\":\"web\",\"prune\":true}",
                "GitOpsDeleteStep", "{\"application\":\"web\",\"confirm\":true}");
        Map<String, String> expected = Map.of(
                "GitOpsSyncStep", "gitopsSync",
                "GitOpsDiffStep", "gitopsDiff",
                "GitOpsStatusStep", "gitopsStatus",
                "GitOpsWaitHealthyStep", "gitopsWaitHealthy",
                "GitOpsRollbackStep", "gitopsRollback",
                "GitOpsDeleteStep", "gitopsDelete");
        for (var e : forms.entrySet()) {
            String cls = "io.jenkins.plugins.gitops.pipeline." + e.getKey();
            String json = e.getValue().replaceFirst("\\{", "{\"stapler-class\":\"" + cls + "\",\"\\$class\":\"" + cls
                    + "\",");
            JenkinsClient.Response r = jenkins.admin().post("/job/scripted-steps/pipeline-syntax/generateSnippet",
                    "application/x-www-form-urlencoded", "json=" + URLEncoder.encode(json, StandardCharsets.UTF_8));
            assertThat(r.status()).as("snippet for " + e.getKey()).isEqualTo(200);
            assertThat(r.body()).as("snippet for " + e.getKey()).startsWith(expected.get(e.getKey()))
                    .doesNotContain("Exception");
        }
    }

    @Test
    @Order(7)
    void security_matrixAuth_hidesApplications_refusesMutations_andWebhookChecksSignature() throws Exception {
        String secured = jenkins.admin().groovy("""
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import hudson.util.Secret
                import io.jenkins.plugins.gitops.config.GitOpsConfiguration
                import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl

                SystemCredentialsProvider.getInstance().getStore().addCredentials(Domain.global(),
                    new StringCredentialsImpl(CredentialsScope.GLOBAL, 'github-webhook', 'webhook secret',
                        Secret.fromString('SECRET')))
                def cfg = GitOpsConfiguration.get()
                cfg.githubWebhookSecretId = 'github-webhook'
                cfg.save()
                println 'webhook secret set'
                """.replace("SECRET", WEBHOOK_SECRET));
        assertThat(secured).as("script console output").contains("webhook secret set");
        Acceptance.ensureUsers(jenkins);
        JenkinsClient admin = jenkins.admin();
        JenkinsClient reader = jenkins.as("reader", "reader-pass");
        JenkinsClient outsider = jenkins.as("outsider", "outsider-pass");
        JenkinsClient anonymous = jenkins.anonymous();

        // visibility: Item/Read on the owning job decides
        assertThat(admin.get("/gitops/").body()).contains("acc-steps");
        assertThat(reader.get("/gitops/").body()).contains("acc-steps");
        JenkinsClient.Response outsiderDashboard = outsider.get("/gitops/");
        assertThat(outsiderDashboard.status()).isEqualTo(200);
        assertThat(outsiderDashboard.body()).doesNotContain("acc-steps").doesNotContain("acc-heal");
        assertThat(outsider.get("/gitops/app/acc-steps/").status()).isIn(403, 404);
        assertThat(anonymous.get("/gitops/app/acc-steps/").status()).isIn(403, 404);
        assertThat(outsider.get("/job/scripted-steps/1/gitops-acc-steps/").status()).isIn(403, 404);

        // mutations: POST only, with a crumb, with Item/Build
        String form = "application/x-www-form-urlencoded";
        assertThat(admin.post("/gitops/app/acc-steps/refresh", form, "", false, Map.of()).status())
                .as("admin without crumb").isEqualTo(403);
        assertThat(reader.post("/gitops/app/acc-steps/refresh", form, "").status()).as("reader (no Item/Build)")
                .isEqualTo(403);
        assertThat(reader.post("/gitops/app/acc-steps/sync", form, "prune=false&dryRun=true").status())
                .as("reader sync").isEqualTo(403);
        assertThat(outsider.post("/gitops/app/acc-steps/sync", form, "").status()).as("outsider sync").isIn(403, 404);
        assertThat(anonymous.post("/gitops/app/acc-steps/sync", form, "").status()).as("anonymous").isIn(403, 404);
        assertThat(admin.get("/gitops/app/acc-steps/sync").status()).as("GET of a mutation").isIn(403, 404, 405);
        assertThat(admin.post("/gitops/app/acc-steps/refresh", form, "").status()).as("admin with crumb")
                .isIn(200, 302, 303);

        // webhook: unauthenticated, but a delivery must carry the secret's signature
        String payload = "{\"ref\":\"refs/heads/main\",\"after\":\"" + firstCommit + "\",\"repository\":{\"clone_url\":\""
                + jenkins.repo.url() + "\",\"html_url\":\"" + jenkins.repo.url() + "\"},\"commits\":[]}";
        JenkinsClient.Response bad = anonymous.post("/gitops-webhook/", "application/json", payload, false,
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + "0".repeat(64)));
        assertThat(bad.status()).as(bad.body()).isEqualTo(401);
        JenkinsClient.Response unsigned = anonymous.post("/gitops-webhook/", "application/json", payload, false,
                Map.of("X-GitHub-Event", "push"));
        assertThat(unsigned.status()).as(unsigned.body()).isEqualTo(401);
        JenkinsClient.Response good = anonymous.post("/gitops-webhook/", "application/json", payload, false,
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", Acceptance.githubSignature(WEBHOOK_SECRET, payload)));
        assertThat(good.status()).as(good.body()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void restart_keepsApplicationsHistoryAndDriftEvents_andResumesWaitHealthy() {
        JenkinsClient admin = jenkins.admin();
        String script = """
                node {
                  writeFile file: 'wait.yaml', text: @@WAIT@@
                  gitopsSync file: 'wait.yaml'
                }
                echo 'WAIT_START'
                def w = gitopsWaitHealthy application: 'acc-wait', timeoutSeconds: 600
                echo "WAITED=${w.health}"
                """.replace("@@WAIT@@", groovy(application("acc-wait", jenkins.repo.url(), "wait", "acc-wait", false)));
        int number = admin.startPipeline("wait-restart", script);
        awaitTrue(Duration.ofMinutes(3), () -> admin.console("wait-restart", number).contains("waiting up to"),
                "wait-restart #" + number + " to start waiting for health");
        String historyBefore = admin.get("/gitops/app/acc-steps/").body();
        assertThat(historyBefore).contains(firstCommit.substring(0, 7));

        jenkins.restart();
        JenkinsClient after = jenkins.admin();
        String dashboard = after.get("/gitops/").body();
        assertThat(dashboard).contains("acc-steps", "acc-decl", "acc-heal", "acc-set-a", "acc-set-b", "acc-wait");
        String steps = after.get("/gitops/app/acc-steps/").body();
        assertThat(steps).contains(firstCommit.substring(0, 7), "scripted-rollback");
        assertThat(after.get("/gitops/app/acc-heal/").body()).contains("kubectl");
        assertThat(after.get("/job/scripted-steps/1/gitops-acc-steps/").body())
                .contains("Changes applied by this sync");

        // the wait resumed after the restart: unpausing the Deployment makes it Healthy and the build finish
        jenkins.cluster.kubectl("-n", "acc-wait", "rollout", "resume", "deployment/wait");
        JenkinsClient.Build b = after.awaitBuild("wait-restart", number, BUILD_TIMEOUT);
        assertSucceeded(b);
        assertThat(b.console()).contains("WAITED=Healthy", "Resuming");
    }

    private static List<String> pageProblems(String name, Chromium.Page page, List<String> expected) {
        List<String> problems = new ArrayList<>();
        if (page.status() != 200) {
            problems.add(name + ": HTTP " + page.status());
        }
        for (String marker : List.of("Oops!", "A problem occurred", "Stack trace", "Caused by:")) {
            if (page.text().contains(marker)) {
                problems.add(name + ": page text contains '" + marker + "'");
            }
        }
        if (STACK_TRACE.matcher(page.text()).find()) {
            problems.add(name + ": page text contains a stack trace");
        }
        // the plugin's own pages have no reason to mention an exception at all (the step reference and Snippet
        // Generator also carry other plugins' documentation, which may)
        if (!name.startsWith("step-reference") && !name.startsWith("snippet") && page.text().contains("Exception")) {
            problems.add(name + ": page text contains 'Exception'");
        }
        page.jsErrors().forEach(e -> problems.add(name + ": " + e));
        for (String text : expected) {
            if (!page.dom().contains(text)) {
                problems.add(name + ": DOM lacks '" + text + "'");
            }
        }
        RealJenkins.log("page " + name + ": HTTP " + page.status() + ", " + page.jsErrors().size()
                + " JavaScript error(s), screenshot " + page.screenshot());
        return problems;
    }

    private static String section(String html, String marker, int length) {
        int i = html.indexOf(marker);
        assertThat(i).as("page contains " + marker).isGreaterThanOrEqualTo(0);
        return html.substring(i, Math.min(html.length(), i + length));
    }



}
