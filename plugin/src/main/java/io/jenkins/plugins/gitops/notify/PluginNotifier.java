package io.jenkins.plugins.gitops.notify;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.notify.DeliveryPolicy;
import io.jenkins.plugins.gitops.engine.notify.DeliveryRecord;
import io.jenkins.plugins.gitops.engine.notify.JenkinsRemoteLauncher;
import io.jenkins.plugins.gitops.engine.notify.NotificationConfig;
import io.jenkins.plugins.gitops.engine.notify.Notifier;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The plugin's one {@link Notifier}: it outlives configuration changes (each new controller gets it as listener and
 * the new configuration), so queued deliveries and retries survive a save. State (what was sent, the delivery
 * log) lives beside the applications' other state, so it survives restarts too.
 */
public final class PluginNotifier {

    private static Notifier notifier;

    private PluginNotifier() {}

    /** Configures the notifier from {@code config} (null: notifications off) and attaches it to {@code controller}. */
    public static synchronized void attach(Controller controller, NotificationsConfig config, Path home,
            EngineLog log) {
        if (notifier == null) {
            notifier = new Notifier(new FileStateStore(home.resolve("state")), Clock.systemUTC(), log,
                    DeliveryPolicy.defaults(),
                    s -> s.string("url") != null ? new JenkinsRemoteLauncher(s.string("url"), s.string("username"),
                            s.string("token")) : new JenkinsJobLauncher(),
                    PluginNotifier::appUrl);
        }
        NotificationConfig engineConfig = NotificationConfig.empty();
        if (config != null) {
            try {
                engineConfig = config.toEngine();
            } catch (RuntimeException e) {
                log.warn("GitOps notifications are off: " + e.getMessage());
            }
        }
        notifier.configure(engineConfig);
        controller.addListener(notifier);
    }

    /** The application's delivery log, oldest first (empty when notifications never ran). */
    public static synchronized List<DeliveryRecord> deliveries(String app) {
        return notifier == null ? List.of() : notifier.deliveries(app);
    }

    static String appUrl(String app) {
        String root = Jenkins.get().getRootUrl();
        return (root == null ? "/" : root) + "gitops/app/" + app + "/";
    }
}
