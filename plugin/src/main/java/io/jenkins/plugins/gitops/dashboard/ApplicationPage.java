package io.jenkins.plugins.gitops.dashboard;

import hudson.model.Item;
import hudson.model.Job;
import hudson.model.User;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.RegisteredApplication;
import io.jenkins.plugins.gitops.engine.DeleteOutcome;
import io.jenkins.plugins.gitops.engine.DeleteRequest;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.project.SyncDecision;
import io.jenkins.plugins.gitops.engine.view.Markup;
import io.jenkins.plugins.gitops.engine.view.ResourceGraph;
import io.jenkins.plugins.gitops.engine.view.ResourceGraphSvg;
import io.jenkins.plugins.gitops.engine.view.ResourceNode;
import io.jenkins.plugins.gitops.engine.view.ResourceTree;
import io.jenkins.plugins.gitops.engine.view.ResourceTreeBuilder;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * One application's page ({@code /gitops/app/<name>/}) and its buttons. Every action is POST-only and checks a
 * permission on the owning job before doing anything: Item.BUILD to refresh, sync, roll back or pause/resume
 * self-heal; Item.CONFIGURE to delete or unregister the application or unregister the ApplicationSet that generated it. Syncs and
 * rollbacks are queued on the controller behind any running operation; the page reloads and shows progress as the
 * controller reports it.
 */
public final class ApplicationPage {

    private static final Logger LOGGER = Logger.getLogger(ApplicationPage.class.getName());
    static final int DEFAULT_PAUSE_MINUTES = 60;

    private final AppStatus status;
    private final Job<?, ?> owner;
    private ApplicationView view;
    private String syncWindow;

    ApplicationPage(AppStatus status, Job<?, ?> owner) {
        this.status = status;
        this.owner = owner;
    }

    public String getDisplayName() {
        return status.name();
    }

    /** Above this many nodes the page opens in the list view (the graph is still one click away). */
    static final int GRAPH_DEFAULT_LIMIT = 500;

    /** {@code graph} or {@code list}: the {@code view} parameter, else graph for trees up to 500 nodes. */
    public String getTreeMode() {
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        String view = req == null ? null : req.getParameter("view");
        if ("graph".equals(view) || "list".equals(view)) {
            return view;
        }
        return getView().getTreeRows().size() > GRAPH_DEFAULT_LIMIT ? "list" : "graph";
    }

    /** The resource tree as SVG (escaped by the engine's renderer), collapsed as the {@code collapsed} parameters say. */
    public String getGraphSvg() {
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        String[] collapsed = req == null ? null : req.getParameterValues("collapsed");
        AppComparison c = status.comparison();
        ResourceTree tree = c == null || c.tree() == null ? new ResourceTreeBuilder().build(List.of(), List.of())
                : c.tree();
        ApplicationRow row = getView().getSummary();
        return ResourceGraphSvg.render(ResourceGraph.layout(status.name(), row.getHealth(), row.getSync(), tree,
                collapsed == null ? Set.of() : Set.copyOf(Arrays.asList(collapsed))));
    }

    /** Link from this page to a resource's details. */
    public String detailsHref(ResourceNode node) {
        return "resource/?id=" + Markup.query(ResourceGraph.id(node.getKey()));
    }

    /** Managed resources, for the sync dialog's resource selection. */
    public List<ResourceNode> getManagedResources() {
        AppComparison c = status.comparison();
        return c == null || c.tree() == null ? List.of() : c.tree().getRoots();
    }

    /** The glyph shown before a status label. */
    public String glyph(String status) {
        return io.jenkins.plugins.gitops.engine.view.StatusGlyphs.of(status);
    }

    /** The sync dialog's checkbox per managed resource, as escaped HTML (a Jelly loop was too slow for 1,000). */
    public String getResourceChoicesHtml() {
        return io.jenkins.plugins.gitops.engine.view.RepeatedMarkup.resourceChoices(getManagedResources());
    }

    /** The list view's rows, as escaped HTML; {@code hookWord} and {@code pruneWords} as the page translates them. */
    public String listRowsHtml(String hookWord, String pruneWords) {
        return io.jenkins.plugins.gitops.engine.view.RepeatedMarkup.listRows(getView().getTreeRows(), hookWord,
                pruneWords);
    }

