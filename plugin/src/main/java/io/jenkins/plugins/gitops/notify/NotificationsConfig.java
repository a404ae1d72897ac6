package io.jenkins.plugins.gitops.notify;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.engine.notify.NotificationConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The notifications section of the GitOps configuration: Argo CD's {@code argocd-notifications-cm} as YAML (the
 * ConfigMap or its {@code data}), the credentials that answer its {@code $secrets}, and global subscriptions.
 * {@link #toEngine()} converts; it fails naming the key and field, which is how saving rejects bad input.
 */
public class NotificationsConfig extends AbstractDescribableImpl<NotificationsConfig> {

    private String config;
    private List<NotificationSecret> secrets = new ArrayList<>();
    private List<NotificationSubscription> subscriptions = new ArrayList<>();

    @DataBoundConstructor
    public NotificationsConfig() {}

    public String getConfig() {
        return config;
    }

    /** The {@code argocd-notifications-cm} YAML: triggers, templates, services, subscriptions, context. */
    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Util.fixEmptyAndTrim(config) == null ? null : config;
    }

    public List<NotificationSecret> getSecrets() {
        return secrets;
    }

    @DataBoundSetter
    public void setSecrets(List<NotificationSecret> secrets) {
        this.secrets = secrets == null ? new ArrayList<>() : new ArrayList<>(secrets);
    }

    public List<NotificationSubscription> getSubscriptions() {
        return subscriptions;
    }

    @DataBoundSetter
    public void setSubscriptions(List<NotificationSubscription> subscriptions) {
        this.subscriptions = subscriptions == null ? new ArrayList<>() : new ArrayList<>(subscriptions);
    }

    /** The engine's configuration; throws {@code ValidationException} naming the field at fault. */
    public NotificationConfig toEngine() {
        Map<String, String> bySecretKey = new HashMap<>();
        for (NotificationSecret s : secrets == null ? List.<NotificationSecret>of() : secrets) {
            if (s.getKey() != null) {
                bySecretKey.put(s.getKey(), s.getCredentialsId());
            }
        }
        List<NotificationConfig.GlobalSubscription> global = new ArrayList<>();
        for (NotificationSubscription s : subscriptions == null ? List.<NotificationSubscription>of()
                : subscriptions) {
            global.add(new NotificationConfig.GlobalSubscription(s.getTrigger(), s.getService(), s.getRecipients(),
                    s.getSelector()));
        }
        Map<String, String> data = NotificationConfig.withSubscriptions(
                NotificationConfig.readData(config == null ? "" : config, "notifications"), global);
        return NotificationConfig.parse(data, key -> bySecretKey.containsKey(key)
                ? NotificationCredentials.secretText(bySecretKey.get(key)) : null, "notifications");
    }

    @Extension
    @Symbol("notifications")
    public static class DescriptorImpl extends Descriptor<NotificationsConfig> {

        @Override
        public String getDisplayName() {
            return "Notifications";
        }

        @POST
        public FormValidation doCheckConfig(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                NotificationConfig.parse(NotificationConfig.readData(value == null ? "" : value, "notifications"),
                        key -> "", "notifications");
                return FormValidation.ok();
            } catch (RuntimeException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
