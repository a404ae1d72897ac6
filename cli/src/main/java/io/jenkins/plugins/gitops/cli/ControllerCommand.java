package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import io.jenkins.plugins.gitops.engine.reconcile.ControllerSettings;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.jenkins.plugins.gitops.engine.notify.DeliveryPolicy;
import io.jenkins.plugins.gitops.engine.notify.JenkinsRemoteLauncher;
import io.jenkins.plugins.gitops.engine.notify.NotificationConfig;
import io.jenkins.plugins.gitops.engine.notify.Notifier;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "controller", mixinStandardHelpOptions = true,
        description = "Reconcile every Application in a directory continuously (the same controller the Jenkins "
                + "background task runs). AppProject documents in the directory guard the applications like "
                + "--projects; ApplicationSets are generated once at start. Stops cleanly on SIGTERM / Ctrl-C.")
final class ControllerCommand implements Callable<Integer> {

    /** How long a SIGTERM waits for running operations to be terminated and recorded. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    @Option(names = "--apps", required = true,
            description = "directory of Application, AppProject and ApplicationSet YAML")
    Path appsDir;

    @Option(names = "--interval", description = "refresh interval in seconds (default: 120, plus up to 50%% jitter)")
    long intervalSeconds = 120;

    @Option(names = "--status-processors", description = "comparisons (refreshes) run at once (default: "
            + ControllerSettings.DEFAULT_COMPARE_CONCURRENCY + ", as Argo CD's --status-processors)")
    int statusProcessors = ControllerSettings.DEFAULT_COMPARE_CONCURRENCY;

    @Option(names = "--operation-processors", description = "sync and deletion operations run at once (default: "
            + ControllerSettings.DEFAULT_OPERATION_CONCURRENCY + ", as Argo CD's --operation-processors)")
    int operationProcessors = ControllerSettings.DEFAULT_OPERATION_CONCURRENCY;

    @Option(names = "--webhook-port", description = "serve Git push webhooks on this port (path /api/webhook; "
            + "0 picks a free port)")
    Integer webhookPort;

    @Option(names = "--webhook-bind", description = "address to bind the webhook server to (default: 127.0.0.1)")
    String webhookBind = "127.0.0.1";

    @Option(names = "--notifications", description = "Argo CD notifications ConfigMap (default: "
            + "argocd-notifications-cm.yaml in --apps, if present); $secrets from argocd-notifications-secret.yaml "
            + "beside it or the environment ($slack-token reads SLACK_TOKEN)")
    Path notificationsFile;

    @Mixin
    EngineOptions engine;

    @Mixin
    LeaseOptions leases;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("--interval must be at least 1 second, not " + intervalSeconds);
        }
        if (statusProcessors < 1 || operationProcessors < 1) {
            throw new IllegalArgumentException("--status-processors and --operation-processors must be at least 1, not "
                    + statusProcessors + " and " + operationProcessors);
        }
        leases.settings(); // bad --shards or lease timing: one clear line before anything starts
        EngineLog log = timestamped(spec.commandLine().getOut());
        ArgoFiles files = load(appsDir);
        Optional<NotificationConfig> notifications = NotificationsFile.load(appsDir, notificationsFile, System.getenv());
        Thread hook = new Thread(this::stopAndAwaitCleanup, "gitops-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            run(files, notifications, log);
            return GitOpsCommand.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for us
            }
        }
    }

    private void run(ArgoFiles files, Optional<NotificationConfig> notifications, EngineLog log) throws Exception {
        GitOpsEngine e = engine.build(log, files.projects());
        Controller controller = new Controller(e, ControllerSettings.defaults().withRefreshInterval(
                Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(Math.max(0, intervalSeconds / 2)))
                .withConcurrency(statusProcessors, operationProcessors));
        WebhookServer webhooks = null;
        ShardLeases shardLeases = leases.settings().map(settings -> {
            var connection = e.clusters().defaultConnection().orElseThrow(() -> new IllegalArgumentException(
                    "--shards needs a kubeconfig: the leases live in the cluster the controller manages"));
            log.info("controller " + settings.identity() + ": " + settings.shards() + " shard(s) by "
                    + settings.sharding().id() + ", leases in namespace " + settings.namespace() + " of "
                    + connection.server() + " (lease " + settings.timing().leaseDuration().toMillis() / 1000.0
                    + "s, renew deadline " + settings.timing().renewDeadline().toMillis() / 1000.0 + "s, retry "
                    + settings.timing().retryPeriod().toMillis() / 1000.0 + "s)");
            return new ShardLeases(connection.client(), settings, log);
        }).orElse(null);
        if (shardLeases != null) {
            controller.useLeadership(shardLeases);
        }
        Notifier notifier = notifications.map(n -> notifier(n, e, log)).orElse(null);
        if (notifier != null) {
            controller.addListener(notifier);
        }
        try {
            files.projects().forEach(p -> log.info("project " + p.name() + " (" + p.file() + ")"));
            var overrides = new io.jenkins.plugins.gitops.engine.imageupdate.ImageOverrides(
                    ImageUpdateCommand.overridesFile(engine.stateDir()));
            for (Map.Entry<Application, String> a : applications(files, e).entrySet()) {
                controller.register(overrides.applyTo(a.getKey()), a.getValue()); // image-update's argocd write-back
                log.info("registered " + a.getKey().name() + " (" + a.getValue() + ")");
            }
            if (webhookPort != null) {
                webhooks = WebhookServer.start(webhookBind, webhookPort, controller, log);
                log.info("webhooks on http://" + webhookBind + ":" + webhooks.port() + "/api/webhook");
            }
            if (shardLeases != null) {
                shardLeases.start();
            }
            controller.start();
            stopRequested.await();
            log.info("stopping");
        } finally {
            if (webhooks != null) {
                webhooks.close();
            }
            controller.close();
            if (!controller.awaitIdle(SHUTDOWN_GRACE)) {
                log.warn("operations still running after " + SHUTDOWN_GRACE.toSeconds() + "s; exiting anyway");
            }
            if (shardLeases != null) {
                shardLeases.close(); // the shards go to the others at once
            }
            if (notifier != null) {
                notifier.awaitIdle(SHUTDOWN_GRACE);
                notifier.close();
            }
            e.close();
            log.info("stopped");
        }
    }

    /**
     * Notifications for the controller: the jenkins service starts jobs through Jenkins' REST API ({@code url},
     * {@code username}, {@code token}); {@code .context.appUrl} is {@code <context.argocdUrl>/applications/<app>}.
     */
    private static Notifier notifier(NotificationConfig config, GitOpsEngine e, EngineLog log) {
        String base = config.context().getOrDefault("argocdUrl", "").replaceAll("/+$", "");
        Notifier n = new Notifier(e.store(), e.clock(), log, DeliveryPolicy.defaults(),
                s -> s.string("url") == null ? null
                        : new JenkinsRemoteLauncher(s.string("url"), s.string("username"), s.string("token")),
                app -> base.isEmpty() ? "" : base + "/applications/" + app);
        n.configure(config);
        log.info("notifications: " + config.services().size() + " service(s) "
                + String.join(", ", config.services().keySet()) + ", " + config.subscriptions().size()
                + " global subscription(s)");
        return n;
    }