    public String idOf(ResourceNode node) {
        return ResourceGraph.id(node.getKey());
    }

    /**
     * {@code resource/?id=group/kind/namespace/name}: one resource of this application's tree (never any other
     * object of the cluster); null (404) for ids not in the tree.
     */
    public ResourcePage getResource() {
        owner.checkPermission(Item.READ);
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        String id = req == null ? null : req.getParameter("id");
        AppComparison c = status.comparison();
        if (id == null || c == null || c.tree() == null) {
            return null;
        }
        ResourceKey key;
        try {
            key = ResourceGraph.parseId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return c.tree().find(key).map(node -> new ResourcePage(status, owner, node)).orElse(null);
    }

    /** Progress lines of the running or last operation (since Jenkins started). */
    public List<String> getProgressLines() {
        return controller().operationProgress(status.name());
    }

    /** {@code allowed} or {@code blocked: <reason>} for a manual sync now, from the project's sync windows. */
    public String getSyncWindow() {
        if (syncWindow == null) {
            syncWindow = syncWindowNow();
        }
        return syncWindow;
    }

    private String syncWindowNow() {
        if (status.application() == null) {
            return "";
        }
        try {
            SyncDecision d = GitOpsService.get().runtime().engine().syncWindow(status.application(), true);
            return d.allowed() ? "open: " + d.reason() : "blocked: " + d.reason();
        } catch (RuntimeException e) {
            return "unknown: " + e.getMessage();
        }
    }

    public boolean isSyncWindowBlocked() {
        return getSyncWindow().startsWith("blocked");
    }

    /** Durations offered to pause self-heal, in minutes, with their labels. */
    public java.util.Map<Integer, String> getPauseChoices() {
        java.util.Map<Integer, String> m = new java.util.LinkedHashMap<>();
        m.put(15, "15 minutes");
        m.put(60, "1 hour");
        m.put(240, "4 hours");
        m.put(1440, "1 day");
        return m;
    }

    /** The view model, made once per request (this page object lives for one request). */
    public ApplicationView getView() {
        if (view == null) {
            view = new ApplicationView(status, Instant.now());
        }
        return view;
    }

    /** Notification deliveries and failures for this application, newest first. */
    public java.util.List<io.jenkins.plugins.gitops.notify.NotificationRow> getNotifications() {
        return io.jenkins.plugins.gitops.notify.NotificationRow.of(status.name(), Instant.now());
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

    /** Whether the application has an Image Updater image list (the page then shows its images). */
    public boolean isTracksImages() {
        return io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdateAnnotations.tracksImages(status.application());
    }

    /** The image updater's last check of this application, or null. */
    public io.jenkins.plugins.gitops.engine.imageupdate.AppUpdateResult getImageUpdate() {
        return io.jenkins.plugins.gitops.imageupdate.ImageUpdates.get().loop().last(status.name()).orElse(null);
    }

    @POST
    public HttpResponse doImageUpdate() {
        owner.checkPermission(Item.BUILD);
        io.jenkins.plugins.gitops.imageupdate.ImageUpdates.get().loop()
                .run(java.util.List.of(status.application()), false);
        return HttpResponses.redirectToDot();
    }

    /** Refresh; with {@code hard}, cached renderings and API discovery are forgotten first (Argo CD's hard refresh). */
    @POST
    public HttpResponse doRefresh(@QueryParameter boolean hard) {
        owner.checkPermission(Item.BUILD);
        if (hard) {
            controller().requestHardRefresh(status.name());
        } else {
            controller().requestRefresh(status.name());
        }
        return HttpResponses.redirectToDot();
    }

    /**
     * The sync dialog: prune, dry run, and Argo CD's per-operation options (apply out-of-sync only, force, replace),
     * a revision override and selected resources ({@code resource} ids; none means all).
     */
    @POST
    public HttpResponse doSync(StaplerRequest2 req) {
        owner.checkPermission(Item.BUILD);
        io.jenkins.plugins.gitops.engine.view.SyncForm form = io.jenkins.plugins.gitops.engine.view.SyncForm.of(req::getParameter, req.getParameterValues("resource"));
        SyncRequest request;
        try {
            request = form.toRequest(currentUser());
        } catch (IllegalArgumentException e) {
            return HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        controller().requestSync(status.name(), request).whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOGGER.log(Level.WARNING, "Sync of " + status.name() + " requested from the GitOps page failed",
                        failure);
            }
        });
        return HttpResponses.redirectToDot();
    }

