package io.jenkins.plugins.gitops.acceptance;

import static io.jenkins.plugins.gitops.acceptance.Acceptance.BUILD_TIMEOUT;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.assertSucceeded;
import static io.jenkins.plugins.gitops.acceptance.Acceptance.awaitTrue;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.configMap;
import static io.jenkins.plugins.gitops.acceptance.Fixtures.groovy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's app of apps in the real Jenkins: a Pipeline job runs {@code gitopsSync} on a parent Application whose
 * Git path holds two child Applications (automated, with Argo CD's resources finalizer). The children are registered
 * under the parent (dashboard: listed right below it; their pages name the parent and the parent's job), they deploy
 * their ConfigMaps to the harness cluster, and are the parent's {@code argoproj.io/Application} resources. Then one
 * commit moves one child to another path and removes the other: the parent is OutOfSync naming the child and the
 * field, the removed child requires pruning, and a second build's pruning sync updates the first child (which then
 * syncs itself to the new path) and deletes the second with its resources.
 */
class AppOfAppsAcceptanceTest {

    static final String PARENT = "acc-aoa";
    static final String WEB = "acc-aoa-web";
    static final String DB = "acc-aoa-db";
    static final String NS = "acc-aoa";
    static final String JOB = "aoa-parent";

    private static RealJenkins jenkins;
    private static KubernetesClient kube;

    @BeforeAll
    static void start() {
        jenkins = RealJenkins.get();
        Acceptance.ensureUsers(jenkins);
        kube = jenkins.cluster.client();
    }

    static String child(String name, String path) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: NAME
                  namespace: argocd
                  finalizers: [resources-finalizer.argocd.argoproj.io]
                spec:
                  project: default
                  source: {repoURL: 'REPO', targetRevision: main, path: PATH}
                  destination: {name: CLUSTER, namespace: NS}
                  syncPolicy:
                    automated: {prune: true}
                    syncOptions: [CreateNamespace=true]
                """.replace("NAME", name).replace("REPO", jenkins.repo.url()).replace("PATH", path)
                .replace("CLUSTER", RealJenkins.CLUSTER).replace("NS", NS);
    }

    static String parent() {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: NAME}
                spec:
                  project: default
                  source: {repoURL: 'REPO', targetRevision: main, path: aoa/apps}
                  destination: {name: CLUSTER, namespace: NS}
                """.replace("NAME", PARENT).replace("REPO", jenkins.repo.url())
                .replace("CLUSTER", RealJenkins.CLUSTER).replace("NS", NS);
    }

    boolean configMapExists(String name) {
        return kube.configMaps().inNamespace(NS).withName(name).get() != null;
    }

    @Test
    void childApplicationsAreRegisteredUnderTheParentUpdatedByItsSyncAndPrunedWithTheirResources() {
        jenkins.repo.write("aoa/apps/web.yaml", child(WEB, "aoa/web"))
                .write("aoa/apps/db.yaml", child(DB, "aoa/db"))
                .write("aoa/web/cm.yaml", configMap("aoa-web", "version", "v1"))
                .write("aoa/web-v2/cm.yaml", configMap("aoa-web-v2", "version", "v2"))
                .write("aoa/db/cm.yaml", configMap("aoa-db", "engine", "postgres"))
                .commit("app of apps: a parent with two children");
        String first = """
                node {
                  writeFile file: 'parent.yaml', text: @@APP@@
                  def r = gitopsSync file: 'parent.yaml'
                  echo "AOA_SYNC=${r.phase}/${r.sync}"
                }
                """.replace("@@APP@@", groovy(parent()));
        JenkinsClient.Build b1 = jenkins.admin().runPipeline(JOB, first, BUILD_TIMEOUT);
        assertSucceeded(b1);
        assertThat(b1.console()).contains("AOA_SYNC=Succeeded/Synced",
                "child application " + WEB + " registered", "child application " + DB + " registered");

        // the children synced themselves (automated) into the harness cluster
        awaitTrue(Duration.ofSeconds(60), () -> configMapExists("aoa-web") && configMapExists("aoa-db"),
                "the children's ConfigMaps");

        // dashboard: each child right below the parent, marked as its child; the child's page names parent and job
        String list = jenkins.admin().get("/gitops/?view=list&q=acc-aoa").body();
        int p = list.indexOf(">" + PARENT + "</a>");
        assertThat(p).as(list).isPositive();
        assertThat(list.indexOf(">" + DB + "</a>")).isGreaterThan(p);
        assertThat(list.indexOf(">" + WEB + "</a>")).isGreaterThan(p);
        assertThat(list).contains("child of <a href=\"app/" + PARENT + "/\">" + PARENT + "</a>");
        for (String c : new String[] {WEB, DB}) {
            String page = jenkins.admin().get("/gitops/app/" + c + "/").body();
            assertThat(page).contains("/gitops/app/" + PARENT + "/").contains("job/" + JOB + "/");
        }
        // the parent's page lists the children as its argoproj.io Application resources
        String parentPage = jenkins.admin().get("/gitops/app/" + PARENT + "/?view=list").body();
        assertThat(parentPage).contains(WEB, DB, "Application");

        // one commit: web moves to aoa/web-v2, db leaves Git
        jenkins.repo.write("aoa/apps/web.yaml", child(WEB, "aoa/web-v2")).delete("aoa/apps/db.yaml")
                .commit("web moves, db removed");
        String second = """
                node {
                  writeFile file: 'parent.yaml', text: @@APP@@
                  def s = gitopsStatus file: 'parent.yaml', refresh: true
                  echo "AOA_BEFORE=${s.sync}/${s.outOfSync}"
                  gitopsDiff file: 'parent.yaml'
                  def r = gitopsSync file: 'parent.yaml', prune: true
                  echo "AOA_SYNC2=${r.phase}/${r.sync}"
                }
                """.replace("@@APP@@", groovy(parent()));
        JenkinsClient.Build b2 = jenkins.admin().runPipeline(JOB, second, BUILD_TIMEOUT);
        assertSucceeded(b2);
        assertThat(b2.console()).contains("AOA_BEFORE=OutOfSync/2", "AOA_SYNC2=Succeeded/Synced",
                "spec.source.path: changed (live \"aoa/web\" -> Git \"aoa/web-v2\")", "child application " + DB
                        + " left Git: pruned with its resources");
        awaitTrue(Duration.ofSeconds(60), () -> configMapExists("aoa-web-v2") && !configMapExists("aoa-web"),
                "the web child synced itself to aoa/web-v2");
        awaitTrue(Duration.ofSeconds(60), () -> !configMapExists("aoa-db")
                && jenkins.admin().get("/gitops/app/" + DB + "/").status() == 404,
                "the db child deleted with its ConfigMap");
        assertThat(jenkins.admin().get("/gitops/app/" + WEB + "/").body()).contains("/gitops/app/" + PARENT + "/");
    }
}
