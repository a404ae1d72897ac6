package io.jenkins.plugins.gitops.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.notify.NotificationsConfig;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The plugin's section of Manage Jenkins, System: clusters, repository credentials, AppProjects, controller timing
 * and concurrency, webhook secrets. Saving it (from the page or JCasC) rebuilds the engine and controller.
 */
@Extension
@Symbol("gitops")
public class GitOpsConfiguration extends GlobalConfiguration {

    public static final int DEFAULT_RECONCILE_INTERVAL_SECONDS = 180;
    public static final int DEFAULT_COMPARE_CONCURRENCY =
            io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings.DEFAULT_COMPARE_CONCURRENCY;
    public static final int DEFAULT_OPERATION_CONCURRENCY =
            io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings.DEFAULT_OPERATION_CONCURRENCY;

    private List<ClusterConfig> clusters = new ArrayList<>();
    private List<RepositoryConfig> repositories = new ArrayList<>();
    private List<ImageRegistryConfig> imageRegistries = new ArrayList<>();
    /** The image updater's interval; 0 means the default (2 minutes, or the system property). */
    private int imageUpdateIntervalSeconds;
    private int reconcileIntervalSeconds = DEFAULT_RECONCILE_INTERVAL_SECONDS;
    private int compareConcurrency = DEFAULT_COMPARE_CONCURRENCY;
    private int operationConcurrency = DEFAULT_OPERATION_CONCURRENCY;
    /** High availability: 0 = this Jenkins syncs everything alone; N = one of a group sharing N shards. */
    private int shards;
    private String sharding = "cluster";
    private String leaseNamespace = "default";
    private String controllerIdentity;
    private double leaseDurationSeconds = 15;
    private double renewDeadlineSeconds = 10;
    private double retryPeriodSeconds = 2;
    private String githubWebhookSecretId;
    private String gitlabWebhookSecretId;
    private String bitbucketWebhookSecretId;
    /** Accept deliveries of a provider without a secret although another provider has one (off: refused). */
    private boolean allowUnsignedWebhooks;
    private String defaultCluster;
    /** A YAML stream of AppProject documents; null for none. */
    private String projects;
    /** Argo CD notifications (triggers, templates, services, subscriptions); null for none. */
    private NotificationsConfig notifications;
    /** The Kustomize installation (Manage Jenkins, Tools) the controller renders with; null: the first one, if any. */
    private String kustomizeInstallation;
    /** Maven repository helm-java's native library is fetched from; null: Maven Central. */
    private String helmNativeRepository;

    public GitOpsConfiguration() {
        load();
    }

    public static GitOpsConfiguration get() {
        return ExtensionList.lookupSingleton(GitOpsConfiguration.class);
    }

    /** Null lists can come from an older or hand-edited XML file. */
    @Override
    public synchronized void load() {
        super.load();
        if (clusters == null) {
            clusters = new ArrayList<>();
        }
        if (repositories == null) {
            repositories = new ArrayList<>();
        }
        if (imageRegistries == null) {
            imageRegistries = new ArrayList<>();
        }
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // a repeatable list with no entries is absent from the form: reset, then bind what was submitted
        clusters = new ArrayList<>();
        repositories = new ArrayList<>();
        imageRegistries = new ArrayList<>();
        imageUpdateIntervalSeconds = 0;
        githubWebhookSecretId = null;
        gitlabWebhookSecretId = null;
        bitbucketWebhookSecretId = null;
        allowUnsignedWebhooks = false;
        defaultCluster = null;
        projects = null;
        notifications = null;
        kustomizeInstallation = null;
        helmNativeRepository = null;
        try {
            ProjectDocuments.parse(json.optString("projects", ""));
        } catch (RuntimeException e) {
            throw new FormException(e.getMessage(), "projects");
        }
        req.bindJSON(this, json);
        if (notifications != null) {
            try {
                notifications.toEngine();
            } catch (RuntimeException e) {
                throw new FormException(e.getMessage(), "notifications");
            }
        }
        save();
        return true;
    }

    @Override
    public synchronized void save() {
        super.save();
        GitOpsService service = ExtensionList.lookup(GitOpsService.class).get(GitOpsService.class);
        if (service != null) {
            service.configurationChanged();
        }
    }

    public List<ClusterConfig> getClusters() {
        return clusters;
    }

    @DataBoundSetter
    public void setClusters(List<ClusterConfig> clusters) {
        this.clusters = clusters == null ? new ArrayList<>() : new ArrayList<>(clusters);
        save();
    }

    public List<RepositoryConfig> getRepositories() {
        return repositories;
    }

    @DataBoundSetter
    public void setRepositories(List<RepositoryConfig> repositories) {
        this.repositories = repositories == null ? new ArrayList<>() : new ArrayList<>(repositories);
        save();
    }

    public List<ImageRegistryConfig> getImageRegistries() {
        return imageRegistries;
    }

    @DataBoundSetter
    public void setImageRegistries(List<ImageRegistryConfig> imageRegistries) {
        this.imageRegistries = imageRegistries == null ? new ArrayList<>() : new ArrayList<>(imageRegistries);
        save();
    }

