package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops controller} notifies from {@code argocd-notifications-cm.yaml} in {@code --apps}: secrets from
 * {@code argocd-notifications-secret.yaml} and the environment, on-deployed once per revision to a webhook on
 * loopback (exact body), and a bad file is refused before anything starts, naming the field.
 */
class ControllerNotificationsTest {

    @TempDir
    Path dir;

    CliFixture cli;
    HttpServer receiver;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliFixture(dir).webApp();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            received.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
                    + ex.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        cli.write("apps/web.yaml", cli.applicationYaml("web", "apps/web", "shop", ControllerCommandTest.AUTO)
                .replace("  name: web\n", "  name: web\n  annotations:\n"
                        + "    notifications.argoproj.io/subscribe.on-deployed.ci: \"\"\n"));
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        cli.close();
    }

    String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @Test
    void onDeployedReachesTheWebhookOncePerRevision() throws Exception {
        cli.write("apps/argocd-notifications-cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: argocd-notifications-cm}
                data:
                  service.webhook.ci: |
                    url: $ci-url
                    bearerToken: $ci-token
                  template.app-deployed: |
                    message: deployed
                    webhook:
                      ci:
                        method: POST
                        path: /hook
                        body: '{"app":"{{.app.metadata.name}}","revision":"{{.app.status.operationState.syncResult.revision}}"}'
                """);
        cli.write("apps/argocd-notifications-secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: argocd-notifications-secret}
                stringData:
                  ci-url: %s
                """.formatted(url()));
        List<String> args = new ArrayList<>(List.of("controller", "--apps", dir.resolve("apps").toString(),
                "--interval", "1"));
        try (CliProcess p = CliProcess.start(cli.withEngine(args.toArray(String[]::new)),
                Map.of("CI_TOKEN", "t0ken-from-env"))) {
            p.awaitLine(l -> l.contains("notifications: 1 service(s) ci"), 60, "notifications configured");
            p.awaitLine(l -> l.contains("web: notification on-deployed sent to ci"), 90, "on-deployed sent");
            String head = cli.fx.repo.head();
            assertThat(received).containsExactly("POST /hook Bearer t0ken-from-env {\"app\":\"web\",\"revision\":\""
                    + head + "\"}");
            // refreshes every second go on: no second notification for the same revision
            TimeUnit.SECONDS.sleep(4);
            assertThat(received).hasSize(1);
            assertThat(p.out()).doesNotContain("t0ken-from-env");
            p.terminate(60);
        }
    }

    @Test
    void aBadNotificationsFileStopsTheControllerBeforeItStarts() {
        cli.write("apps/argocd-notifications-cm.yaml", """
                service.webhook.ci: |
                  url: $ci-url
                subscriptions: |
                  - recipients: [ci]
                    triggers: [on-deploy]
                """);
        CliRun run = CliRun.of(cli.withEngine("controller", "--apps", dir.resolve("apps").toString())
                .toArray(String[]::new));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: " + dir.resolve("apps/argocd-notifications-cm.yaml")
                + ": service.webhook.ci.url: secret 'ci-url' is not defined; subscriptions[0].triggers: unknown "
                + "trigger 'on-deploy'");
    }
}
