package io.jenkins.plugins.gitops.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationConfigTest {

    static final Map<String, String> SECRETS = Map.of("ci-password", "s3cret-pw");

    static NotificationConfig fixture(String ciUrl, String slackUrl) {
        String yaml = States.resource("argocd-notifications-cm.yaml").replace("${CI_URL}", ciUrl)
                .replace("${SLACK_URL}", slackUrl);
        return NotificationConfig.parse(NotificationConfig.readData(yaml, "argocd-notifications-cm.yaml"),
                SECRETS::get, "argocd-notifications-cm.yaml");
    }

    @Test
    void catalogIsBuiltInAndUserKeysReplaceIt() {
        NotificationConfig c = fixture("http://ci", "http://slack");
        assertThat(c.triggers()).containsKeys("on-created", "on-deleted", "on-deployed", "on-health-degraded",
                "on-sync-failed", "on-sync-running", "on-sync-status-unknown", "on-sync-succeeded");
        assertThat(c.triggers().get("on-deployed").conditions().get(0).oncePer().source())
                .isEqualTo("app.status.operationState?.syncResult?.revision");
        assertThat(c.templates().get("app-deployed").tree()).containsOnlyKeys("message", "webhook");
        assertThat(c.templates().get("app-sync-failed").tree()).containsKeys("message", "email", "slack", "github");
        assertThat(c.services()).containsOnlyKeys("ci", "slack");
        assertThat(c.services().get("ci").type()).isEqualTo("webhook");
        assertThat(c.services().get("ci").settings().get("basicAuth")).isEqualTo(Map.of("username", "ci",
                "password", "s3cret-pw"));
        assertThat(c.secretValues()).containsExactly("s3cret-pw");
        assertThat(c.context()).containsEntry("environment", "production");
        assertThat(c.subscriptions()).extracting(Subscription::trigger, Subscription::service)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("on-health-degraded", "ci"),
                        org.assertj.core.groups.Tuple.tuple("on-sync-status-unknown", "ci"));
        assertThat(c.subscriptions().get(0).selector()).isEqualTo(Map.of("team", "shop"));
    }

    static ValidationException invalid(Map<String, String> data) {
        try {
            NotificationConfig.parse(data, SECRETS::get, "cm.yaml");
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("accepted " + data);
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("service.pagerduty", "token: x");
        d.put("service.webhook.hook", "headers: []");
        d.put("service.slack", "token: $slack-token");
        d.put("trigger.on-x", "- when: app.status.health.status = 'Degraded'\n  send: [nope]");
        d.put("template.broken", "message: '{{.app.metadata.name'");
        d.put("subscriptions", "- recipients: [teams:x]\n  triggers: [on-nothing]");
        d.put("colour", "blue");
        assertThat(invalid(d).errors()).extracting(Object::toString).containsExactlyInAnyOrder(
                "colour: unknown key; expected trigger.<name>, template.<name>, service.<type>[.<name>], "
                        + "subscriptions, defaultTriggers or context",
                "service.pagerduty: unknown service type 'pagerduty'; supported: webhook, slack, email, github, jenkins",
                "service.webhook.hook.url: is required for a webhook service",
                "service.slack.token: secret 'slack-token' is not defined",
                "trigger.on-x[0].when: unexpected character '=' (column 26 of \"app.status.health.status = 'Degraded'\")"
                        .replace('"', '\''),
                "trigger.on-x[0].send: unknown template 'nope'",
                "template.broken.message: " + templateError("{{.app.metadata.name"),
                "subscriptions[0].triggers: unknown trigger 'on-nothing'",
                "subscriptions[0].recipients: unknown service 'teams'; known: hook, slack");
    }

    static String templateError(String t) {
        try {
            io.jenkins.plugins.gitops.engine.appset.TextTemplate.parse(t);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError();
    }

    @Test
    void readsBareDataAndRefusesOtherKinds() {
        assertThat(NotificationConfig.readData("service.slack: |\n  webhookUrl: http://x\n", "f"))
                .containsEntry("service.slack", "webhookUrl: http://x\n");
        assertThatThrownBy(() -> NotificationConfig.readData("kind: Secret\ndata: {}", "f.yaml"))
                .hasMessage("f.yaml: kind: must be ConfigMap, not 'Secret'");
    }
}