    public int getImageUpdateIntervalSeconds() {
        return imageUpdateIntervalSeconds;
    }

    @DataBoundSetter
    public void setImageUpdateIntervalSeconds(int seconds) {
        this.imageUpdateIntervalSeconds = Math.max(0, seconds);
        save();
    }

    public int getReconcileIntervalSeconds() {
        return reconcileIntervalSeconds;
    }

    @DataBoundSetter
    public void setReconcileIntervalSeconds(int seconds) {
        this.reconcileIntervalSeconds = seconds <= 0 ? DEFAULT_RECONCILE_INTERVAL_SECONDS : seconds;
        save();
    }

    public int getCompareConcurrency() {
        return compareConcurrency;
    }

    @DataBoundSetter
    public void setCompareConcurrency(int n) {
        this.compareConcurrency = n <= 0 ? DEFAULT_COMPARE_CONCURRENCY : n;
        save();
    }

    public int getOperationConcurrency() {
        return operationConcurrency;
    }

    @DataBoundSetter
    public void setOperationConcurrency(int n) {
        this.operationConcurrency = n <= 0 ? DEFAULT_OPERATION_CONCURRENCY : n;
        save();
    }

    public int getShards() {
        return shards;
    }

    @DataBoundSetter
    public void setShards(int n) {
        this.shards = Math.max(0, n);
        save();
    }

    public String getSharding() {
        return sharding == null ? "cluster" : sharding;
    }

    @DataBoundSetter
    public void setSharding(String value) {
        this.sharding = Util.fixEmptyAndTrim(value) == null ? "cluster" : value.trim();
        save();
    }

    public String getLeaseNamespace() {
        return leaseNamespace == null ? "default" : leaseNamespace;
    }

    @DataBoundSetter
    public void setLeaseNamespace(String value) {
        this.leaseNamespace = Util.fixEmptyAndTrim(value) == null ? "default" : value.trim();
        save();
    }

    public String getControllerIdentity() {
        return controllerIdentity;
    }

    @DataBoundSetter
    public void setControllerIdentity(String value) {
        this.controllerIdentity = Util.fixEmptyAndTrim(value);
        save();
    }

    public double getLeaseDurationSeconds() {
        return leaseDurationSeconds <= 0 ? 15 : leaseDurationSeconds;
    }

    @DataBoundSetter
    public void setLeaseDurationSeconds(double value) {
        this.leaseDurationSeconds = value;
        save();
    }

    public double getRenewDeadlineSeconds() {
        return renewDeadlineSeconds <= 0 ? 10 : renewDeadlineSeconds;
    }

    @DataBoundSetter
    public void setRenewDeadlineSeconds(double value) {
        this.renewDeadlineSeconds = value;
        save();
    }

    public double getRetryPeriodSeconds() {
        return retryPeriodSeconds <= 0 ? 2 : retryPeriodSeconds;
    }

    @DataBoundSetter
    public void setRetryPeriodSeconds(double value) {
        this.retryPeriodSeconds = value;
        save();
    }

    /** This Jenkins' identity in the leases: the configured one, else its root URL, else its instance id. */
    public String effectiveIdentity() {
        if (controllerIdentity != null) {
            return controllerIdentity;
        }
        String root = Jenkins.get().getRootUrl();
        return root != null ? root : "jenkins-" + Jenkins.get().getLegacyInstanceId();
    }

    /**
     * The high-availability settings, null when {@link #getShards()} is 0 (this Jenkins syncs everything alone).
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public io.jenkins.plugins.gitops.engine.reconcile.shard.ShardSettings shardSettings() {
        if (shards <= 0) {
            return null;
        }
        var timing = new io.jenkins.plugins.gitops.engine.reconcile.shard.LeaseTiming(
                java.time.Duration.ofMillis(Math.round(getLeaseDurationSeconds() * 1000)),
                java.time.Duration.ofMillis(Math.round(getRenewDeadlineSeconds() * 1000)),
                java.time.Duration.ofMillis(Math.round(getRetryPeriodSeconds() * 1000)));
        return new io.jenkins.plugins.gitops.engine.reconcile.shard.ShardSettings(shards,
                io.jenkins.plugins.gitops.engine.reconcile.shard.Sharding.of(getSharding()), getLeaseNamespace(),
                effectiveIdentity(), timing);
    }

    @POST
    public FormValidation doCheckSharding(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            io.jenkins.plugins.gitops.engine.reconcile.shard.Sharding.of(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    public String getGithubWebhookSecretId() {
        return githubWebhookSecretId;
    }

    @DataBoundSetter
    public void setGithubWebhookSecretId(String id) {
        this.githubWebhookSecretId = Util.fixEmptyAndTrim(id);
        save();
    }

    public String getGitlabWebhookSecretId() {
        return gitlabWebhookSecretId;
    }

    @DataBoundSetter
    public void setGitlabWebhookSecretId(String id) {
        this.gitlabWebhookSecretId = Util.fixEmptyAndTrim(id);
        save();
    }

    public boolean isAllowUnsignedWebhooks() {
        return allowUnsignedWebhooks;
    }

    @DataBoundSetter
    public void setAllowUnsignedWebhooks(boolean allowUnsignedWebhooks) {
        this.allowUnsignedWebhooks = allowUnsignedWebhooks;
        save();
    }

    public String getBitbucketWebhookSecretId() {
        return bitbucketWebhookSecretId;
    }

    @DataBoundSetter
    public void setBitbucketWebhookSecretId(String id) {
        this.bitbucketWebhookSecretId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** Name of the cluster used for {@code https://kubernetes.default.svc} destinations; empty for in-cluster. */
    public String getDefaultCluster() {
        return defaultCluster;
    }

