package io.jenkins.plugins.gitops.engine.notify;

import java.util.List;
import java.util.Map;

/**
 * Who is told about which trigger: {@code service} (a configured service name) and its recipients (a Slack
 * channel, e-mail addresses, a Jenkins job; empty for webhooks). From an Application annotation
 * {@code notifications.argoproj.io/subscribe.<trigger>.<service>: a;b} or from global configuration, where
 * {@code selector} (label equalities, all must match; empty matches every application) picks the applications.
 */
public record Subscription(String trigger, String service, List<String> recipients, Map<String, String> selector) {

    public boolean selects(Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
