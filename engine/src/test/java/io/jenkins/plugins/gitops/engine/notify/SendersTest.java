package io.jenkins.plugins.gitops.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each service against a real receiver on loopback (JDK HttpServer; aiosmtpd for e-mail), exact bodies asserted. */
class SendersTest {

    @TempDir
    Path dir;

    static NotificationConfig config(Map<String, String> data) {
        return NotificationConfig.parse(data, k -> Map.of("token", "xoxb-123", "gh", "ghp_abc", "jt", "11aa").get(k),
                "cm");
    }

    static Notification notification(NotificationConfig c, String service, String recipient, String template,
            String state) {
        var status = States.status(state);
        Map<String, Object> doc = AppDocument.of(status, null);
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("app", doc);
        data.put("context", Map.of("appUrl", "https://jenkins.example/gitops/app/web/"));
        data.put("failedResources", AppDocument.failedResources(doc));
        return new Notification("web", "on-x", template, c.services().get(service), recipient,
                c.templates().get(template).render(data), doc, "https://jenkins.example/gitops/app/web/");
    }

    @Test
    void slackChatPostMessageWithTokenAndChannel() throws Exception {
        try (Receiver slack = new Receiver().answering("{\"ok\": true}")) {
            NotificationConfig c = config(Map.of("service.slack", "token: $token\napiURL: " + slack.url() + "/api\n"));
            new SlackSender().send(notification(c, "slack", "deploys", "app-sync-succeeded", "deployed-rev2"));
            Receiver.Request r = slack.requests.get(0);
            assertThat(r.path()).isEqualTo("/api/chat.postMessage");
            assertThat(r.headers()).containsEntry("Authorization", "Bearer xoxb-123");
            assertThat(r.body()).isEqualTo("{\"channel\":\"deploys\",\"text\":\"The sync operation of application web "
                    + "has succeeded at 2026-12-01T10:00:30Z. https://jenkins.example/gitops/app/web/\","
                    + "\"attachments\":[{\"title\":\"web\",\"title_link\":\"https://jenkins.example/gitops/app/web/\","
                    + "\"color\":\"#18be52\",\"fields\":[{\"title\":\"Sync Status\",\"value\":\"Synced\",\"short\":true},"
                    + "{\"title\":\"Repository\",\"value\":\"https://github.com/acme/deploy.git\",\"short\":true}]}]}");
            slack.answering("{\"ok\": false, \"error\": \"channel_not_found\"}");
            assertThatThrownBy(() -> new SlackSender().send(notification(c, "slack", "nowhere", "app-sync-succeeded",
                    "deployed-rev2"))).isInstanceOf(Sender.Permanent.class)
                    .hasMessage("slack chat.postMessage to nowhere failed: channel_not_found");
        }
    }

    @Test
    void githubCommitStatusOnTheSyncedRevision() throws Exception {
        try (Receiver gh = new Receiver()) {
            NotificationConfig c = config(Map.of("service.github", "token: $gh\napiURL: " + gh.url() + "/api/v3\n"));
            new GitHubSender().send(notification(c, "github", "", "app-deployed", "deployed-rev2"));
            Receiver.Request r = gh.requests.get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v3/repos/acme/deploy/statuses/2222222222222222222222222222222222222222");
            assertThat(r.headers()).containsEntry("Authorization", "Bearer ghp_abc")
                    .containsEntry("Accept", "application/vnd.github+json");
            assertThat(r.body()).isEqualTo("{\"state\":\"success\",\"description\":\"Application web is now running new "
                    + "version of deployments manifests.\",\"context\":\"gitops/web\","
                    + "\"target_url\":\"https://jenkins.example/gitops/app/web/\"}");
            Notification failed = notification(c, "github", "", "app-sync-failed", "sync-failed-hook");
            new GitHubSender().send(failed);
            assertThat(gh.requests.get(1).path()).endsWith("/statuses/4444444444444444444444444444444444444444");
            assertThat(gh.requests.get(1).body()).startsWith("{\"state\":\"failure\",\"description\":\"The sync "
                    + "operation of application web has failed at 2026-12-01T10:00:30Z with the following error: one "
                    + "or more synchronization tasks comp...\"");
        }
    }

