package io.jenkins.plugins.gitops.notify;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A global subscription: every application whose labels match {@code selector} ({@code team=shop,env=prod}; empty
 * matches all) notifies {@code service} for {@code trigger}, to {@code recipients} ({@code ;}-separated).
 */
public class NotificationSubscription extends AbstractDescribableImpl<NotificationSubscription> {

    private final String trigger;
    private final String service;
    private String recipients;
    private String selector;

    @DataBoundConstructor
    public NotificationSubscription(String trigger, String service) {
        this.trigger = Util.fixEmptyAndTrim(trigger);
        this.service = Util.fixEmptyAndTrim(service);
    }

    public String getTrigger() {
        return trigger;
    }

    public String getService() {
        return service;
    }

    public String getRecipients() {
        return recipients;
    }

    @DataBoundSetter
    public void setRecipients(String recipients) {
        this.recipients = Util.fixEmptyAndTrim(recipients);
    }

    public String getSelector() {
        return selector;
    }

    @DataBoundSetter
    public void setSelector(String selector) {
        this.selector = Util.fixEmptyAndTrim(selector);
    }

    @Extension
    @Symbol("notificationSubscription")
    public static class DescriptorImpl extends Descriptor<NotificationSubscription> {

        @Override
        public String getDisplayName() {
            return "Notification subscription";
        }
    }
}
