package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "controller", mixinStandardHelpOptions = true,
        description = "Reconcile every Application in a directory continuously (the same controller the Jenkins "
                + "background task runs). Stops cleanly on SIGTERM / Ctrl-C.")
final class ControllerCommand implements Callable<Integer> {

    @Option(names = "--apps", required = true, description = "directory of Application (and ApplicationSet) YAML")
    Path appsDir;

    @Option(names = "--interval", description = "refresh interval in seconds (default: 120, plus up to 50% jitter)")
    long intervalSeconds = 120;

    @Option(names = "--webhook-port", description = "serve Git push webhooks on this port (path /api/webhook)")
    Integer webhookPort;

    @Option(names = "--webhook-bind", description = "address to bind the webhook server to (default: 127.0.0.1)")
    String webhookBind = "127.0.0.1";

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        EngineLog log = new EngineLog() {
            @Override
            public synchronized void info(String message) {
                out.println(Instant.now() + " " + message);
                out.flush();
            }

            @Override
            public synchronized void warn(String message) {
                out.println(Instant.now() + " WARNING " + message);
                out.flush();
            }
        };
        List<Application> apps = load(appsDir);
        GitOpsEngine e = engine.build(log);
        Controller controller = new Controller(e, ControllerSettings.defaults().withRefreshInterval(
                Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(Math.max(0, intervalSeconds / 2))));
        WebhookServer webhooks = null;
        try {
            for (Application a : apps) {
                controller.register(a, appsDir.relativize(Path.of(a.file())).toString());
                log.info("registered " + a.name() + " (" + a.file() + ")");
            }
            if (webhookPort != null) {
                webhooks = WebhookServer.start(webhookBind, webhookPort, controller, log);
                log.info("webhooks on http://" + webhookBind + ":" + webhooks.port() + "/api/webhook");
            }
            controller.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "gitops-shutdown"));
            stopped.await();
            log.info("stopping");
            return GitOpsCommand.OK;
        } finally {
            if (webhooks != null) {
                webhooks.close();
            }
            controller.close();
            e.close();
        }
    }

    void stop() {
        stopped.countDown();
    }

    static List<Application> load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--apps " + dir + ": not a directory");
        }
        List<Application> apps = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                apps.addAll(ArgoDocuments.read(f).applications());
            }
        }
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("--apps " + dir + ": no Application found");
        }
        return apps;
    }
}