    /** The directory's Applications and those its ApplicationSets generate now, each with its owner for status. */
    private Map<Application, String> applications(ArgoFiles files, GitOpsEngine e) {
        Map<Application, String> out = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        for (Application a : files.applications()) {
            put(out, owners, a, appsDir.relativize(Path.of(a.file())).toString());
        }
        for (ApplicationSet set : files.applicationSets()) {
            for (Application a : e.generate(set).list()) {
                put(out, owners, a, "applicationset/" + set.name());
            }
        }
        return out;
    }

    private static void put(Map<Application, String> out, Map<String, String> owners, Application a, String owner) {
        String previous = owners.putIfAbsent(a.name(), owner);
        if (previous != null) {
            throw new IllegalArgumentException("application '" + a.name() + "' is defined twice (" + previous + " and "
                    + owner + ")");
        }
        out.put(a, owner);
    }

    /** Asks the controller to stop (SIGTERM does this through the shutdown hook). */
    void stop() {
        stopRequested.countDown();
    }

    /** The shutdown hook: the JVM exits when hooks return, so wait for the controller to close down first. */
    private void stopAndAwaitCleanup() {
        stop();
        try {
            finished.await(SHUTDOWN_GRACE.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    static ArgoFiles load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--apps " + dir + ": not a directory");
        }
        ArgoFiles files = ArgoFiles.read("--apps", dir);
        if (files.applications().isEmpty() && files.applicationSets().isEmpty()) {
            throw new IllegalArgumentException("--apps " + dir + ": no Application or ApplicationSet found");
        }
        return files;
    }

    private static EngineLog timestamped(PrintWriter out) {
        return new EngineLog() {
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
    }
}