    @DataBoundSetter
    public void setDefaultCluster(String name) {
        this.defaultCluster = Util.fixEmptyAndTrim(name);
        save();
    }

    /** AppProject documents (YAML, separated by {@code ---}) the engine enforces on every application. */
    public String getProjects() {
        return projects;
    }

    /**
     * @throws IllegalArgumentException naming the document and field when the YAML is not a valid set of AppProjects
     *     (so Configuration as Code fails instead of saving projects the engine cannot use)
     */
    @DataBoundSetter
    public void setProjects(String yaml) {
        String value = yaml == null || yaml.isBlank() ? null : yaml;
        ProjectDocuments.parse(value);
        this.projects = value;
        save();
    }

    public NotificationsConfig getNotifications() {
        return notifications;
    }

    /**
     * @throws IllegalArgumentException naming the key and field when the notification configuration is invalid
     *     (unknown trigger or service, a template that does not parse, an undefined secret)
     */
    @DataBoundSetter
    public void setNotifications(NotificationsConfig notifications) {
        if (notifications != null) {
            try {
                notifications.toEngine();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        this.notifications = notifications;
        save();
    }

    /** The Kustomize installation's name; empty for the first one configured in Manage Jenkins, Tools. */
    public String getKustomizeInstallation() {
        return kustomizeInstallation;
    }

    @DataBoundSetter
    public void setKustomizeInstallation(String name) {
        this.kustomizeInstallation = Util.fixEmptyAndTrim(name);
        save();
    }

    /** The Maven repository (Maven layout) for helm-java's native library; empty for Maven Central. */
    public String getHelmNativeRepository() {
        return helmNativeRepository;
    }

    /** @throws IllegalArgumentException when it is not an http(s) or file URL (JCasC then fails naming it) */
    @DataBoundSetter
    public void setHelmNativeRepository(String url) {
        String value = Util.fixEmptyAndTrim(url);
        if (value != null) {
            Validation.repositoryUrl(value);
        }
        this.helmNativeRepository = value;
        save();
    }

    @POST
    public ListBoxModel doFillKustomizeInstallationItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ListBoxModel items = new ListBoxModel();
        items.add("(the first Kustomize installation, else kustomize or kubectl on the PATH)", "");
        for (io.jenkins.plugins.gitops.tools.KustomizeInstallation i
                : io.jenkins.plugins.gitops.tools.KustomizeInstallation.descriptor().getInstallations()) {
            items.add(i.getName(), i.getName());
        }
        return items;
    }

    @POST
    public FormValidation doCheckHelmNativeRepository(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return FormValidation.ok();
        }
        try {
            Validation.repositoryUrl(url);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public ListBoxModel doFillGithubWebhookSecretIdItems(@QueryParameter String githubWebhookSecretId) {
        return CredentialsResolver.secretTextItems(githubWebhookSecretId);
    }

    @POST
    public ListBoxModel doFillGitlabWebhookSecretIdItems(@QueryParameter String gitlabWebhookSecretId) {
        return CredentialsResolver.secretTextItems(gitlabWebhookSecretId);
    }

    @POST
    public ListBoxModel doFillBitbucketWebhookSecretIdItems(@QueryParameter String bitbucketWebhookSecretId) {
        return CredentialsResolver.secretTextItems(bitbucketWebhookSecretId);
    }

    @POST
    public FormValidation doCheckReconcileIntervalSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return Validation.positiveInt(value, 10, "the refresh interval");
    }

    @POST
    public FormValidation doCheckCompareConcurrency(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return Validation.positiveInt(value, 1, "the number of concurrent comparisons");
    }

    @POST
    public FormValidation doCheckOperationConcurrency(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return Validation.positiveInt(value, 1, "the number of concurrent syncs");
    }

    @POST
    public FormValidation doCheckProjects(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ProjectDocuments.check(value);
    }

    @POST
    public FormValidation doCheckDefaultCluster(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String name = Util.fixEmptyAndTrim(value);
        if (name == null) {
            return FormValidation.ok();
        }
        boolean known = clusters.stream().anyMatch(c -> name.equals(c.getName()));
        return known ? FormValidation.ok()
                : FormValidation.warning("No cluster named '" + name + "' is configured (save the clusters first)");
    }
}
