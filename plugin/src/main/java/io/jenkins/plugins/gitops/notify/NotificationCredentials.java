package io.jenkins.plugins.gitops.notify;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Secret text credentials for notification secrets. */
final class NotificationCredentials {

    private NotificationCredentials() {}

    /** The secret's text, or null when there is no Secret text credential with that id. */
    static String secretText(String id) {
        if (id == null) {
            return null;
        }
        StringCredentials c = CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
        return c == null ? null : c.getSecret().getPlainText();
    }

    static ListBoxModel secretTextItems(String current) {
        String value = current == null ? "" : current;
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(value);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(),
                        CredentialsMatchers.instanceOf(StringCredentials.class))
                .includeCurrentValue(value);
    }
}
