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
 * Credentials for every Git repository, Helm chart repository or OCI registry whose URL starts with {@code urlPrefix}
 * (the longest matching prefix wins, like Argo CD's repository credential templates): a Username with password
 * credential for HTTPS and registries (the password may be a token) or an SSH Username with private key credential
 * for SSH URLs; optionally the PEM certificate of a private CA for Helm repositories and registries.
 */
public class RepositoryConfig extends AbstractDescribableImpl<RepositoryConfig> {

    private final String urlPrefix;
    private String credentialsId;
    private String caCertificate;

    @DataBoundConstructor
    public RepositoryConfig(String urlPrefix) {
        this.urlPrefix = Util.fixEmptyAndTrim(urlPrefix);
    }

    public String getUrlPrefix() {
        return urlPrefix;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Util.fixEmptyAndTrim(caCertificate);
    }

    @Override
    public String toString() {
        return "RepositoryConfig[" + urlPrefix + "]";
    }

    @Extension
    @Symbol("repository")
    public static class DescriptorImpl extends Descriptor<RepositoryConfig> {

        @Override
        public String getDisplayName() {
            return "Git and Helm repository credentials";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsResolver.repositoryCredentialItems(credentialsId);
        }

        @POST
        public FormValidation doCheckUrlPrefix(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String v = Util.fixEmptyAndTrim(value);
            if (v == null) {
                return FormValidation.error("A URL prefix is required, e.g. https://github.com/my-org/ or "
                        + "git@github.com:my-org/");
            }
            boolean known = v.startsWith("https://") || v.startsWith("http://") || v.startsWith("ssh://")
                    || v.startsWith("oci://") || v.matches("[^@/]+@[^:]+:.*");
            return known ? FormValidation.ok()
                    : FormValidation.warning("Expected an https://, ssh://, oci:// or git@host: URL prefix");
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return CredentialsResolver.checkRepositoryCredential(Util.fixEmptyAndTrim(value));
        }
    }
}
