package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.KubeletLogEndpoint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 17's Pod logs and diffs in the real Jenkins (the shared {@link RealJenkins}) and headless Chromium.
 *
 * <p>Logs: the harness's fake kubelet serves no container logs, so this class runs {@link KubeletLogEndpoint} - a
 * stand-in for the kubelet's {@code /containerLogs} endpoint only - and registers a Node pointing at it; the
 * application's Pod (from Git) is bound to that Node. Everything between the page and that endpoint is real: the
 * page's script, the plugin's {@code logs} endpoint with its permission check, the engine, fabric8 with the cluster's
 * configured credentials, and kube-apiserver's {@code pods/log} proxy. The test checks exact log text, the container
 * selector, and that following appends only new lines read from a cursor (the kubelet sees {@code sinceTime}).
 *
 * <p>Diffs: a Git change to a ConfigMap and a Secret shows in both layouts (unified with -/+ lines, side by side with
 * -/+ marker cells and line numbers) on the resource page, keyboard moves between hunks, and neither layout nor the
 * build page's "changes applied" ever shows the Secret's values. Then self-heal is paused and resumed from the page,
 * whose state says how long the pause lasts, who paused it and why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogsAndDiffPagesAcceptanceTest {

    static final String APP = "acc-logs";
    static final String JOB = "acc-logs-steps";
    static final String NODE = "acc-logs-node";
    static final String POD = "logs-pod";
    static final String OLD_SECRET = "logs-secret-old-value-17";
    static final String NEW_SECRET = "logs-secret-new-value-17";

    private static RealJenkins jenkins;
    private static KubeletLogEndpoint kubelet;

    @BeforeAll
    static void theApplicationWithAPodOnTheStandInNode() {
        jenkins = RealJenkins.get();
        kubelet = KubeletLogEndpoint.start();
        KubernetesClient k = jenkins.cluster.client();
        kubelet.registerNode(k, NODE);
        Acceptance.namespaceReadyForPods(k, APP);
        jenkins.repo.write("logs/pod.yaml", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: POD
                        spec:
                          nodeName: NODE
                          containers:
                            - name: app
                              image: app:1
                            - name: sidecar
                              image: sidecar:1
                        """.replace("POD", POD).replace("NODE", NODE))
                .write("logs/configmap.yaml", Fixtures.configMap("logs-config", "greeting", "hello"))
                .write("logs/secret.yaml", secret(OLD_SECRET))
                .commit("logs: a Pod on the stand-in node, a ConfigMap and a Secret");
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
    void podLogs_tailPerContainer_thenFollowAppendsOnlyNewLines() throws Exception {
        JenkinsClient.Build b = sync(false);
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        for (int i = 1; i <= 3; i++) {
            kubelet.write(APP, POD, "app", "app line " + i);
        }
        kubelet.write(APP, POD, "sidecar", "sidecar line 1");

        Chromium.requireInstalled();
        Path shots = Chromium.screenshots(jenkins.target);
        String auth = jenkins.admin().authorization();
        try (Chromium browser = Chromium.start(jenkins.target)) {
            Chromium.Page page = browser.load(jenkins.url + "/gitops/app/" + APP + "/resource/?id="
                    + enc("/Pod/" + APP + "/" + POD), auth, shots.resolve("pages-resource-pod-logs.png"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.jsErrors()).isEmpty();
            browser.awaitTrue("document.getElementById('gitops-logs').hasAttribute('data-gitops-loaded')", 30);
            assertThat(logText(browser)).isEqualTo("app line 1\napp line 2\napp line 3\n");

            // the container selector: the sidecar's log replaces the app's
            browser.evaluate("(function(){var s=document.getElementById('gitops-logs-container');s.value='sidecar';"
                    + "s.dispatchEvent(new Event('change'));return true;})()");
            browser.awaitTrue("document.getElementById('gitops-logs').textContent==='sidecar line 1\\n'", 30);

            // back to the app container, follow: a new line is appended, nothing is fetched twice
            browser.evaluate("(function(){var s=document.getElementById('gitops-logs-container');s.value='app';"
                    + "s.dispatchEvent(new Event('change'));return true;})()");
            browser.awaitTrue("document.getElementById('gitops-logs').textContent.startsWith('app line 1')", 30);
            browser.evaluate("(function(){var f=document.querySelector('form[data-gitops-logs]');"
                    + "f.elements.follow.checked=true;f.elements.follow.dispatchEvent(new Event('change'));"
                    + "return true;})()");
            int before = kubelet.requests().size();
            kubelet.write(APP, POD, "app", "app line 4 <b>not bold</b> token=abcdefgh12345");
            browser.awaitTrue("document.getElementById('gitops-logs').textContent.includes('app line 4')", 30);
            assertThat(logText(browser)).isEqualTo("app line 1\napp line 2\napp line 3\n"
                    + "app line 4 <b>not bold</b> token=***\n");
            assertThat(browser.evaluate("document.querySelectorAll('#gitops-logs b').length").asInt()).isZero();
            List<String> follows = kubelet.requests().subList(before, kubelet.requests().size());
            assertThat(follows).as("requests while following").isNotEmpty()
                    .allSatisfy(r -> assertThat(r).startsWith("/containerLogs/" + APP + "/" + POD + "/app?")
                            .contains("sinceTime=").contains("timestamps=true").doesNotContain("tailLines"));
            browser.screenshot(shots.resolve("pages-resource-pod-logs.png"));

            // the endpoint itself: the page's cursor gives exactly the lines after it
            String cursor = browser.evaluate("document.getElementById('gitops-logs').getAttribute('data-gitops-cursor')")
                    .asText();
            kubelet.write(APP, POD, "app", "app line 5");
            JsonNode next = browser.evaluate("fetch(document.getElementById('gitops-logs').getAttribute("
                    + "'data-gitops-logs-url')+'&container=app&tail=100&cursor='+encodeURIComponent("
                    + jsString(cursor) + ")).then(r=>r.text().then(t=>({status:r.status,text:t,"
                    + "cursor:r.headers.get('X-GitOps-Log-Cursor')})))");
            assertThat(next.path("status").asInt()).isEqualTo(200);
            assertThat(next.path("text").asText()).isEqualTo("app line 5\n");
            assertThat(next.path("cursor").asText()).isNotEqualTo(cursor).endsWith("/1");
        }
    }

    @Test
    @Order(2)
    void aGitChangeShowsInBothDiffLayouts_keyboardMovesBetweenHunks_secretValuesNeverShown() throws Exception {
        jenkins.repo.write("logs/configmap.yaml", Fixtures.configMap("logs-config", "greeting", "bonjour"))
                .write("logs/secret.yaml", secret(NEW_SECRET))
                .commit("logs: greeting in French, a new secret value");
        jenkins.admin().post("/gitops/app/" + APP + "/refresh", "application/x-www-form-urlencoded", "hard=true");
        Acceptance.awaitTrue(Duration.ofSeconds(90), () -> jenkins.admin().get("/gitops/app/" + APP + "/resource/?id="
                + enc("/ConfigMap/" + APP + "/logs-config")).body().contains("greeting: bonjour"),
                "the ConfigMap's diff to show the new greeting");

        Path shots = Chromium.screenshots(jenkins.target);
        String auth = jenkins.admin().authorization();
        try (Chromium browser = Chromium.start(jenkins.target)) {
            Chromium.Page cm = browser.load(jenkins.url + "/gitops/app/" + APP + "/resource/?id="
                    + enc("/ConfigMap/" + APP + "/logs-config"), auth, shots.resolve("pages-diff-unified.png"));
            assertThat(cm.jsErrors()).isEmpty();
            String unified = "document.querySelector('#gitops-resource-diff .gitops-diffview__unified')";
            String split = "document.querySelector('#gitops-resource-diff .gitops-diffview__split')";
            assertThat(browser.evaluate(unified + ".offsetParent !== null").asBoolean()).as("unified shown").isTrue();
            assertThat(browser.evaluate(split + ".offsetParent === null").asBoolean()).as("split hidden").isTrue();
            assertThat(browser.evaluate(unified + ".innerText").asText())
                    .contains("-  greeting: hello").contains("+  greeting: bonjour");

            // switch with the mouse on the label; the markers are text in their own cells
            browser.press("label[for=\"gitops-resource-diff-split\"]");
            browser.awaitTrue(split + ".offsetParent !== null", 10);
            assertThat(browser.evaluate(unified + ".offsetParent === null").asBoolean()).isTrue();
            JsonNode row = browser.evaluate("(function(){var rows=" + split + ".querySelectorAll('tbody tr');"
                    + "for(var i=0;i<rows.length;i++){var c=rows[i].cells;if(c.length===6&&c[1].textContent==='-')"
                    + "return Array.prototype.map.call(c,function(x){return x.textContent;});}return null;})()");
            assertThat(row.isArray()).as("a changed row in the side-by-side table").isTrue();
            assertThat(row.get(2).asText()).isEqualTo("  greeting: hello");
            assertThat(row.get(4).asText()).isEqualTo("+");
            assertThat(row.get(5).asText()).isEqualTo("  greeting: bonjour");
            assertThat(row.get(0).asText()).matches("\\d+");
            browser.screenshot(shots.resolve("pages-diff-split.png"));

            // keyboard: from the diff region, "n" moves the focus to the hunk header of the visible layout
            browser.evaluate("(function(){var r=" + split + ";r.focus();r.dispatchEvent(new KeyboardEvent('keydown',"
                    + "{key:'n',bubbles:true}));return true;})()");
            assertThat(browser.evaluate("document.activeElement.classList.contains('gitops-diff-stop') && "
                    + split + ".contains(document.activeElement) && document.activeElement.textContent"
                    + ".startsWith('@@')").asBoolean()).as("focus on a hunk header").isTrue();
            // the chosen layout is remembered: the Secret's page opens side by side
            Chromium.Page secret = browser.load(jenkins.url + "/gitops/app/" + APP + "/resource/?id="
                    + enc("/Secret/" + APP + "/logs-db"), auth, shots.resolve("pages-diff-secret.png"));
            assertThat(browser.evaluate("document.getElementById('gitops-resource-diff-split').checked").asBoolean())
                    .isTrue();
            assertNoSecretValues(secret.dom());
            assertThat(secret.dom()).contains("gitops-resource-diff");
            browser.evaluate("localStorage.removeItem('gitops.diff.layout')");
        }

        // the sync applies the change (and makes the application automated with self-heal); its build page shows
        // what it applied, in both layouts, masked
        JenkinsClient.Build b = sync(true);
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertNoSecretValues(b.console());
        String build = jenkins.admin().get("/job/" + JOB + "/" + b.number() + "/gitops-" + APP + "/").body();
        assertThat(build).contains("Changes applied by this sync", "gitops-applied-diff-split", "greeting: bonjour",
                "gitops-diff-marker");
        assertNoSecretValues(build);

        // self-heal paused from the page: the state names how long it lasts, who paused it and why
        String form = "application/x-www-form-urlencoded";
        assertThat(jenkins.admin().post("/gitops/app/" + APP + "/pauseSelfHeal", form,
                "minutes=60&reason=incident+17").status()).isIn(200, 302);
        String page = jenkins.admin().get("/gitops/app/" + APP + "/").body();
        assertThat(page).containsPattern("paused, ends in (59 min|1 h) \\(\\d{4}-\\d\\d-\\d\\d [0-9:]+ UTC\\), by \\S+: "
                + "incident 17").contains("Resume self-heal");
        assertThat(jenkins.admin().post("/gitops/app/" + APP + "/resumeSelfHeal", form, "").status())
                .isIn(200, 302);
        assertThat(jenkins.admin().get("/gitops/app/" + APP + "/").body()).doesNotContain("incident 17")
                .contains("Pause self-heal for");
    }

    private static JenkinsClient.Build sync(boolean automated) {
        return jenkins.admin().runPipeline(JOB, """
                node {
                  writeFile file: 'logs.yaml', text: @@APP@@
                  def r = gitopsSync file: 'logs.yaml', waitHealthy: true, waitTimeoutSeconds: 240
                  echo "LOGS=${r.phase}/${r.health}"
                }
                """.replace("@@APP@@", groovy(Fixtures.application(APP, jenkins.repo.url(), "logs", APP, automated))),
                Duration.ofMinutes(5));
    }

    private static String secret(String value) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: logs-db
                stringData:
                  password: VALUE
                """.replace("VALUE", value);
    }

    private static void assertNoSecretValues(String text) {
        for (String v : List.of(OLD_SECRET, NEW_SECRET)) {
            assertThat(text).doesNotContain(v)
                    .doesNotContain(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String logText(Chromium browser) throws Exception {
        return browser.evaluate("document.getElementById('gitops-logs').textContent").asText();
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