    /**
     * Queues a rollback on the controller, behind any running operation (like a sync). Refusals the controller
     * knows at once (automated sync, unknown history id) are answered with 409 and the reason.
     */
    @POST
    public HttpResponse doRollback(@QueryParameter long id) {
        owner.checkPermission(Item.BUILD);
        String name = status.name();
        CompletableFuture<SyncOutcome> queued = controller().requestRollback(name, id, SyncRequest.manual(
                currentUser()));
        if (queued.isCompletedExceptionally()) {
            return HttpResponses.errorWithoutStack(409, refusal(queued));
        }
        queued.whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOGGER.log(Level.WARNING, "Rollback of " + name + " to history id " + id + " failed", failure);
            } else if (!outcome.succeeded()) {
                LOGGER.warning("Rollback of " + name + " to history id " + id + " ended " + outcome.phase() + ": "
                        + outcome.message());
            }
        });
        return HttpResponses.redirectToDot();
    }

    private static String refusal(CompletableFuture<?> failed) {
        try {
            failed.join();
            return "refused";
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage();
        }
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

    /** The ApplicationSet that generated this application, or null. */
    /** App of apps: the application whose sync created this one, or null. */
    public String getParent() {
        return status.parent();
    }

    /** App of apps: the applications this one's syncs created, by name. */
    public java.util.List<String> getChildren() {
        return controller().childrenOf(status.name());
    }

    public String getApplicationSet() {
        return GitOpsService.get().registered(status.name()).map(RegisteredApplication::getApplicationSet)
                .orElse(null);
    }

    /**
     * Unregisters the ApplicationSet that generated this application, and with it every application it generated;
     * their resources stay in the cluster.
     */
    @POST
    public HttpResponse doUnregisterApplicationSet() throws IOException {
        owner.checkPermission(Item.CONFIGURE);
        String set = getApplicationSet();
        if (set == null) {
            return HttpResponses.errorWithoutStack(409, status.name() + " was not generated by an ApplicationSet");
        }
        GitOpsService.get().unregisterApplicationSet(set);
        return HttpResponses.redirectTo("../..");
    }

    /**
     * Deletes the application (PreDelete hooks, its resources unless {@code cascade} is orphan, PostDelete hooks) and,
     * once that succeeded, unregisters it. Needs Item.CONFIGURE on the owning job and the application's name typed
     * again as confirmation. The deletion runs on the controller; the page goes back to the dashboard, where the
     * application shows its operation until it disappears (or, if the deletion failed, a DeletionError condition).
     */
    @POST
    public HttpResponse doDelete(@QueryParameter String cascade, @QueryParameter String confirmName) {
        owner.checkPermission(Item.CONFIGURE);
        String name = status.name();
        if (confirmName == null || !confirmName.trim().equals(name)) {
            return HttpResponses.errorWithoutStack(400, "Type the application name (" + name + ") to confirm"
                    + " its deletion");
        }
        DeleteRequest.Cascade mode;
        try {
            mode = DeleteRequest.Cascade.parse(cascade);
        } catch (IllegalArgumentException e) {
            return HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        CompletableFuture<DeleteOutcome> queued = controller().requestDelete(name,
                new DeleteRequest(mode, false, null, currentUser(), null, null));
        if (queued.isCompletedExceptionally()) {
            return HttpResponses.errorWithoutStack(409, refusal(queued));
        }
        queued.whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOGGER.log(Level.WARNING, "Deletion of " + name + " requested from the GitOps page failed", failure);
            } else if (outcome.succeeded()) {
                try {
                    GitOpsService.get().unregister(name);
                } catch (IOException e) {
                    LOGGER.log(Level.WARNING, name + " was deleted but could not be unregistered", e);
                }
            } else {
                LOGGER.warning("Deletion of " + name + " ended " + outcome.phase() + ": " + outcome.message());
            }
        });
        return HttpResponses.redirectTo("../..");
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