    @Test
    void jenkinsJobThroughTheRestApiWithTheEventAsParameters() throws Exception {
        try (Receiver jenkins = new Receiver()) {
            NotificationConfig c = config(Map.of(
                    "service.jenkins", "url: " + jenkins.url() + "/jenkins/\nusername: bot\ntoken: $jt\n",
                    "template.smoke", "message: smoke {{.app.metadata.name}}\njenkins:\n  parameters:\n"
                            + "    TARGET: '{{.app.spec.destination.namespace}}'\n"));
            Notification n = notification(c, "jenkins", "deploy/smoke test", "smoke", "deployed-rev2");
            new JenkinsJobSender(s -> new JenkinsRemoteLauncher(s.string("url"), s.string("username"),
                    s.string("token"))).send(n);
            Receiver.Request r = jenkins.requests.get(0);
            assertThat(r.path()).isEqualTo("/jenkins/job/deploy/job/smoke test/buildWithParameters");
            assertThat(r.headers()).containsEntry("Authorization", "Basic Ym90OjExYWE=")
                    .containsEntry("Content-Type", "application/x-www-form-urlencoded");
            assertThat(r.body()).isEqualTo("GITOPS_APP=web&GITOPS_APP_URL=https%3A%2F%2Fjenkins.example%2Fgitops%2F"
                    + "app%2Fweb%2F&GITOPS_HEALTH=Healthy&GITOPS_MESSAGE=smoke+web&GITOPS_OPERATION_PHASE=Succeeded"
                    + "&GITOPS_REVISION=2222222222222222222222222222222222222222&GITOPS_SYNC_STATUS=Synced"
                    + "&GITOPS_TRIGGER=on-x&TARGET=shop");
        }
    }

    @Test
    void emailThroughARealSmtpServer() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import aiosmtpd")
                .start().waitFor() == 0, "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = dir.resolve("smtp.txt");
        Process smtp = new ProcessBuilder(python.toString(), "-u", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "-c", "aiosmtpd.handlers.Debugging").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            waitForPort(port);
            NotificationConfig c = config(Map.of("service.email", "host: 127.0.0.1\nport: " + port
                    + "\nfrom: GitOps <gitops@example.com>\n"));
            new EmailSender().send(notification(c, "email", "dev@example.com", "app-sync-failed", "sync-failed-hook"));
            String received = waitFor(out, "END MESSAGE");
            String message = received.substring(received.indexOf("FOLLOWS ----------") + 19,
                    received.indexOf("------------ END"));
            assertThat(message.replaceAll("(?m)^(Date|X-Peer): .*\\n", "")).isEqualTo("""
                    From: GitOps <gitops@example.com>
                    To: dev@example.com
                    Subject: Failed to sync application web.
                    MIME-Version: 1.0
                    Content-Type: text/plain; charset=UTF-8
                    Content-Transfer-Encoding: 8bit

                    The sync operation of application web has failed at 2026-12-01T10:00:30Z with the following \
                    error: one or more synchronization tasks completed unsuccessfully
                    - Job/migrate: Job has reached the specified backoff limit
                    Sync operation details are available at: https://jenkins.example/gitops/app/web/

                    """);
        } finally {
            smtp.destroy();
            smtp.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("SMTP server did not listen on " + port);
    }

    static String waitFor(Path file, String marker) throws Exception {
        for (int i = 0; i < 100; i++) {
            String s = Files.exists(file) ? Files.readString(file) : "";
            if (s.contains(marker)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + marker + " in " + (Files.exists(file) ? Files.readString(file) : ""));
    }
}
