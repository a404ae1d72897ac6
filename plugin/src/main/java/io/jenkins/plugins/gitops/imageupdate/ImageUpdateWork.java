package io.jenkins.plugins.gitops.imageupdate;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.engine.imageupdate.AppUpdateResult;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/** Runs the image updater when its interval (default 2 minutes) has passed; checks every 30 seconds. */
@Extension
public class ImageUpdateWork extends AsyncPeriodicWork {

    public ImageUpdateWork() {
        super("GitOps image updater");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.SECONDS.toMillis(30);
    }

    @Override
    protected void execute(TaskListener listener) {
        for (AppUpdateResult r : ImageUpdates.get().loop().tick(ImageUpdates.registeredApplications())) {
            if (r.failed()) {
                listener.getLogger().println("image update of " + r.app() + " failed: " + r.error());
            } else if (r.changed()) {
                listener.getLogger().println("image update of " + r.app() + ": " + String.join(", ", r.changeLines()));
            }
        }
    }

    @Override
    protected Level getNormalLoggingLevel() {
        return Level.FINE;
    }
}
