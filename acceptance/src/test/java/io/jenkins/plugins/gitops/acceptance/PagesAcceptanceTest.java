package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 17's pages in the real Jenkins (the shared {@link RealJenkins}) and headless Chromium: the dashboard (tiles,
 * list, filters in the URL, counts), the application page (resource graph, list view, sync dialog, operation
 * progress), a resource's details reached by clicking a graph node and by the keyboard (manifests, diff, events,
 * Pod logs), escaping of hostile names and annotations, and the 403s a read-only user gets. Every page is checked
 * for JavaScript errors and saved as a screenshot under {@code target/screenshots/pages-*.png} (copied into
 * docs/images for the user guide).
 *
 * <p>Security: when no other test turned it on yet, this class turns on the same realm the main suite uses
 * ({@code admin}/{@code admin-pass}) and adds its own users; it never removes anything another class set up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesAcceptanceTest {

    static final String APP = "acc-pages";
    static final String EVIL_APP = "acc-pages-evil";
    static final String HTML_NOTE = "<img src=x onerror=alert(1)><b>bold</b>";
    /** A ConfigMap name that is a script element if it is not escaped (the engine refuses it: not DNS-1123). */
    static final String EVIL_NAME = "<script>alert(1)";
    static final String SECRET_VALUE = "pages-secret-value-42";
    static final String READER = "pages-reader";
    static final String READER_PASSWORD = "pages-reader-pass";
    static final String OPERATOR = "pages-operator";
    static final String OPERATOR_PASSWORD = "pages-operator-pass";

    private static RealJenkins jenkins;

    @BeforeAll
    static void deployTheApplication() {
        jenkins = RealJenkins.get();
        jenkins.repo.write("pages/deployment.yaml", Fixtures.deployment("pages-web", 2, false))
                .write("pages/service.yaml", Fixtures.service("pages-web"))
                .write("pages/configmap.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: pages-config
                          annotations:
                            note: 'NOTE'
                        data:
                          greeting: hello
                        """.replace("NOTE", HTML_NOTE))
                .write("pages/secret.yaml", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: pages-db
                        stringData:
                          password: SECRET
                        """.replace("SECRET", SECRET_VALUE))
                .write("pages-evil/configmap.yaml", Fixtures.configMap(EVIL_NAME, "k", "v"))
                .commit("pages: <b>bold</b> commit message");
    }

    @Test
    @Order(1)
    void pipelineDeploysTheApplication_andAHostileOneIsRegistered() {
        String repo = jenkins.repo.url();
        JenkinsClient.Build b = jenkins.admin().runPipeline("pages-steps", """
                node {
                  writeFile file: 'pages.yaml', text: @@APP@@
                  def r = gitopsSync file: 'pages.yaml', waitHealthy: true, waitTimeoutSeconds: 240
                  echo "PAGES=${r.phase}/${r.sync}/${r.health}"
                }
                """.replace("@@APP@@", groovy(Fixtures.application(APP, repo, "pages", APP, false))),
                Duration.ofMinutes(5));
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("PAGES=Succeeded/Synced/Healthy");
        // an application whose Git declares a resource named <script>: registered, never synced
        String yaml = Fixtures.application(EVIL_APP, repo, "pages-evil", EVIL_APP, false);
        String out = jenkins.admin().groovy("""
                import io.jenkins.plugins.gitops.GitOpsService
                import io.jenkins.plugins.gitops.engine.model.ArgoDocuments
                def yaml = YAML
                def app = ArgoDocuments.parseApplication(yaml, 'evil.yaml')
                GitOpsService.get().register(app, yaml, 'evil.yaml', 'pages-steps', 'admin')
                println 'registered ' + app.name()
                """.replace("YAML", groovy(yaml)));
        assertThat(out).contains("registered " + EVIL_APP);
        await(Duration.ofSeconds(90), () -> jenkins.admin().get("/gitops/app/" + EVIL_APP + "/").body()
                .contains("alert(1)"), "the hostile application to be compared");
    }

    @Test
    @Order(2)
    void pagesInChromium_graphClickAndKeyboardOpenDetails_dialogSyncs_andHostileTextStaysText() throws Exception {
        Chromium.requireInstalled();
        Path shots = Chromium.screenshots(jenkins.target);
        String auth = jenkins.admin().authorization();
        String base = jenkins.url;
        List<String> problems = new ArrayList<>();
        try (Chromium browser = Chromium.start(jenkins.target)) {
            // dashboard: tiles with counts, then a filtered list view kept in the URL
            Chromium.Page tiles = browser.load(base + "/gitops/", auth, shots.resolve("pages-dashboard-tiles.png"));
            check(problems, "dashboard tiles", tiles, List.of("gitops-tiles", APP, "gitops-counts", "Healthy"));
            Chromium.Page list = browser.load(base + "/gitops/?view=list&q=acc-pages&sort=health", auth,
                    shots.resolve("pages-dashboard-list.png"));
            check(problems, "dashboard list", list, List.of("gitops-apps", APP, EVIL_APP));
            assertThat(browser.evaluate("document.getElementById('gitops-q').value").asText()).isEqualTo("acc-pages");
            assertThat(browser.evaluate("document.querySelectorAll('#gitops-apps tbody tr').length").asInt())
                    .as("filtered rows").isEqualTo(2);
            // self-refresh: the live region is replaced in place, without a page load
            browser.awaitTrue("document.getElementById('gitops-dashboard-live').hasAttribute('data-gitops-refreshed')",
                    30);

            // application page: the graph, with kind icons and statuses in words
            Chromium.Page app = browser.load(base + "/gitops/app/" + APP + "/", auth,
                    shots.resolve("pages-application-graph.png"));
            check(problems, "application graph", app, List.of("gitops-graph", ">deploy<", ">rs<", ">pod<", ">svc<",
                    "Healthy", "Synced", "Hard refresh", "Sync window"));
            int podLinks = browser.evaluate("document.querySelectorAll('a.gitops-node__link[data-id^=\"/Pod/\"]')"
                    + ".length").asInt();
            assertThat(podLinks).as("Pod nodes in the graph").isEqualTo(2);

            // click a Pod node: its details, with the log of its container loaded by the page's script
            Chromium.Page pod = browser.click("a.gitops-node__link[data-id^=\"/Pod/\"]",
                    shots.resolve("pages-resource-pod.png"));
            check(problems, "pod details", pod, List.of("Live manifest", "Logs", "gitops-logs-container"));
            assertThat(pod.url()).contains("/resource/?id=");
            browser.awaitTrue("document.getElementById('gitops-logs').hasAttribute('data-gitops-loaded')", 30);
            String logs = browser.evaluate("document.getElementById('gitops-logs').textContent").asText();
            // the page's own request succeeded (the script prefixes "HTTP <status>" otherwise); the harness's fake
            // kubelet serves no logs, so the cluster's refusal is shown as one line naming the Pod and container
            assertThat(logs).as("log area").doesNotStartWith("HTTP ");
            if (logs.startsWith("Logs unavailable")) {
                assertThat(logs).contains("container web of Pod " + APP + "/pages-web-");
            }
            browser.screenshot(shots.resolve("pages-resource-pod.png"));

            // keyboard: focus the Deployment's node and press Enter
            browser.load(base + "/gitops/app/" + APP + "/", auth, shots.resolve("pages-application-graph.png"));
            Chromium.Page deploy = browser.pressEnterOn("a.gitops-node__link[data-id=\"apps/Deployment/" + APP
                    + "/pages-web\"]", shots.resolve("pages-resource-deployment.png"));
            check(problems, "deployment details", deploy, List.of("Desired manifest", "Live manifest",
                    "replicas: 2"));

            // the ConfigMap's HTML annotation is shown as text; the Secret's value never appears
            Chromium.Page cm = browser.load(base + "/gitops/app/" + APP + "/resource/?id="
                    + enc("/ConfigMap/" + APP + "/pages-config"), auth, shots.resolve("pages-resource-configmap.png"));
            check(problems, "configmap details", cm, List.of("Live manifest"));
            assertThat(cm.text()).contains("onerror=alert(1)><b>bold</b>");
            assertThat(browser.evaluate("document.querySelectorAll('img[src=\"x\"], #gitops-live b').length").asInt())
                    .as("elements injected by the annotation").isZero();
            Chromium.Page secret = browser.load(base + "/gitops/app/" + APP + "/resource/?id="
                    + enc("/Secret/" + APP + "/pages-db"), auth, shots.resolve("pages-resource-secret.png"));
            check(problems, "secret details", secret, List.of("++++++++"));
            assertThat(secret.dom()).doesNotContain(SECRET_VALUE).doesNotContain(java.util.Base64.getEncoder()
                    .encodeToString(SECRET_VALUE.getBytes(StandardCharsets.UTF_8)));

            // list view of the tree
            Chromium.Page listView = browser.load(base + "/gitops/app/" + APP + "/?view=list", auth,
                    shots.resolve("pages-application-list.png"));
            check(problems, "application list", listView, List.of("gitops-resource-list", "pages-web-"));

            // collapse the Deployment: its ReplicaSet and Pods disappear, the count of hidden objects shows
            browser.load(base + "/gitops/app/" + APP + "/", auth, shots.resolve("pages-application-graph.png"));
            Chromium.Page collapsed = browser.click("a.gitops-node__toggle[href*=\"Deployment\"]",
                    shots.resolve("pages-application-collapsed.png"));
            check(problems, "collapsed graph", collapsed, List.of("+3"));
            assertThat(browser.evaluate("document.querySelectorAll('a.gitops-node__link[data-id^=\"/Pod/\"]')"
                    + ".length").asInt()).isZero();

            // the sync dialog: a dry run with Argo CD's options, whose progress lines show on the page
            browser.load(base + "/gitops/app/" + APP + "/", auth, shots.resolve("pages-application-graph.png"));
            browser.press("button[data-gitops-open=\"gitops-sync-dialog\"]");
            browser.awaitTrue("document.getElementById('gitops-sync-dialog').open", 10);
            browser.evaluate("(function(){var f=document.querySelector('#gitops-sync-dialog form');"
                    + "f.elements.dryRun.checked=true;f.elements.applyOutOfSyncOnly.checked=true;return true;})()");
            browser.screenshot(shots.resolve("pages-sync-dialog.png"));
            Chromium.Page afterSync = browser.click("#gitops-sync-dialog button[type=submit]",
                    shots.resolve("pages-application-after-sync.png"));
            check(problems, "after sync", afterSync, List.of("gitops-graph"));
            String who = auth == null ? "anonymous" : "admin";
            await(Duration.ofSeconds(90), () -> jenkins.admin().get("/gitops/app/" + APP + "/").body()
                    .contains(who + ", "), "the dialog's dry run by " + who + " as the last operation");
            Chromium.Page progress = browser.load(base + "/gitops/app/" + APP + "/", auth,
                    shots.resolve("pages-application-operation.png"));
            check(problems, "operation", progress, List.of("Operation progress", "gitops-progress"));
            browser.evaluate("document.getElementById('gitops-operation').open = true");
            browser.screenshot(shots.resolve("pages-application-operation.png"));

            // the hostile application: names render as text everywhere
            Chromium.Page evil = browser.load(base + "/gitops/app/" + EVIL_APP + "/", auth,
                    shots.resolve("pages-escaping.png"));
            // the engine refuses the name (not DNS-1123) and the page shows that error, escaped; the graph's own
            // escaping of names is covered by ResourceGraphTest
            check(problems, "escaping", evil, List.of("&lt;script&gt;alert(1)"));
            assertThat(browser.evaluate("Array.from(document.scripts).some(s => s.textContent.includes('alert(1)'))")
                    .asBoolean()).as("an injected script element").isFalse();
            Chromium.Page evilList = browser.load(base + "/gitops/app/" + EVIL_APP + "/?view=list", auth,
                    shots.resolve("pages-escaping-list.png"));
            check(problems, "escaping list", evilList, List.of());
            assertThat(evilList.text()).contains(EVIL_NAME);
            Chromium.Page dash = browser.load(base + "/gitops/?q=pages", auth, shots.resolve("pages-dashboard.png"));
            check(problems, "dashboard commit", dash, List.of());
            assertThat(browser.evaluate("document.querySelectorAll('.gitops-tile b, #gitops-apps b').length").asInt())
                    .isZero();

            // the build page: the state after the sync and the changes it applied
            Chromium.Page build = browser.load(base + "/job/pages-steps/1/gitops-" + APP + "/", auth,
                    shots.resolve("pages-build.png"));
            check(problems, "build", build, List.of("Changes applied by this sync", "Synced"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(3)
    void readOnlyUser_seesDetailsButGets403ForLogsAndSync_outsiderGetsNothing() {
        JenkinsClient admin = secured();
        JenkinsClient reader = jenkins.as(READER, READER_PASSWORD);
        JenkinsClient operator = jenkins.as(OPERATOR, OPERATOR_PASSWORD);
        String podId = firstPodId(admin);
        String resource = "/gitops/app/" + APP + "/resource/?id=" + enc(podId);
        String logs = "/gitops/app/" + APP + "/resource/logs?id=" + enc(podId) + "&container=web&tail=5";

        JenkinsClient.Response details = reader.get(resource);
        assertThat(details.status()).as("reader details").isEqualTo(200);
        assertThat(details.body()).contains("Live manifest", "needs the Workspace permission");
        assertThat(reader.get(logs).status()).as("reader logs").isEqualTo(403);
        String form = "application/x-www-form-urlencoded";
        assertThat(reader.post("/gitops/app/" + APP + "/sync", form, "dryRun=true").status()).as("reader sync")
                .isEqualTo(403);
        assertThat(reader.post("/gitops/app/" + APP + "/refresh", form, "hard=true").status())
                .as("reader hard refresh").isEqualTo(403);

        JenkinsClient.Response operatorLogs = operator.get(logs);
        assertThat(operatorLogs.status()).as("operator logs: " + operatorLogs.body()).isEqualTo(200);
        assertThat(operator.get("/gitops/app/" + APP + "/resource/?id=" + enc("/Pod/kube-system/anything"))
                .status()).as("an object outside the application's tree").isEqualTo(404);

        JenkinsClient outsider = jenkins.as("pages-outsider", "pages-outsider-pass");
        assertThat(outsider.get(resource).status()).as("outsider details").isIn(403, 404);
        assertThat(outsider.get(logs).status()).as("outsider logs").isIn(403, 404);
        assertThat(admin.get(logs).status()).as("admin logs").isEqualTo(200);
    }

    /** Turns security on as the main suite does (unless it is on) and adds this class's users; the admin client. */
    private static JenkinsClient secured() {
        String out = jenkins.admin().groovy("""
                import hudson.security.ACL
                import hudson.security.GlobalMatrixAuthorizationStrategy
                import hudson.security.HudsonPrivateSecurityRealm
                import hudson.model.Item
                import jenkins.model.Jenkins
                import org.jenkinsci.plugins.matrixauth.AuthorizationType
                import org.jenkinsci.plugins.matrixauth.PermissionEntry

                def ctx = ACL.as2(ACL.SYSTEM2)
                try {
                  def j = Jenkins.get()
                  def realm = j.securityRealm
                  def created = false
                  if (!(realm instanceof HudsonPrivateSecurityRealm)) {
                    realm = new HudsonPrivateSecurityRealm(false)
                    realm.createAccount('admin', 'admin-pass')
                    j.securityRealm = realm
                    created = true
                  }
                  ['READER': 'READER_PASS', 'OPERATOR': 'OPERATOR_PASS', 'pages-outsider': 'pages-outsider-pass']
                      .each { u, p -> if (realm.getUser(u) == null) { realm.createAccount(u, p) } }
                  def s = j.authorizationStrategy
                  if (!(s instanceof GlobalMatrixAuthorizationStrategy)) {
                    s = new GlobalMatrixAuthorizationStrategy()
                    s.add(Jenkins.ADMINISTER, new PermissionEntry(AuthorizationType.USER, 'admin'))
                  }
                  def user = { n -> new PermissionEntry(AuthorizationType.USER, n) }
                  ['READER', 'OPERATOR', 'pages-outsider'].each { s.add(Jenkins.READ, user(it)) }
                  ['READER', 'OPERATOR'].each { s.add(Item.READ, user(it)) }
                  s.add(Item.WORKSPACE, user('OPERATOR'))
                  j.authorizationStrategy = s
                  j.save()
                  println(created ? 'security created' : 'security extended')
                } finally {
                  ctx.close()
                }
                """.replace("READER_PASS", READER_PASSWORD).replace("OPERATOR_PASS", OPERATOR_PASSWORD)
                .replace("READER", READER).replace("OPERATOR", OPERATOR));
        assertThat(out).contains("security");
        if (out.contains("security created")) {
            jenkins.useAdmin("admin", "admin-pass");
        }
        return jenkins.admin();
    }

    private static String firstPodId(JenkinsClient admin) {
        String body = admin.get("/gitops/app/" + APP + "/").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-id=\"(/Pod/[^\"]+)\"").matcher(body);
        assertThat(m.find()).as("a Pod node on the application page").isTrue();
        return m.group(1);
    }

    private static void check(List<String> problems, String name, Chromium.Page page, List<String> expected) {
        if (page.status() != 200) {
            problems.add(name + ": HTTP " + page.status());
        }
        for (String marker : List.of("Oops!", "A problem occurred", "Stack trace", "Caused by:")) {
            if (page.text().contains(marker)) {
                problems.add(name + ": page text contains '" + marker + "'");
            }
        }
        page.jsErrors().forEach(e -> problems.add(name + ": " + e));
        for (String text : expected) {
            if (!page.dom().contains(text)) {
                problems.add(name + ": DOM lacks '" + text + "'");
            }
        }
        RealJenkins.log("page " + name + ": HTTP " + page.status() + ", " + page.jsErrors().size()
                + " JavaScript error(s), screenshot " + page.screenshot());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void await(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Processes.sleep(300);
        }
    }
}
