package io.jenkins.plugins.gitops.notify;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One {@code $key} of the notification configuration, answered by a Secret text credential. */
public class NotificationSecret extends AbstractDescribableImpl<NotificationSecret> {

    private final String key;
    private final String credentialsId;

    @DataBoundConstructor
    public NotificationSecret(String key, String credentialsId) {
        this.key = Util.fixEmptyAndTrim(key);
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getKey() {
        return key;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Extension
    @Symbol("notificationSecret")
    public static class DescriptorImpl extends Descriptor<NotificationSecret> {

        @Override
        public String getDisplayName() {
            return "Notification secret";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return NotificationCredentials.secretTextItems(credentialsId);
        }

        @POST
        public FormValidation doCheckKey(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String k = Util.fixEmptyAndTrim(value);
            if (k == null) {
                return FormValidation.error("The key is required (what the configuration writes as $key)");
            }
            return k.startsWith("$") ? FormValidation.error("Write the key without the $ (the configuration has $"
                    + k.substring(1) + ")") : FormValidation.ok();
        }
    }
}
