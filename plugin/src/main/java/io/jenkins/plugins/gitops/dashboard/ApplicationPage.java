package io.jenkins.plugins.gitops.dashboard;

import hudson.model.Item;
import hudson.model.Job;
import hudson.model.User;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.JulLog;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One application's page ({@code /gitops/app/<name>/}) and its buttons. Every action is POST-only and checks a
 * permission on the owning job before doing anything: Item.BUILD to refresh, sync, roll back or pause/resume
 * self-heal; Item.CONFIGURE to unregister. Syncs are queued on the controller (coalesced with automation);
 * a rollback runs in the background; the page reloads and shows progress as the controller reports it.
 */
public final class ApplicationPage {

    private static final Logger LOGGER = Logger.getLogger(ApplicationPage.class.getName());
    static final int DEFAULT_PAUSE_MINUTES = 60;

    private final AppStatus status;
    private final Job<?, ?> owner;

    ApplicationPage(AppStatus status, Job<?, ?> owner) {
        this.status = status;
        this.owner = owner;
    }

    public String getDisplayName() {
        return status.name();
    }

    public ApplicationView getView() {
        return new ApplicationView(status, Instant.now());
    }

    public Job<?, ?> getOwner() {
        return owner;
    }

    public boolean isCanOperate() {
        return owner.hasPermission(Item.BUILD);
    }

    public boolean isCanConfigure() {
        return owner.hasPermission(Item.CONFIGURE);
    }

    public int getDefaultPauseMinutes() {
        return DEFAULT_PAUSE_MINUTES;
    }

    @POST
    public HttpResponse doRefresh() {
        owner.checkPermission(Item.BUILD);
        controller().requestRefresh(status.name());
        return HttpResponses.redirectToDot();
    }

    @POST
    public HttpResponse doSync(@QueryParameter boolean prune, @QueryParameter boolean dryRun) {
        owner.checkPermission(Item.BUILD);
        SyncRequest request = SyncRequest.manual(currentUser()).withPrune(prune).withDryRun(dryRun);
        controller().requestSync(status.name(), request).whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOGGER.log(Level.WARNING, "Sync of " + status.name() + " requested from the GitOps page failed",
                        failure);
            }
        });
        return HttpResponses.redirectToDot();
    }

    @POST
    public HttpResponse doRollback(@QueryParameter long id) {
        owner.checkPermission(Item.BUILD);
        Application app = status.application();
        if (app.syncPolicy() != null && app.syncPolicy().isAutomated()) {
            return HttpResponses.errorWithoutStack(409, "Rollback is not allowed while automated sync is enabled "
                    + "for " + status.name() + ": disable spec.syncPolicy.automated first (it would undo the rollback)");
        }
        String user = currentUser();
        GitOpsService service = GitOpsService.get();
        service.background().submit(() -> {
            try (EngineRuntime.Lease lease = service.lease()) {
                lease.engine().rollback(app, id, SyncRequest.manual(user), new JulLog(LOGGER).withPrefix(app.name()
                        + ": "));
                lease.controller().requestRefresh(app.name());
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Rollback of " + app.name() + " to history id " + id + " failed", e);
            }
        });
        return HttpResponses.redirectToDot();
    }

    @POST
    public HttpResponse doPauseSelfHeal(@QueryParameter int minutes, @QueryParameter String reason) {
        owner.checkPermission(Item.BUILD);
        int m = minutes <= 0 ? DEFAULT_PAUSE_MINUTES : minutes;
        controller().pauseSelfHeal(status.name(), Duration.ofMinutes(m), currentUser(),
                reason == null ? "" : reason.trim());
        return HttpResponses.redirectToDot();
    }

    @POST
    public HttpResponse doResumeSelfHeal() {
        owner.checkPermission(Item.BUILD);
        controller().resumeSelfHeal(status.name());
        return HttpResponses.redirectToDot();
    }

    /** Stops watching the application; its resources stay in the cluster. */
    @POST
    public HttpResponse doUnregister() throws IOException {
        owner.checkPermission(Item.CONFIGURE);
        GitOpsService.get().unregister(status.name());
        return HttpResponses.redirectTo("../..");
    }

    private static io.jenkins.plugins.gitops.engine.reconcile.Controller controller() {
        return GitOpsService.get().runtime().controller();
    }

    private static String currentUser() {
        User u = User.current();
        return u == null ? "anonymous" : u.getId();
    }
}
