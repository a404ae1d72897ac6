package io.jenkins.plugins.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.EngineSettings;
import io.jenkins.plugins.gitops.engine.webhook.GitProvider;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class GitOpsConfigurationTest {

    static void addCredentials() throws Exception {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "prod-token", "prod token",
                Secret.fromString("s3cr3t-token")));
        store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "github-hook", "hook",
                Secret.fromString("hook-secret")));
        store.getCredentials().add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "git", "git",
                "deployer", "git-password"));
        store.save();
    }

    static GitOpsConfiguration configure() {
        GitOpsConfiguration cfg = GitOpsConfiguration.get();
        ClusterConfig prod = new ClusterConfig("prod");
        prod.setServerUrl("https://10.0.0.1:6443");
        prod.setCredentialsId("prod-token");
        prod.setDefaultNamespace("apps");
        ClusterConfig local = new ClusterConfig("in-cluster");
        local.setInCluster(true);
        cfg.setClusters(List.of(prod, local));
        RepositoryConfig repo = new RepositoryConfig("https://git.example.com/");
        repo.setCredentialsId("git");
        cfg.setRepositories(List.of(repo));
        cfg.setReconcileIntervalSeconds(120);
        cfg.setCompareConcurrency(6);
        cfg.setOperationConcurrency(3);
        cfg.setGithubWebhookSecretId("github-hook");
        cfg.setDefaultCluster("in-cluster");
        return cfg;
    }

    @Test
    void everySettingSurvivesTheConfigurationPage(JenkinsRule j) throws Exception {
        addCredentials();
        configure();

        j.configRoundtrip();

        GitOpsConfiguration cfg = GitOpsConfiguration.get();
        assertThat(cfg.getClusters()).extracting(ClusterConfig::getName).containsExactly("prod", "in-cluster");
        ClusterConfig prod = cfg.getClusters().get(0);
        assertThat(prod.getServerUrl()).isEqualTo("https://10.0.0.1:6443");
        assertThat(prod.getCredentialsId()).isEqualTo("prod-token");
        assertThat(prod.getDefaultNamespace()).isEqualTo("apps");
        assertThat(prod.isInCluster()).isFalse();
        assertThat(cfg.getClusters().get(1).isInCluster()).isTrue();
        assertThat(cfg.getRepositories()).singleElement().satisfies(r -> {
            assertThat(r.getUrlPrefix()).isEqualTo("https://git.example.com/");
            assertThat(r.getCredentialsId()).isEqualTo("git");
        });
        assertThat(cfg.getReconcileIntervalSeconds()).isEqualTo(120);
        assertThat(cfg.getCompareConcurrency()).isEqualTo(6);
        assertThat(cfg.getOperationConcurrency()).isEqualTo(3);
        assertThat(cfg.getGithubWebhookSecretId()).isEqualTo("github-hook");
        assertThat(cfg.getGitlabWebhookSecretId()).isNull();
        assertThat(cfg.getDefaultCluster()).isEqualTo("in-cluster");
    }

    @Test
    void credentialsBecomeEngineSpecsWhoseTextHidesTheSecrets(JenkinsRule j) throws Exception {
        addCredentials();
        GitOpsConfiguration cfg = configure();

        EngineSettings settings = CredentialsResolver.resolve(cfg);

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.clusters()).hasSize(2);
        assertThat(settings.clusters().get(0).token()).isEqualTo("s3cr3t-token");
        assertThat(settings.clusters().get(0).toString()).doesNotContain("s3cr3t");
        assertThat(settings.clusters().get(1).inCluster()).isTrue();
        assertThat(settings.repositories()).singleElement().satisfies(r -> {
            assertThat(r.username()).isEqualTo("deployer");
            assertThat(r.password()).isEqualTo("git-password");
            assertThat(r.toString()).doesNotContain("git-password");
        });
        assertThat(CredentialsResolver.webhookSecrets(cfg)).containsEntry(GitProvider.GITHUB, "hook-secret")
                .doesNotContainKey(GitProvider.GITLAB);
    }

    @Test
    void aMissingCredentialIsReportedByClusterNameAndTheRestStillWorks(JenkinsRule j) throws Exception {
        addCredentials();
        GitOpsConfiguration cfg = configure();
        ClusterConfig broken = new ClusterConfig("staging");
        broken.setServerUrl("https://10.0.0.2:6443");
        broken.setCredentialsId("no-such-credential");
        cfg.setClusters(List.of(cfg.getClusters().get(0), broken));

        EngineSettings settings = CredentialsResolver.resolve(cfg);

        assertThat(settings.clusters()).extracting(c -> c.name()).containsExactly("prod");
        assertThat(settings.problems()).containsExactly(
                "cluster 'staging': credential 'no-such-credential' does not exist");
    }
}
