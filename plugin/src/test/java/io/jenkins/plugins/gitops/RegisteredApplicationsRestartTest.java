package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** Registered applications are persisted with their owner and handed to the controller again after a restart. */
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
}
