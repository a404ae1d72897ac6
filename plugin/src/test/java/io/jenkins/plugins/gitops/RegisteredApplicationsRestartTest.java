package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * Registered applications and ApplicationSets are persisted with their owner and handed to the controller again after
 * a restart.
 *
 * <p>Restarts use {@link JenkinsSessionRule} (in the test harness since 2020) driven from JUnit 5: its JUnit 5 twin,
 * {@code JenkinsSessionExtension}, only appeared in mid-2025 and may be missing from the harness the parent POM brings.
 */
class RegisteredApplicationsRestartTest {

    /** Runs each step as one Jenkins session; all sessions share one JENKINS_HOME, so each step follows a restart. */
    private static void sessions(String test, JenkinsSessionRule.Step... steps) throws Throwable {
        JenkinsSessionRule sessions = new JenkinsSessionRule();
        sessions.apply(new Statement() {
            @Override
            public void evaluate() throws Throwable {
                for (JenkinsSessionRule.Step step : steps) {
                    sessions.then(step);
                }
            }
        }, Description.createTestDescription(RegisteredApplicationsRestartTest.class, test)).evaluate();
    }

    @Test
    void applicationsSurviveARestartAndFollowTheirJob() throws Throwable {
        sessions("applicationsSurviveARestartAndFollowTheirJob", j -> {
            j.createProject(WorkflowJob.class, "deploy");
            GitOpsService.get().register(TestStatuses.application(), TestStatuses.APP_YAML, "web.yaml", "deploy",
                    "deploy #1");
        }, j -> {
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
        }, j -> {
            assertThat(GitOpsService.get().registered("web"))
                    .hasValueSatisfying(a -> assertThat(a.getOwner()).isEqualTo("deploy-web"));
            j.jenkins.getItemByFullName("deploy-web", WorkflowJob.class).delete();
            assertThat(GitOpsService.get().registered("web")).isEmpty();
            assertThat(GitOpsService.get().runtime().controller().status("web")).isEmpty();
        });
    }

    @Test
    void applicationSetsSurviveARestartWithTheApplicationsTheyGenerated() throws Throwable {
        sessions("applicationSetsSurviveARestartWithTheApplicationsTheyGenerated", j -> {
            j.createProject(WorkflowJob.class, "fleet");
            String yaml = ApplicationSetSyncTest.fixture();
            ApplicationSet set = ArgoDocuments.parse(yaml, "appset.yaml").applicationSets().get(0);
            Generated generated = GitOpsService.get().runtime().engine().generate(set);
            ApplicationSetSync.Result result = GitOpsService.get().registerApplicationSet(set, yaml, "appset.yaml",
                    "fleet", generated, "fleet #1", EngineLog.NONE);
            assertThat(result.applications()).hasSize(3);
        }, j -> {
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
