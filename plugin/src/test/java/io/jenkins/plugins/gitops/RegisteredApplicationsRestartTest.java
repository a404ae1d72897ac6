package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Registered applications and ApplicationSets are persisted with their owner and handed to the controller again after
 * a restart.
 */
class RegisteredApplicationsRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void applicationsSurviveARestartAndFollowTheirJob() throws Throwable {
        sessions.then(j -> {
            j.createProject(WorkflowJob.class, "deploy");
            GitOpsService.get().register(TestStatuses.application(), TestStatuses.APP_YAML, "web.yaml", "deploy",
                    "deploy #1");
        });
        sessions.then(j -> {
            assertThat(GitOpsService.get().registered("web")).hasValueSatisfying(a -> {
                assertThat(a.getOwner()).isEqualTo("deploy");
                assertThat(a.getYaml()).isEqualTo(TestStatuses.APP_YAML);
                assertThat(a.getRegisteredBy()).isEqualTo("deploy #1");
            });
            assertThat(GitOpsService.get().runtime().controller().status("web"))
                    .hasValueSatisfying(s -> assertThat(s.owner()).isEqualTo("deploy"));
            j.jenkins.getItemByFullName("deploy", WorkflowJob.class).renameTo("deploy-web");
            assertThat(GitOpsService.get().registered("web"))
                    .hasValueSatisfying(a -> assertThat(a.getOwner()).isEqualTo("deploy-web"));
        });
        sessions.then(j -> {
            assertThat(GitOpsService.get().registered("web"))
                    .hasValueSatisfying(a -> assertThat(a.getOwner()).isEqualTo("deploy-web"));
            j.jenkins.getItemByFullName("deploy-web", WorkflowJob.class).delete();
            assertThat(GitOpsService.get().registered("web")).isEmpty();
            assertThat(GitOpsService.get().runtime().controller().status("web")).isEmpty();
        });
    }

    @Test
    void applicationSetsSurviveARestartWithTheApplicationsTheyGenerated() throws Throwable {
        sessions.then(j -> {
            j.createProject(WorkflowJob.class, "fleet");
            String yaml = ApplicationSetSyncTest.fixture();
            ApplicationSet set = ArgoDocuments.parse(yaml, "appset.yaml").applicationSets().get(0);
            Generated generated = GitOpsService.get().runtime().engine().generate(set);
            ApplicationSetSync.Result result = GitOpsService.get().registerApplicationSet(set, yaml, "appset.yaml",
                    "fleet", generated, "fleet #1", EngineLog.NONE);
            assertThat(result.applications()).hasSize(3);
        });
        sessions.then(j -> {
            assertThat(GitOpsService.get().registeredApplicationSets()).singleElement().satisfies(s -> {
                assertThat(s.getOwner()).isEqualTo("fleet");
                assertThat(s.getRegisteredBy()).isEqualTo("fleet #1");
            });
            assertThat(GitOpsService.get().registered("guestbook-prod")).hasValueSatisfying(a ->
                    assertThat(a.getApplicationSet()).isEqualTo("guestbook"));
            assertThat(GitOpsService.get().runtime().controller().status("guestbook-prod"))
                    .hasValueSatisfying(s -> assertThat(s.owner()).isEqualTo("fleet"));
            j.jenkins.getItemByFullName("fleet", WorkflowJob.class).delete();
            assertThat(GitOpsService.get().registeredApplicationSets()).isEmpty();
            assertThat(GitOpsService.get().registered("guestbook-dev")).isEmpty();
        });
    }
}
