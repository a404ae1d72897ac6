package io.jenkins.plugins.gitops.config;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.EngineSettings;
import io.jenkins.plugins.gitops.engine.ClusterSpec;
import io.jenkins.plugins.gitops.engine.RepoCredentialSpec;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.webhook.GitProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns credential ids of the configuration into the engine's connection specs. Lookups run as SYSTEM in the
 * Jenkins root, so only global (and system) credentials are used, as for any global configuration. Secrets are
 * copied into the specs and go nowhere else: problems name the cluster and the credential id, never the value.
 */
public final class CredentialsResolver {

    private static final CredentialsMatcher CLUSTER_TYPES = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(FileCredentials.class));

    private static final CredentialsMatcher REPOSITORY_TYPES = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
            CredentialsMatchers.instanceOf(SSHUserPrivateKey.class));

    private CredentialsResolver() {}

    /** Everything the engine needs from this configuration; a broken entry is left out and reported. */
    public static EngineSettings resolve(GitOpsConfiguration cfg) {
        List<String> problems = new ArrayList<>();
        List<ClusterSpec> clusters = new ArrayList<>();
        for (ClusterConfig c : cfg.getClusters()) {
            try {
                clusters.add(clusterSpec(c));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        List<RepoCredentialSpec> repositories = new ArrayList<>();
        for (RepositoryConfig r : cfg.getRepositories()) {
            try {
                repositories.add(repoCredential(r));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        List<AppProject> projects;
        try {
            projects = ProjectDocuments.parse(cfg.getProjects());
        } catch (RuntimeException e) {
            // fail closed: a broken project list must not let every application through
            problems.add(e.getMessage() + "; until the AppProjects are fixed every application is refused");
            projects = List.of(ProjectDocuments.denyAll());
        }
        io.jenkins.plugins.gitops.engine.reconcile.shard.ShardSettings sharding = null;
        try {
            sharding = cfg.shardSettings();
        } catch (IllegalArgumentException e) {
            problems.add("high availability: " + e.getMessage() + "; this Jenkins syncs every application alone");
        }
        Map<String, List<String>> allowedJobs = new java.util.LinkedHashMap<>();
        for (ClusterConfig c : cfg.getClusters()) {
            List<String> patterns = AppProject.jobPatterns(c.getAllowedJobs());
            if (!patterns.isEmpty()) {
                allowedJobs.put(c.getName(), patterns);
                if (c.getServerUrl() != null) {
                    allowedJobs.put(c.getServerUrl(), patterns);
                }
            }
        }
        return new EngineSettings(clusters, cfg.getDefaultCluster(), repositories, projects,
                Duration.ofSeconds(cfg.getReconcileIntervalSeconds()), cfg.getCompareConcurrency(),
                cfg.getOperationConcurrency(), problems, allowedJobs,
                io.jenkins.plugins.gitops.tools.RenderToolsConfig.renderTools(cfg.getKustomizeInstallation(),
                        cfg.getHelmNativeRepository()), sharding);
    }

    /** The shared webhook secrets per provider (providers without a configured secret are absent). */
    public static Map<GitProvider, String> webhookSecrets(GitOpsConfiguration cfg) {
        Map<GitProvider, String> secrets = new EnumMap<>(GitProvider.class);
        putSecret(secrets, GitProvider.GITHUB, cfg.getGithubWebhookSecretId());
        putSecret(secrets, GitProvider.GITLAB, cfg.getGitlabWebhookSecretId());
        putSecret(secrets, GitProvider.BITBUCKET_SERVER, cfg.getBitbucketWebhookSecretId());
        putSecret(secrets, GitProvider.BITBUCKET_CLOUD, cfg.getBitbucketWebhookSecretId());
        return secrets;
    }

    private static void putSecret(Map<GitProvider, String> secrets, GitProvider provider, String id) {
        if (id == null) {
            return;
        }
        StringCredentials c = lookup(id, StringCredentials.class);
        if (c == null) {
            // fail closed: a configured but missing secret must not turn verification off
            throw new IllegalStateException("the " + provider + " webhook secret credential '" + id
                    + "' does not exist or is not a Secret text credential");
        }
        secrets.put(provider, c.getSecret().getPlainText());
    }

    static ClusterSpec clusterSpec(ClusterConfig c) {
        String name = c.getName();
        if (name == null) {
            throw new IllegalArgumentException("a cluster has no name");
        }
        if (c.isInCluster()) {
            return new ClusterSpec(name, c.getServerUrl(), null, c.getCaCertificate(), c.isInsecureSkipTlsVerify(),
                    null, null, true, c.getDefaultNamespace());
        }
        String id = c.getCredentialsId();
        if (id == null) {
            throw new IllegalArgumentException("cluster '" + name + "': choose a credential (Secret text token or "
                    + "Secret file kubeconfig) or tick 'In cluster'");
        }
        StandardCredentials cred = lookup(id, StandardCredentials.class);
        if (cred instanceof StringCredentials token) {
            if (c.getServerUrl() == null) {
                throw new IllegalArgumentException("cluster '" + name + "': a token credential needs the API "
                        + "server URL");
            }
            return new ClusterSpec(name, c.getServerUrl(), token.getSecret().getPlainText(), c.getCaCertificate(),
                    c.isInsecureSkipTlsVerify(), null, null, false, c.getDefaultNamespace());
        }
        if (cred instanceof FileCredentials file) {
            return new ClusterSpec(name, c.getServerUrl(), null, c.getCaCertificate(), c.isInsecureSkipTlsVerify(),
                    read(file, name, id), c.getContext(), false, c.getDefaultNamespace());
        }
        throw new IllegalArgumentException("cluster '" + name + "': credential '" + id + "' "
                + (cred == null ? "does not exist" : "is neither Secret text (token) nor Secret file (kubeconfig)"));
    }

    static RepoCredentialSpec repoCredential(RepositoryConfig r) {
        return credentialFor(r).withCaCertificate(r.getCaCertificate());
    }

    private static RepoCredentialSpec credentialFor(RepositoryConfig r) {
        String prefix = r.getUrlPrefix();
        if (prefix == null) {
            throw new IllegalArgumentException("a repository entry has no URL prefix");
        }
        String id = r.getCredentialsId();
        if (id == null && r.getCaCertificate() != null) {
            // only a CA for an anonymous Helm repository or registry
            return new RepoCredentialSpec(prefix, null, null, null, null);
        }
        StandardCredentials cred = id == null ? null : lookup(id, StandardCredentials.class);
        if (cred instanceof StandardUsernamePasswordCredentials up) {
            return RepoCredentialSpec.https(prefix, up.getUsername(), up.getPassword().getPlainText());
        }
        if (cred instanceof SSHUserPrivateKey ssh) {
            List<String> keys = ssh.getPrivateKeys();
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("repository '" + prefix + "': SSH credential '" + id
                        + "' holds no private key");
            }
            Secret passphrase = ssh.getPassphrase();
            return RepoCredentialSpec.ssh(prefix, ssh.getUsername(), keys.get(0),
                    passphrase == null ? null : passphrase.getPlainText());
        }
        throw new IllegalArgumentException("repository '" + prefix + "': credential '" + id + "' "
                + (cred == null ? "does not exist" : "is neither Username with password nor SSH private key"));
    }

    private static String read(FileCredentials file, String cluster, String id) {
        try (InputStream in = file.getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cluster '" + cluster + "': cannot read kubeconfig credential '" + id
                    + "': " + e.getMessage(), e);
        }
    }

    private static <C extends StandardCredentials> C lookup(String id, Class<C> type) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
    }

    static ListBoxModel secretTextItems(String current) {
        return items(current, CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    static ListBoxModel clusterCredentialItems(String current) {
        return items(current, CLUSTER_TYPES);
    }

    static ListBoxModel usernamePasswordItems(String current) {
        return items(current, CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
    }

    /**
     * The image updater's registry credentials: one per configured registry prefix. A broken entry is left out and
     * named in {@code problems} (prefix and credential id, never a secret).
     */
    public static List<io.jenkins.plugins.gitops.engine.imageupdate.RegistryCredential> registryCredentials(
            GitOpsConfiguration cfg, List<String> problems) {
        List<io.jenkins.plugins.gitops.engine.imageupdate.RegistryCredential> out = new ArrayList<>();
        for (ImageRegistryConfig r : cfg.getImageRegistries()) {
            String id = r.getCredentialsId();
            if (r.getPrefix() == null) {
                problems.add("an image registry entry has no prefix");
                continue;
            }
            StandardUsernamePasswordCredentials up = id == null ? null
                    : lookup(id, StandardUsernamePasswordCredentials.class);
            if (up == null) {
                problems.add("image registry '" + r.getPrefix() + "': credential '" + id + "' does not exist or is not "
                        + "a Username with password credential");
                continue;
            }
            out.add(new io.jenkins.plugins.gitops.engine.imageupdate.RegistryCredential(r.getPrefix(),
                    up.getUsername(), up.getPassword().getPlainText()));
        }
        return out;
    }

    static ListBoxModel repositoryCredentialItems(String current) {
        return items(current, REPOSITORY_TYPES);
    }

    private static ListBoxModel items(String current, CredentialsMatcher matcher) {
        String value = current == null ? "" : current;
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(value);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), matcher)
                .includeCurrentValue(value);
    }

    static FormValidation checkClusterCredential(String id, String serverUrl, boolean inCluster) {
        if (inCluster) {
            return id == null ? FormValidation.ok()
                    : FormValidation.warning("Ignored: 'In cluster' uses the pod's service account");
        }
        if (id == null) {
            return FormValidation.error("Choose a Secret text (token) or Secret file (kubeconfig) credential");
        }
        StandardCredentials cred = lookup(id, StandardCredentials.class);
        if (cred instanceof StringCredentials) {
            return serverUrl == null ? FormValidation.error("A token credential needs the API server URL")
                    : FormValidation.ok();
        }
        if (cred instanceof FileCredentials) {
            return FormValidation.ok();
        }
        return FormValidation.error(cred == null ? "No credential with this id"
                : "This credential is neither Secret text nor Secret file");
    }

    static FormValidation checkRepositoryCredential(String id) {
        if (id == null) {
            return FormValidation.error("Choose a Username with password or SSH private key credential");
        }
        StandardCredentials cred = lookup(id, StandardCredentials.class);
        if (cred instanceof StandardUsernamePasswordCredentials || cred instanceof SSHUserPrivateKey) {
            return FormValidation.ok();
        }
        return FormValidation.error(cred == null ? "No credential with this id"
                : "This credential is neither Username with password nor SSH private key");
    }
}
