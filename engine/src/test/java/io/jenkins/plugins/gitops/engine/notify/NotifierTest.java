package io.jenkins.plugins.gitops.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triggers, de-duplication, templates and subscriptions over fixture states (notify/states/*.yaml), delivered to
 * loopback receivers whose exact bodies are asserted.
 */
class NotifierTest {

    static final DeliveryPolicy FAST = new DeliveryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), 50);

    @TempDir
    Path dir;

    Receiver ci;
    Receiver slack;
    Notifier notifier;

    @BeforeEach
    void setUp() {
        ci = new Receiver();
        slack = new Receiver();
        notifier = newNotifier();
        notifier.configure(NotificationConfigTest.fixture(ci.url(), slack.url() + "/hooks/T1"));
    }

    Notifier newNotifier() {
        return new Notifier(new FileStateStore(dir.resolve("state")), Clock.fixed(States.T0, ZoneOffset.UTC),
                EngineLog.NONE, FAST, null, app -> "https://jenkins.example/gitops/app/" + app + "/");
    }

    @AfterEach
    void tearDown() {
        notifier.close();
        ci.close();
        slack.close();
    }

    void observe(String state) throws InterruptedException {
        notifier.observe(States.status(state));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void onDeployedFiresOncePerRevisionWithTheTemplatedWebhookBody() throws Exception {
        observe("refreshed-synced-healthy");
        observe("sync-running");
        observe("deployed-rev2-progressing");
        assertThat(ci.requests).isEmpty();
        observe("deployed-rev2");
        observe("deployed-rev2");
        observe("deployed-rev2-progressing");
        observe("deployed-rev2");
        assertThat(ci.requests).hasSize(1);
        Receiver.Request r = ci.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/deployed");
        assertThat(r.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("Authorization", "Basic Y2k6czNjcmV0LXB3");
        assertThat(r.body()).isEqualTo("{\"app\": \"web\", \"revision\": \"2222222222222222222222222222222222222222\", "
                + "\"commit\": \"bump web\", \"env\": \"production\", "
                + "\"url\": \"https://jenkins.example/gitops/app/web/\"}\n");

        observe("deployed-rev3");
        assertThat(ci.requests).hasSize(2);
        assertThat(ci.requests.get(1).body()).contains("3333333333333333333333333333333333333333");
        assertThat(notifier.deliveries("web")).extracting(DeliveryRecord::trigger, DeliveryRecord::service,
                DeliveryRecord::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("on-deployed", "ci", "Sent"),
                        org.assertj.core.groups.Tuple.tuple("on-deployed", "ci", "Sent"));
    }

    @Test
    void degradedWhileTheSyncStillRunsNotifiesOnceForThatRevision() throws Exception {
        notifier.configure(NotificationConfig.parse(java.util.Map.of("service.webhook.ci", "url: " + ci.url() + "\n",
                "subscriptions", "- recipients: [ci]\n  triggers: [on-health-degraded]\n"), k -> null, "cm"));
        observe("sync-running-degraded");
        observe("degraded-rev2");
        observe("degraded-rev2");
        assertThat(ci.requests).hasSize(1);
    }

    @Test
    void deduplicationSurvivesARestart() throws Exception {
        observe("deployed-rev2");
        notifier.close();
        notifier = newNotifier();
        notifier.configure(NotificationConfigTest.fixture(ci.url(), slack.url() + "/hooks/T1"));
        observe("deployed-rev2");
        assertThat(ci.requests).hasSize(1);
        assertThat(notifier.deliveries("web")).hasSize(1); // the log is kept too
    }

    @Test
    void onSyncFailedListsTheFailingHookToEachSlackRecipient() throws Exception {
        observe("sync-failed-hook");
        observe("sync-failed-hook");
        assertThat(slack.requests).hasSize(2);
        assertThat(slack.requests).extracting(Receiver.Request::path).containsOnly("/hooks/T1");
        String expected = """
                {"channel":"deploys","text":"The sync operation of application web has failed at \
                2026-12-01T10:00:30Z with the following error: one or more synchronization tasks completed \
                unsuccessfully\\n- Job/migrate: Job has reached the specified backoff limit\\nSync operation \
                details are available at: https://jenkins.example/gitops/app/web/\\n","username":"gitops",\
                "icon_emoji":":rocket:","attachments":[{"title":"web","title_link":\
                "https://jenkins.example/gitops/app/web/","color":"#E96D76","fields":[{"title":"Sync Status",\
                "value":"OutOfSync","short":true},{"title":"Repository","value":\
                "https://github.com/acme/deploy.git","short":true}]}]}""";
        assertThat(slack.requests.stream().filter(r -> r.body().contains("\"deploys\"")).findFirst().orElseThrow()
                .body()).isEqualTo(expected);
        assertThat(slack.requests.stream().filter(r -> r.body().contains("\"oncall\"")).count()).isEqualTo(1);
    }

    @Test
    void globalSubscriptionBySelectorAndTriggersWithoutOncePerFireAgainAfterClearing() throws Exception {
        observe("unknown");
        observe("unknown");
        assertThat(ci.requests).hasSize(1);
        assertThat(ci.requests.get(0).method()).isEqualTo("GET"); // Argo CD's default without a webhook section
        assertThat(ci.requests.get(0).body()).isEqualTo("""
                Application web sync is 'Unknown'.
                ComparisonError: rendering apps/web: no such path
                Details: https://jenkins.example/gitops/app/web/
                """);
        observe("refreshed-synced-healthy");
        observe("unknown");
        assertThat(ci.requests).hasSize(2);

        observe("degraded");
        observe("degraded");
        assertThat(ci.requests).hasSize(3);
        assertThat(ci.requests.get(2).body()).startsWith(
                "Application web has degraded: Deployment \"web\" exceeded its progress deadline\n");
    }

    @Test
    void selectorMismatchAndUnsubscribedTriggersSendNothing() throws Exception {
        Application other = ArgoDocuments.parseApplication(States.resource("application.yaml")
                .replace("team: shop", "team: payments"), "other.yaml");
        notifier.observe(States.status(other, "degraded"));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(ci.requests).isEmpty();
    }

    @Test
    void unknownServiceOrTriggerInAnAnnotationIsListedOnceAsAFailure() throws Exception {
        Application bad = ArgoDocuments.parseApplication(States.resource("application.yaml").replace(
                "notifications.argoproj.io/subscribe.on-sync-failed.slack", "notifications.argoproj.io/subscribe"
                        + ".on-sync-failed.teams").replace("subscribe.on-deployed.ci", "subscribe.on-deploy.ci"),
                "bad.yaml");
        notifier.observe(States.status(bad, "deployed-rev2"));
        notifier.observe(States.status(bad, "deployed-rev2"));
        assertThat(notifier.deliveries("web")).extracting(DeliveryRecord::outcome, DeliveryRecord::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Failed", "annotation notifications.argoproj.io/"
                                + "subscribe.on-sync-failed.teams: unknown service 'teams'; known: ci, slack"),
                        org.assertj.core.groups.Tuple.tuple("Failed", "annotation notifications.argoproj.io/"
                                + "subscribe.on-deploy.ci: unknown trigger 'on-deploy'"));
    }

    @Test
    void failingServiceIsRetriedWithBackoffAndSecretsNeverShow() throws Exception {
        ci.failing(500, 503);
        observe("deployed-rev2");
        assertThat(ci.requests).hasSize(3);
        assertThat(notifier.deliveries("web")).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo("Sent");
            assertThat(d.attempts()).isEqualTo(3);
        });

        ci.failing(500, 500, 500);
        observe("deployed-rev3");
        List<DeliveryRecord> log = notifier.deliveries("web");
        assertThat(log).hasSize(2);
        assertThat(log.get(1).outcome()).isEqualTo("Failed");
        assertThat(log.get(1).attempts()).isEqualTo(3);
        assertThat(log.get(1).message()).isEqualTo("POST " + ci.url() + "/deployed answered 500: nope");
    }

    @Test
    void permanentFailuresAreNotRetriedAndTheSecretIsMasked() throws Exception {
        // the url itself embeds the secret value: it must be masked in the log
        notifier.configure(NotificationConfig.parse(java.util.Map.of("service.webhook.ci",
                "url: $ci-url\n"), k -> k.equals("ci-url") ? ci.url() + "/s3cret-pw" : null, "cm"));
        ci.failing(404);
        observe("deployed-rev2");
        assertThat(ci.requests).hasSize(1);
        DeliveryRecord d = notifier.deliveries("web").stream().filter(x -> x.service().equals("ci")).findFirst()
                .orElseThrow();
        assertThat(d.outcome()).isEqualTo("Failed");
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.message()).isEqualTo("GET ****** answered 404: nope"); // the whole url is the secret
        assertThat(java.nio.file.Files.readString(dir.resolve("state").resolve("web")
                .resolve(DeliveryQueue.DOCUMENT + ".json"))).doesNotContain("s3cret");
    }

    @Test
    void createdAndDeletedFireOnceWhenSubscribed() throws Exception {
        Application app = ArgoDocuments.parseApplication(States.resource("application.yaml").replace(
                "notifications.argoproj.io/subscribe.on-deployed.ci: \"\"",
                "notifications.argoproj.io/subscribe.on-created.ci: \"\"\n"
                        + "    notifications.argoproj.io/subscribe.on-deleted.ci: \"\""), "app.yaml");
        notifier.observe(States.status(app, "refreshed-synced-healthy"));
        notifier.observe(States.status(app, "deployed-rev2"));
        notifier.deleted(States.status(app, "deployed-rev2"));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        // deliveries run concurrently (two threads): their order is not guaranteed
        assertThat(ci.requests).extracting(Receiver.Request::body).containsExactlyInAnyOrder(
                "Application web has been created. https://jenkins.example/gitops/app/web/",
                "Application web has been deleted.");
        // re-created under the same name: created again, as Argo CD does for a new object
        notifier.observe(States.status(app, "refreshed-synced-healthy"));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(ci.requests).hasSize(3);
    }
}
