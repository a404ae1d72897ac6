package io.jenkins.plugins.gitops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.TestStatuses;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who may see and operate an application: readers of the owning job see it, only builders may press its buttons,
 * buttons answer POST only, and users who cannot read the job do not even learn it exists.
 */
@WithJenkins
class GitOpsDashboardSecurityTest {

    JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        WorkflowJob job = j.createProject(WorkflowJob.class, "deploy");
        GitOpsService.get().register(TestStatuses.application(), TestStatuses.APP_YAML, "web.yaml", "deploy",
                "deploy #1");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader", "builder", "stranger")
                .grant(Item.READ).onItems(job).to("reader", "builder")
                .grant(Item.BUILD).onItems(job).to("builder"));
    }

    int status(String user, HttpMethod method, String path) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setRedirectEnabled(false);
        wc.login(user);
        WebRequest request = new WebRequest(new URL(j.getURL(), path), method);
        if (method == HttpMethod.POST) {
            wc.addCrumb(request);
        }
        Page page = wc.getPage(request);
        return page.getWebResponse().getStatusCode();
    }

    @Test
    void readersSeeTheApplicationOthersDoNot() throws Exception {
        assertThat(status("reader", HttpMethod.GET, "gitops/app/web/")).isEqualTo(200);
        assertThat(status("stranger", HttpMethod.GET, "gitops/app/web/")).isEqualTo(404);
        JenkinsRule.WebClient wc = j.createWebClient().login("stranger");
        assertThat(wc.goTo("gitops/").getWebResponse().getContentAsString()).doesNotContain("app/web/");
        assertThat(j.createWebClient().login("reader").goTo("gitops/").getWebResponse().getContentAsString())
                .contains("app/web/");
    }

    @Test
    void buttonsNeedBuildPermission() throws Exception {
        for (String action : new String[] {"refresh", "sync", "resumeSelfHeal", "pauseSelfHeal"}) {
            assertThat(status("reader", HttpMethod.POST, "gitops/app/web/" + action)).as(action).isEqualTo(403);
        }
        assertThat(status("builder", HttpMethod.POST, "gitops/app/web/refresh")).isEqualTo(302);
        assertThat(status("builder", HttpMethod.POST, "gitops/app/web/pauseSelfHeal")).isEqualTo(302);
    }

    @Test
    void unregisteringNeedsConfigurePermission() throws Exception {
        assertThat(status("builder", HttpMethod.POST, "gitops/app/web/unregister")).isEqualTo(403);
        assertThat(GitOpsService.get().registered("web")).isPresent();
    }

    @Test
    void buttonsDoNotAnswerGet() throws Exception {
        assertThat(status("builder", HttpMethod.GET, "gitops/app/web/refresh")).isIn(404, 405);
    }
}
