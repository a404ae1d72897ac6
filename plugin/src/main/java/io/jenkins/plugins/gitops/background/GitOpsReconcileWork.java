package io.jenkins.plugins.gitops.background;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.GitOpsService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import jenkins.util.SystemProperties;

/** Ticks the GitOps controller: schedules the refreshes (and with them auto-sync and self-heal) that are due. */
@Extension
public class GitOpsReconcileWork extends AsyncPeriodicWork {

    static final String PERIOD_PROPERTY = "io.jenkins.plugins.gitops.reconcile.period";
    static final long DEFAULT_PERIOD_SECONDS = 30;

    public GitOpsReconcileWork() {
        super("GitOps reconcile");
    }

    @Override
    public long getRecurrencePeriod() {
        long seconds = SystemProperties.getLong(PERIOD_PROPERTY, DEFAULT_PERIOD_SECONDS);
        return TimeUnit.SECONDS.toMillis(Math.max(1, seconds));
    }

    @Override
    protected void execute(TaskListener listener) {
        GitOpsService.get().runningRuntime().ifPresent(rt -> {
            try {
                rt.controller().tick();
            } catch (RuntimeException e) {
                listener.getLogger().println("GitOps controller tick failed: " + e.getMessage());
            }
        });
    }

    /** A tick every 30 seconds should not log "Started"/"Finished" at INFO. */
    @Override
    protected Level getNormalLoggingLevel() {
        return Level.FINE;
    }
}
