package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.KubeletLogEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 17's remaining page bullets in the real Jenkins (the shared {@link RealJenkins}) and headless Chromium:
 * <ul>
 * <li>rollback per history row: two syncs give two history rows, the older one's "Roll back" button is reached with
 * the keyboard, and the cluster returns to the older commit's state;</li>
 * <li>the build page of a sync whose PreSync hook failed shows the hook's last log lines (escaped). The harness's
 * fake kubelet serves no logs, so {@link KubeletLogEndpoint} stands in for the kubelet's log endpoint of the hook
 * Pod's node (as in {@link LogsAndDiffPagesAcceptanceTest}); the fake kubelet fails the Pod (its command says
 * "fail"); everything between the build page and that endpoint is real;</li>
 * <li>the sync dialog: a revision typed and one resource ticked sync that resource at that revision only;</li>
 * <li>dark theme: the pages' stylesheet holds no literal colour, and with Jenkins' palette variables switched to
 * dark values (what a theme does) the graph, badges and dialog take those values; nothing is loaded from another
 * origin (no CDN).</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageActionsAcceptanceTest {

    static final String APP = "acc-history";
    static final String JOB = "acc-history-steps";
    static final String HOOK_APP = "acc-hooklog";
    static final String HOOK_JOB = "acc-hooklog-steps";
    static final String NODE = "acc-hooklog-node";
    static final String HOOK_POD = "migrate";

    private static RealJenkins jenkins;
    private static KubeletLogEndpoint kubelet;

    @BeforeAll
    static void start() {
        jenkins = RealJenkins.get();
        kubelet = KubeletLogEndpoint.start();
        KubernetesClient k = jenkins.cluster.client();
        kubelet.registerNode(k, NODE);
        Acceptance.namespaceReadyForPods(k, HOOK_APP);
    }

    @AfterAll
    static void stopTheStandIn() {
        if (kubelet != null) {
            kubelet.close();
            jenkins.cluster.client().nodes().withName(NODE).delete();
        }
    }

    @Test
    @Order(1)
    void rollbackFromTheOlderHistoryRow_withTheKeyboard_restoresThatRevisionInTheCluster() throws Exception {
        jenkins.repo.write("history/configmap.yaml", Fixtures.configMap("history-config", "release", "first"));
        String first = jenkins.repo.commit("history: first release");
        int before = Math.max(0, historySize()); // a rerun of this test finds the earlier run's deployments
        JenkinsClient.Build b1 = sync(JOB, APP, "history");
        assertThat(b1.result()).as(b1.console()).isEqualTo("SUCCESS");
        jenkins.repo.write("history/configmap.yaml", Fixtures.configMap("history-config", "release", "second"));
        String second = jenkins.repo.commit("history: second release");
        JenkinsClient.Build b2 = sync(JOB, APP, "history");
        assertThat(b2.result()).as(b2.console()).isEqualTo("SUCCESS");
        assertThat(release()).isEqualTo("second");

        Path shots = Chromium.screenshots(jenkins.target);
        String auth = jenkins.admin().authorization();
        try (Chromium browser = Chromium.start(jenkins.target)) {
            Chromium.Page page = browser.load(jenkins.url + "/gitops/app/" + APP + "/", auth,
                    shots.resolve("pages-application-history.png"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.jsErrors()).isEmpty();
            // newest first: the current deployment (no button) above the older one (a Roll back button)
            JsonNode rows = browser.evaluate("Array.from(document.querySelectorAll('#gitops-history tbody tr'))"
                    + ".map(function(r){return r.cells[1].textContent.trim()+'|'+r.cells[5].textContent.trim();})");
            assertThat(rows.size()).isEqualTo(before + 2);
            assertThat(rows.get(0).asText()).isEqualTo(second.substring(0, 7) + "|current");
            assertThat(rows.get(1).asText()).isEqualTo(first.substring(0, 7) + "|Roll back");
            Chromium.Page after = browser.pressEnterOn("#gitops-history form[action=\"rollback\"] button",
                    shots.resolve("pages-application-rollback.png"));
            assertThat(after.status()).isEqualTo(200);
            Acceptance.awaitTrue(Duration.ofSeconds(120), () -> "first".equals(release()),
                    "the rollback to restore release=first");
            Acceptance.awaitTrue(Duration.ofSeconds(60), () -> historySize() == before + 3,
                    "a third history entry for the rollback");
            browser.load(jenkins.url + "/gitops/app/" + APP + "/", auth, shots.resolve("pages-application-rollback.png"));
            JsonNode now = browser.evaluate("Array.from(document.querySelectorAll('#gitops-history tbody tr'))"
                    + ".map(function(r){return r.cells[1].textContent.trim()+'|'+r.cells[4].textContent.trim()+'|'"
                    + "+r.cells[5].textContent.trim();})");
            String who = auth == null ? "anonymous" : "admin";
            assertThat(now.size()).isEqualTo(before + 3);
            assertThat(now.get(0).asText()).isEqualTo(first.substring(0, 7) + "|" + who + "|current");
            assertThat(now.get(1).asText()).isEqualTo(second.substring(0, 7) + "|" + JOB + " #" + b2.number() + "|Roll back");
            assertThat(now.get(2).asText()).isEqualTo(first.substring(0, 7) + "|" + JOB + " #" + b1.number() + "|Roll back");
        }
    }

    @Test
    @Order(2)
    void aFailedPreSyncHook_showsItsLastLogLinesOnTheBuildPage_escaped() throws Exception {
        kubelet.write(HOOK_APP, HOOK_POD, "migrate", "applying migration 7");
        kubelet.write(HOOK_APP, HOOK_POD, "migrate", "ERROR: column <b>owner</b> does not exist");
        jenkins.repo.write("hooklog/configmap.yaml", Fixtures.configMap("hooklog-config", "k", "v"))
                .write("hooklog/migrate.yaml", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: POD
                          annotations:
                            argocd.argoproj.io/hook: PreSync
                        spec:
                          nodeName: NODE
                          restartPolicy: Never
                          containers:
                            - name: migrate
                              image: migrate:1
                              command: [migrate, --fail]
                        """.replace("POD", HOOK_POD).replace("NODE", NODE))
                .commit("hooklog: a PreSync hook that fails");
        JenkinsClient.Build b = sync(HOOK_JOB, HOOK_APP, "hooklog");
        assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");

        Path shots = Chromium.screenshots(jenkins.target);
        String auth = jenkins.admin().authorization();
        try (Chromium browser = Chromium.start(jenkins.target)) {
            Chromium.Page build = browser.load(jenkins.url + "/job/" + HOOK_JOB + "/" + b.number() + "/gitops-"
                    + HOOK_APP + "/", auth, shots.resolve("pages-build-hook-log.png"));
            assertThat(build.status()).isEqualTo(200);
            assertThat(build.jsErrors()).isEmpty();
            assertThat(build.text()).contains("Hooks", "PreSync", HOOK_POD, "Last lines of the hook log");
            String tail = browser.evaluate("document.querySelector('.gitops-hook-log pre').textContent").asText();
            // exactly the lines written (a rerun of this test finds the first run's lines above them)
            assertThat(tail).startsWith("applying migration 7\n")
                    .endsWith("applying migration 7\nERROR: column <b>owner</b> does not exist");
            assertThat(browser.evaluate("document.querySelectorAll('.gitops-hook-log b').length").asInt())
                    .as("elements injected by the log").isZero();
        }
    }

    @Test
    @Order(3)
    void everyColourIsAJenkinsThemeVariable_soADarkPaletteRecoloursGraphBadgesAndDialog() throws Exception {
        Path shots = Chromium.screenshots(jenkins.target);
        String auth = jenkins.admin().authorization();
        try (Chromium browser = Chromium.start(jenkins.target)) {
            browser.load(jenkins.url + "/gitops/app/" + APP + "/?view=graph", auth,
                    shots.resolve("pages-application-graph-dark.png"));
            // no external CDN: every script, stylesheet and image the page loads comes from Jenkins itself
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('script[src],link[href],img[src]'))"
                    + ".map(function(e){return e.src||e.href;}).filter(function(u){return u.indexOf(location.origin)"
                    + "!==0;})").size()).as("resources from other origins").isZero();
            assertThat(browser.evaluate("performance.getEntriesByType('resource').map(function(r){return r.name;})"
                    + ".filter(function(u){return u.indexOf(location.origin)!==0;})").size())
                    .as("requests to other origins").isZero();
            String css = browser.evaluate("fetch(Array.from(document.querySelectorAll('link[rel=stylesheet]'))"
                    + ".map(function(l){return l.href;}).find(function(h){return h.endsWith('/gitops.css');}))"
                    + ".then(function(r){return r.text();})").asText();
            assertThat(css).as("the pages' stylesheet").contains(".gitops-node__box");
            Matcher literal = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\b(rgba?|hsla?|hwb|lab|lch|oklch|oklab)\\(|"
                    + ":\\s*(white|black|red|green|blue|gray|grey)\\b").matcher(css.replaceAll("/\\*.*?\\*/", ""));
            assertThat(literal.find() ? literal.group() : null).as("a literal colour in gitops.css").isNull();

            // a dark palette, set the way a theme sets it: Jenkins' variables on the root element
            Map<String, String> dark = Map.of("--background", "rgb(20, 21, 22)", "--text-color", "rgb(230, 231, 232)",
                    "--success-color", "rgb(1, 200, 2)", "--card-background", "rgb(30, 31, 32)",
                    "--card-border-color", "rgb(90, 91, 92)", "--text-color-secondary", "rgb(160, 161, 162)",
                    "--button-background", "rgb(40, 41, 42)", "--link-color", "rgb(120, 170, 255)",
                    "--accent-color", "rgb(90, 140, 255)");
            StringBuilder set = new StringBuilder("(function(){var s=document.documentElement.style;");
            dark.forEach((k, v) -> set.append("s.setProperty('").append(k).append("','").append(v).append("');"));
            browser.evaluate(set.append("return true;})()").toString());
            String style = "function(sel,p){var e=document.querySelector(sel);return e?getComputedStyle(e)"
                    + ".getPropertyValue(p):'missing '+sel;}";
            JsonNode got = browser.evaluate("(function(){var c=" + style + ";return {"
                    + "box:c('.gitops-node__box','fill'),name:c('.gitops-node__name','fill'),"
                    + "border:c('.gitops-node__box','stroke'),"
                    + "healthy:c('.gitops-node .gitops-h--Healthy, .gitops-node .gitops-s--Synced','fill'),"
                    + "badge:c('.gitops-badge--Healthy','color'),dialog:c('#gitops-sync-dialog','background-color')};})()");
            assertThat(got.path("box").asText()).isEqualTo("rgb(20, 21, 22)");
            assertThat(got.path("name").asText()).isEqualTo("rgb(230, 231, 232)");
            assertThat(got.path("border").asText()).isEqualTo("rgb(90, 91, 92)");
            assertThat(got.path("healthy").asText()).isEqualTo("rgb(1, 200, 2)");
            assertThat(got.path("badge").asText()).isEqualTo("rgb(1, 200, 2)");
            assertThat(got.path("dialog").asText()).isEqualTo("rgb(30, 31, 32)");
            browser.screenshot(shots.resolve("pages-application-graph-dark.png"));
        }
    }

    @Test
    @Order(4)
    void theSyncDialogSyncsOnlyTheTickedResource_atTheRevisionTyped() throws Exception {
        jenkins.repo.write("history/configmap.yaml", Fixtures.configMap("history-config", "release", "third"))
                .write("history/other.yaml", Fixtures.configMap("history-other", "k", "v"));
        String third = jenkins.repo.commit("history: third release and another ConfigMap");
        jenkins.repo.write("history/configmap.yaml", Fixtures.configMap("history-config", "release", "fourth"))
                .commit("history: fourth release");
        String form = "application/x-www-form-urlencoded";
        assertThat(jenkins.admin().post("/gitops/app/" + APP + "/refresh", form, "hard=false").status())
                .isIn(200, 302);
        String other = "/ConfigMap/" + APP + "/history-other";
        Acceptance.awaitTrue(Duration.ofSeconds(90), () -> jenkins.admin().get("/gitops/app/" + APP + "/").body()
                .contains("value=\"" + other + "\""), "the dialog to offer " + other);

        Path shots = Chromium.screenshots(jenkins.target);
        String auth = jenkins.admin().authorization();
        try (Chromium browser = Chromium.start(jenkins.target)) {
            browser.load(jenkins.url + "/gitops/app/" + APP + "/", auth, shots.resolve("pages-sync-dialog-selective.png"));
            browser.press("button[data-gitops-open=\"gitops-sync-dialog\"]");
            browser.awaitTrue("document.getElementById('gitops-sync-dialog').open", 10);
            browser.evaluate("(function(){document.getElementById('gitops-sync-revision').value='" + third + "';"
                    + "document.querySelector('#gitops-sync-dialog input[name=resource][value=\"/ConfigMap/" + APP
                    + "/history-config\"]').checked=true;return true;})()");
            browser.screenshot(shots.resolve("pages-sync-dialog-selective.png"));
            Chromium.Page after = browser.click("#gitops-sync-dialog button[type=submit]",
                    shots.resolve("pages-application-after-selective-sync.png"));
            assertThat(after.status()).isEqualTo(200);
        }
        // the ticked ConfigMap at the typed revision (third, not Git's head: fourth); the other one, also in that
        // revision, is left alone
        Acceptance.awaitTrue(Duration.ofSeconds(120), () -> "third".equals(release()) && !operationRunning(),
                "the selective sync to apply release=third");
        assertThat(jenkins.cluster.client().configMaps().inNamespace(APP).withName("history-other").get())
                .as("the ConfigMap that was not ticked").isNull();
    }

    private static boolean operationRunning() {
        String out = jenkins.admin().groovy("""
                def s = io.jenkins.plugins.gitops.GitOpsService.get().runtime().controller().status('APP').orElse(null)
                println 'RUNNING=' + (s?.lastOperation()?.inProgress() || s?.operationQueued())
                """.replace("APP", APP));
        return !out.contains("RUNNING=false");
    }

    private static JenkinsClient.Build sync(String job, String app, String path) {
        return jenkins.admin().runPipeline(job, """
                node {
                  writeFile file: 'app.yaml', text: @@APP@@
                  def r = gitopsSync file: 'app.yaml'
                  echo "SYNC=${r.phase}/${r.revision}"
                }
                """.replace("@@APP@@", groovy(Fixtures.application(app, jenkins.repo.url(), path, app, false))),
                Duration.ofMinutes(5));
    }

    private static String release() {
        ConfigMap cm = jenkins.cluster.client().configMaps().inNamespace(APP).withName("history-config").get();
        return cm == null || cm.getData() == null ? null : cm.getData().get("release");
    }

    /** How many deployments the controller's history of {@link #APP} holds. */
    private static int historySize() {
        String out = jenkins.admin().groovy("""
                def s = io.jenkins.plugins.gitops.GitOpsService.get().runtime().controller().status('APP').orElse(null)
                println 'HISTORY=' + (s?.history()?.size() ?: 0)
                """.replace("APP", APP));
        Matcher m = Pattern.compile("HISTORY=(\\d+)").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
