package io.jenkins.plugins.gitops.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Kubernetes cluster Applications can deploy to. Exactly one way to authenticate is used: the pod's service
 * account ({@code inCluster}), a kubeconfig held in a Secret file credential, or the API server URL with a bearer
 * token held in a Secret text credential (plus an optional CA certificate). {@code name} is what an Application's
 * {@code spec.destination.name} refers to; {@code serverUrl} what {@code spec.destination.server} refers to.
 */
public class ClusterConfig extends AbstractDescribableImpl<ClusterConfig> {

    private final String name;
    private String serverUrl;
    private String credentialsId;
    private String caCertificate;
    private boolean insecureSkipTlsVerify;
    private String defaultNamespace;
    private boolean inCluster;
    private String context;
    private String allowedJobs;

    @DataBoundConstructor
    public ClusterConfig(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getName() {
        return name;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    /** Globs on full job names (commas or new lines) of the jobs allowed to deploy to this cluster; blank: any. */
    public String getAllowedJobs() {
        return allowedJobs;
    }

    @DataBoundSetter
    public void setAllowedJobs(String allowedJobs) {
        this.allowedJobs = Util.fixEmptyAndTrim(allowedJobs);
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = Util.fixEmptyAndTrim(serverUrl);
    }

    /** A Secret text (bearer token) or Secret file (kubeconfig) credential. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** PEM of the API server's CA; public data, so kept in the configuration itself. */
    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Util.fixEmptyAndTrim(caCertificate);
    }

    public boolean isInsecureSkipTlsVerify() {
        return insecureSkipTlsVerify;
    }

    @DataBoundSetter
    public void setInsecureSkipTlsVerify(boolean insecureSkipTlsVerify) {
        this.insecureSkipTlsVerify = insecureSkipTlsVerify;
    }

    public String getDefaultNamespace() {
        return defaultNamespace;
    }

    @DataBoundSetter
    public void setDefaultNamespace(String defaultNamespace) {
        this.defaultNamespace = Util.fixEmptyAndTrim(defaultNamespace);
    }

    public boolean isInCluster() {
        return inCluster;
    }

    @DataBoundSetter
    public void setInCluster(boolean inCluster) {
        this.inCluster = inCluster;
    }

    /** Context to use when the credential is a kubeconfig; empty for its current-context. */
    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = Util.fixEmptyAndTrim(context);
    }

    @Override
    public String toString() {
        return "ClusterConfig[" + name + ", " + (inCluster ? "in-cluster" : serverUrl) + "]";
    }

    @Extension
    @Symbol("cluster")
    public static class DescriptorImpl extends Descriptor<ClusterConfig> {

        @Override
        public String getDisplayName() {
            return "Kubernetes cluster";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsResolver.clusterCredentialItems(credentialsId);
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Validation.name(value);
        }

        @POST
        public FormValidation doCheckServerUrl(@QueryParameter String value, @QueryParameter boolean inCluster) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (inCluster) {
                return FormValidation.ok();
            }
            return Validation.httpsUrl(value, false, "The API server URL");
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String serverUrl,
                @QueryParameter boolean inCluster) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return CredentialsResolver.checkClusterCredential(Util.fixEmptyAndTrim(value),
                    Util.fixEmptyAndTrim(serverUrl), inCluster);
        }
    }
}
