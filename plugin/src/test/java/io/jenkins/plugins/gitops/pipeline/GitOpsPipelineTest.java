package io.jenkins.plugins.gitops.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.action.GitOpsRunAction;
import io.jenkins.plugins.gitops.config.ClusterConfig;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * gitopsDiff and gitopsSync in a real pipeline against the fabric8 mock API server (CRUD mode). The Application
 * renders a workspace directory ({@code local:}), so no Git server is needed, and asks for client-side apply
 * ({@code ServerSideApply=false}) because the mock does not implement server-side apply.
 */
@WithJenkins
@EnableKubernetesMockClient(crud = true)
class GitOpsPipelineTest {

    KubernetesMockServer server;
    KubernetesClient client;

    static final String API_V1 = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
              {"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap",
               "verbs":["create","delete","get","list","patch","update","watch"]},
              {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace",
               "verbs":["create","delete","get","list","patch","update","watch"]}]}
            """;

    static final String SCRIPT = """
            node {
              writeFile file: 'app.yaml', text: '''\
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: demo
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: https://git.example.invalid/demo.git
                path: manifests
                targetRevision: HEAD
              destination:
                name: mock
                namespace: demo
              syncPolicy:
                syncOptions: [ServerSideApply=false]
            '''
              writeFile file: 'manifests/settings.yaml', text: '''\
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: demo
            data:
              color: blue
            '''
              def before = gitopsDiff file: 'app.yaml', local: 'manifests'
              echo "in sync before: ${before}"
              def result = gitopsSync file: 'app.yaml', local: 'manifests'
              echo "sync phase: ${result.phase}, sync: ${result.sync}"
              def after = gitopsDiff application: 'demo', local: 'manifests'
              echo "in sync after: ${after}"
            }
            """;

    @BeforeEach
    void discovery() {
        server.expect().get().withPath("/api/v1").andReturn(200, API_V1).always();
        server.expect().get().withPath("/apis").andReturn(200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\","
                + "\"groups\":[]}").always();
    }

    void configureMockCluster() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "mock-token", "", Secret.fromString("mock-token-value")));
        ClusterConfig mock = new ClusterConfig("mock");
        mock.setServerUrl(server.url("/").replaceAll("/$", ""));
        mock.setCredentialsId("mock-token");
        GitOpsConfiguration.get().setClusters(List.of(mock));
    }

    @Test
    void diffThenSyncAWorkspaceApplication(JenkinsRule j) throws Exception {
        configureMockCluster();
        WorkflowJob job = j.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition(SCRIPT, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("in sync before: false", run);
        j.assertLogContains("sync phase: Succeeded", run);
        j.assertLogContains("in sync after: true", run);
        j.assertLogNotContains("mock-token-value", run);
        ConfigMap settings = client.configMaps().inNamespace("demo").withName("settings").get();
        assertThat(settings).isNotNull();
        assertThat(settings.getData()).containsEntry("color", "blue");
        GitOpsRunAction action = run.getAction(GitOpsRunAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getApp()).isEqualTo("demo");
        assertThat(action.getSnapshot().getSync()).isEqualTo("Synced");
        assertThat(GitOpsService.get().registered("demo"))
                .hasValueSatisfying(a -> assertThat(a.getOwner()).isEqualTo("deploy"));
    }

    @Test
    void failOnDiffFailsTheBuildAndTheDiffIsOnTheBuildPage(JenkinsRule j) throws Exception {
        configureMockCluster();
        WorkflowJob job = j.createProject(WorkflowJob.class, "check");
        job.setDefinition(new CpsFlowDefinition(SCRIPT.replace(
                "def before = gitopsDiff file: 'app.yaml', local: 'manifests'",
                "def before = gitopsDiff file: 'app.yaml', local: 'manifests', failOnDiff: true"), true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("failOnDiff is set", run);
        assertThat(run.getAction(GitOpsRunAction.class).getSnapshot().getDiff()).contains("settings");
        assertThat(client.configMaps().inNamespace("demo").withName("settings").get()).isNull();
    }

    @Test
    void anApplicationOfAnotherJobIsRefusedByName(JenkinsRule j) throws Exception {
        configureMockCluster();
        WorkflowJob owner = j.createProject(WorkflowJob.class, "deploy");
        owner.setDefinition(new CpsFlowDefinition(SCRIPT, true));
        j.buildAndAssertSuccess(owner);
        WorkflowJob other = j.createProject(WorkflowJob.class, "other");
        other.setDefinition(new CpsFlowDefinition("def s = gitopsStatus 'demo'\necho \"status: ${s.sync}\"", true));

        // without an authorization strategy builds run as SYSTEM, so another job may read the application; its Git
        // source (example.invalid) cannot be fetched, so the status is Unknown and says why
        WorkflowRun read = j.buildAndAssertSuccess(other);
        j.assertLogContains("status: Unknown", read);
        // ...but it cannot register an application of the same name: it belongs to 'deploy'
        other.setDefinition(new CpsFlowDefinition(SCRIPT, true));
        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, other);
        j.assertLogContains("application 'demo' is registered by job 'deploy'", refused);
    }
}
