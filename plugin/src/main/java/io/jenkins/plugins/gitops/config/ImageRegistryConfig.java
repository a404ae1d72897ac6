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
 * Registry credentials for the image updater: a Username with password credential (the password may be a token) for
 * every image whose {@code registry/repository} starts with {@code prefix} ({@code ghcr.io}, {@code ghcr.io/acme},
 * {@code docker.io}); the longest matching prefix wins. An image's {@code pull-secret} annotation overrides it.
 * JCasC: {@code unclassified: gitops: imageRegistries: - imageRegistry: {prefix: ghcr.io/acme, credentialsId: ...}}.
 */
public class ImageRegistryConfig extends AbstractDescribableImpl<ImageRegistryConfig> {

    private final String prefix;
    private String credentialsId;

    @DataBoundConstructor
    public ImageRegistryConfig(String prefix) {
        this.prefix = Util.fixEmptyAndTrim(prefix);
    }

    public String getPrefix() {
        return prefix;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    public String toString() {
        return "ImageRegistryConfig[" + prefix + "]";
    }

    @Extension
    @Symbol("imageRegistry")
    public static class DescriptorImpl extends Descriptor<ImageRegistryConfig> {

        @Override
        public String getDisplayName() {
            return "Image registry credentials";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsResolver.usernamePasswordItems(credentialsId);
        }

        @POST
        public FormValidation doCheckPrefix(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String v = Util.fixEmptyAndTrim(value);
            if (v == null) {
                return FormValidation.error("A registry prefix is required, e.g. ghcr.io/acme or docker.io");
            }
            return v.contains("://") ? FormValidation.warning("Write the registry host without a scheme, e.g. "
                    + "ghcr.io/acme") : FormValidation.ok();
        }
    }
}
