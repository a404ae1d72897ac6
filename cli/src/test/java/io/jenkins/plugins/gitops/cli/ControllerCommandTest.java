package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops controller} as a real process ({@code java -cp <test classpath>}), stopped with SIGTERM
 * ({@link ProcessHandle#destroy()} on Linux) to prove an orderly shutdown: the JVM runs the shutdown hook, which waits for
 * the controller to close. The applications use client-side apply ({@code ServerSideApply=false}): the fabric8 CRUD
 * mock has no server-side apply; fake controllers roll the Deployment out.
 */
class ControllerCommandTest {

    static final String AUTO = "syncPolicy:\n  automated: {prune: true, selfHeal: true}\n"
            + "  syncOptions: [ServerSideApply=false]\n";
    static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "shop", "web");
    /** 128 + SIGTERM: how a JVM ends after its shutdown hooks ran on SIGTERM. */
    static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dir;

    CliFixture cli;
    Path apps;

    @BeforeEach
    void setUp() {
        cli = new CliFixture(dir).webApp();
        apps = dir.resolve("apps");
        cli.write("apps/web.yaml", cli.applicationYaml("web", "apps/web", "shop", AUTO));
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    CliProcess controller(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("controller", "--apps", apps.toString()));
        args.addAll(List.of(extra));
        return CliProcess.start(cli.withEngine(args.toArray(String[]::new)));
    }

    static void until(BooleanSupplier condition, String what, CliProcess p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; controller output:\n" + p.out() + "\n" + p.err());
    }

    int liveReplicas() {
        var d = cli.fx.cluster.client().apps().deployments().inNamespace("shop").withName("web").get();
        return d == null ? -1 : d.getSpec().getReplicas();
    }

    @Test
    void syncsAnAutomatedAppEnforcesProjectsFromTheDirectoryAndStopsCleanlyOnSigterm() throws Exception {
        // an AppProject next to the apps: "other" may deploy to prod only, its app targets shop
        cli.write("apps/projects.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team}
                spec:
                  sourceRepos: ['*']
                  destinations: [{server: '*', namespace: prod}]
                """);
        cli.write("apps/other.yaml", cli.applicationYaml("other", "apps/web", "shop", "project: team\n" + AUTO));
        // an ApplicationSet is generated once at start; its application is refused by the same project
        cli.write("apps/generated.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: gens}
                spec:
                  generators:
                  - list:
                      elements: [{name: gen}]
                  template:
                    metadata: {name: '{{name}}'}
                    spec:
                      project: team
                      source: {repoURL: '%s', targetRevision: HEAD, path: apps/web}
                      destination: {server: 'https://kubernetes.default.svc', namespace: shop}
                """.formatted(cli.fx.repo.url()));
        try (CliProcess p = controller("--interval", "1")) {
            p.awaitLine(l -> l.contains("registered web (web.yaml)"), 60, "web registered");
            p.awaitLine(l -> l.contains("project team (" + apps.resolve("projects.yaml") + ")"), 5, "project loaded");
            p.awaitLine(l -> l.contains("registered gen (applicationset/gens)"), 5, "generated app registered");
            until(() -> cli.fx.cluster.exists(DEPLOYMENT), "the automated sync of web", p);
            p.awaitLine(l -> l.contains("web: refreshed") && l.contains("Synced Healthy"), 60, "web Synced Healthy");
            p.awaitLine(l -> l.contains("WARNING other: comparison failed: application 'other' may not deploy to "
                    + "namespace 'shop'") && l.contains("project 'team'"), 30, "other refused by its project");
            p.awaitLine(l -> l.contains("WARNING gen: comparison failed: application 'gen' may not deploy"), 30,
                    "gen refused by its project");

            int exit = p.terminate(60);

            assertThat(exit).as(p.out() + p.err()).isEqualTo(SIGTERM_EXIT);
            List<String> lines = p.out().lines().toList();
            int stopping = indexOf(lines, " stopping");
            int stopped = indexOf(lines, " stopped");
            assertThat(stopping).as(p.out()).isNotNegative();
            assertThat(stopped).as("the controller closed before the JVM exited:\n" + p.out()).isGreaterThan(stopping);
            assertThat(p.err()).isEmpty();
        }
        // only web's objects were written: other's project refused it before anything was applied
        assertThat(cli.fx.cluster.writes()).allSatisfy(w -> assertThat(w).doesNotContain("/namespaces/prod"));
        assertThat(cli.fx.cluster.client().apps().deployments().inNamespace("shop").withName("web").get()
                .getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/tracking-id",
                        "web:apps/Deployment:shop/web");
    }

    @Test
    void aGitHubPushWebhookRefreshesTheApplication() throws Exception {
        try (CliProcess p = controller("--interval", "3600", "--webhook-port", "0")) {
            String line = p.awaitLine(l -> l.contains("webhooks on http://127.0.0.1:"), 60, "webhook server");
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/api/webhook").matcher(line);
            assertThat(m.find()).isTrue();
            URI hook = URI.create(m.group());
            until(() -> liveReplicas() == 2, "the first automated sync", p);

            cli.fx.repo.write("apps/web/deployment.yaml", CliFixture.DEPLOYMENT.replace("replicas: 2", "replicas: 3"));
            String sha = cli.fx.repo.commit("three replicas");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hook)
                    .header("X-GitHub-Event", "push").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"ref": "refs/heads/main", "after": "%s",
                             "repository": {"html_url": "%s", "default_branch": "main"},
                             "commits": [{"added": [], "removed": [], "modified": ["apps/web/deployment.yaml"]}]}
                            """.formatted(sha, cli.fx.repo.url()))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            // the answer names no application (whoever reaches the endpoint learns nothing); the log does
            assertThat(answer.body().strip())
                    .isEqualTo("GitHub push received; applications using the repository will be refreshed");
            p.awaitLine(l -> l.contains("webhook GitHub push to main: refreshing web"), 10, "the refresh line");
            // the refresh interval is an hour: only the webhook can have brought the new commit in this soon
            until(() -> liveReplicas() == 3, "the automated sync of the pushed commit", p);

            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hook).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hook)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(400);
            // 20 MB declared: refused on Content-Length (the engine's WebhookReceiverTest shows nothing is read)
            assertThat(rawPost(hook, "Content-Length: " + 20 * 1024 * 1024, 20 * 1024 * 1024)).startsWith("HTTP/1.1 413");
            // no Content-Length (chunked): refused as soon as the body passes the limit (1 MiB)
            assertThat(rawPost(hook, "Transfer-Encoding: chunked", 1100 * 1024)).startsWith("HTTP/1.1 413");
            assertThat(p.terminate(60)).isEqualTo(SIGTERM_EXIT);
        }
    }

    @Test
    void badLeaseSettingsAreOneClearLineBeforeAnythingStarts() {
        CliRun timing = CliRun.of(cli.withEngine("controller", "--apps", dir.toString(), "--shards", "3",
                "--lease-duration", "5", "--renew-deadline", "6").toArray(String[]::new));
        assertThat(timing.exit()).isEqualTo(2);
        assertThat(timing.err().strip()).isEqualTo(
                "error: the renew deadline (6s) must be shorter than the lease duration (5s)");

        CliRun sharding = CliRun.of(cli.withEngine("controller", "--apps", dir.toString(), "--shards", "3",
                "--sharding", "round-robin").toArray(String[]::new));
        assertThat(sharding.err().strip()).isEqualTo("error: unknown sharding 'round-robin': use cluster or name");

        CliRun shards = CliRun.of(cli.withEngine("controller", "--apps", dir.toString(), "--shards", "0")
                .toArray(String[]::new));
        assertThat(shards.err().strip()).isEqualTo("error: shards must be between 1 and 1000, not 0");
    }

    @Test
    void aDirectoryWithoutApplicationsIsAnErrorBeforeAnythingStarts() throws Exception {
        CliRun run = CliRun.of(cli.withEngine("controller", "--apps", dir.resolve("missing").toString())
                .toArray(String[]::new));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --apps " + dir.resolve("missing") + ": not a directory");

        cli.write("empty/project.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: lonely}
                spec: {sourceRepos: ['*']}
                """);
        CliRun empty = CliRun.of(cli.withEngine("controller", "--apps", dir.resolve("empty").toString())
                .toArray(String[]::new));
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no Application or ApplicationSet found");
    }

    static int indexOf(List<String> lines, String suffix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(suffix)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * POSTs a GitHub push of {@code size} zero bytes with the given length header (chunked: one chunk) from a writer
     * thread and reads the status line meanwhile: what a sender of a huge body sees while it is still sending.
     */
    private static String rawPost(URI hook, String lengthHeader, int size) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(hook.getHost(), hook.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            boolean chunked = lengthHeader.contains("chunked");
            Thread writer = new Thread(() -> {
                try {
                    out.write(("POST " + hook.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-GitHub-Event: push\r\n"
                            + lengthHeader + "\r\n\r\n" + (chunked ? Integer.toHexString(size) + "\r\n" : ""))
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(new byte[size]);
                    out.write((chunked ? "\r\n0\r\n\r\n" : "").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException closedWhileSending) {
                    // the server answers and closes before taking everything: that is the point
                }
            });
            writer.start();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            String status = String.valueOf(in.readLine());
            socket.close();
            writer.join(30_000);
            return status;
        }
    }
}
