package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.appofapps.ChildApplication;
import io.jenkins.plugins.gitops.engine.appofapps.ChildComparison;
import io.jenkins.plugins.gitops.engine.appofapps.ChildExpansion;
import io.jenkins.plugins.gitops.engine.appofapps.ChildPlan;
import io.jenkins.plugins.gitops.engine.appofapps.ChildRecord;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterRegistry;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveSnapshot;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveState;
import io.jenkins.plugins.gitops.engine.cluster.live.ResourceTracking;
import io.jenkins.plugins.gitops.engine.cluster.live.ServedKinds;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod;
import io.jenkins.plugins.gitops.engine.diff.AppDiff;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.health.HealthChecks;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.history.MemoryStateStore;
import io.jenkins.plugins.gitops.engine.history.OperationJournal;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import io.jenkins.plugins.gitops.engine.history.SyncHistory;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.project.ProjectPolicy;
import io.jenkins.plugins.gitops.engine.project.ProjectRegistry;
import io.jenkins.plugins.gitops.engine.render.BuiltInResourceScopes;
import io.jenkins.plugins.gitops.engine.render.RenderCache;
import io.jenkins.plugins.gitops.engine.render.RenderSettings;
import io.jenkins.plugins.gitops.engine.render.RenderTools;
import io.jenkins.plugins.gitops.engine.source.GitRepositoryCache;
import io.jenkins.plugins.gitops.engine.source.helm.HelmCharts;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The engine's facade, as gitops-engine's engine.go: fetch, render, compare, sync, assess. The CLI and the Jenkins
 * plugin use only this class, the {@link io.jenkins.plugins.gitops.engine.reconcile.Controller} and the value
 * records. Thread-safe; one instance serves every application. Errors never escape {@link #compare}: they become an
 * Unknown comparison whose {@code error} names the file, field or resource at fault.
 */
public final class GitOpsEngine implements AutoCloseable {

    /**
     * Renders kept (least recently used evicted). One entry per application and revision: the bound on entries must
     * exceed the number of applications a controller holds, or a full refresh cycle evicts every entry before it is
     * used again and each refresh renders afresh (found profiling a 1,000-application cycle with the earlier bound
     * of 256). Memory is bounded by {@link #RENDER_CACHE_BYTES} (JSON size of the objects).
     */
    static final int RENDER_CACHE_ENTRIES = 50_000;

    /** Approximate bytes of rendered objects the render cache holds at most. */
    static final long RENDER_CACHE_BYTES = 256L * 1024 * 1024;


    private final EngineConfig config;
    private final GitRepositoryCache repos;
    private final HelmCharts charts;
    private final ClusterRegistry clusters;
    private final SourceResolver sources;
    private final DesiredState desiredState;
    private final ComparisonView views;
    private final DeployedKinds deployedKinds;
    private final OperationJournal journal;
    private final ResourceTracking tracking;
    private final ExecutorService applyPool;
    private final SyncExecution syncs;
    private final DeleteExecution deletions;
    private final ProjectRegistry projects;
    private volatile LiveStateSource liveStates;
    private volatile java.util.function.Function<String, Optional<io.jenkins.plugins.gitops.engine.health.Health>>
            childHealth = name -> Optional.empty();

    private GitOpsEngine(EngineConfig config) {
        this.config = config;
        this.repos = new GitRepositoryCache(config.workDir().resolve("git"), GitRepositoryCache.DEFAULT_MAX_TREES,
                GitRepositoryCache.DEFAULT_TIMEOUT, config.log());
        this.repos.allowLocalRepositories(config.allowLocalRepositories());
        this.projects = ProjectRegistry.of(config.projects());
        this.clusters = ClusterConnections.registry(config);
        RepoCredentialLookup credentials = new RepoCredentialLookup(config.repoCredentials());
        this.charts = new HelmCharts(config.workDir().resolve("helm"), credentials::helmAuth,
                GitRepositoryCache.DEFAULT_TIMEOUT);
        ChartSources chartSources = new ChartSources(charts);
        this.sources = new SourceResolver(repos, credentials, chartSources);
        RenderSettings settings = config.renderTools().applyTo(RenderSettings.defaults()
                .withToolTimeout(config.toolTimeout()).withStrictHelmCapabilities(false)
                .withTempDir(config.workDir().resolve("tmp")));
        this.desiredState = new DesiredState(settings, new RenderCache(RENDER_CACHE_ENTRIES, RENDER_CACHE_BYTES),
                chartSources.repositories(null));
        this.views = new ComparisonView(HealthChecks.defaults());
        this.deployedKinds = new DeployedKinds(config.store());
        this.journal = new OperationJournal(config.store(), config.clock());
        this.tracking = ResourceTracking.of(config.trackingMethod());
        this.applyPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gitops-apply");
            t.setDaemon(true);
            return t;
        });
        this.liveStates = LiveStateSource.listing(config.log());
        this.syncs = new SyncExecution(this, journal, applyPool);
        this.deletions = new DeleteExecution(this, journal, applyPool);
        journal.recoverInterrupted().forEach(app -> config.log().warn(app
                + ": the last operation was interrupted by a restart; it is recorded as Error"));
    }

    public static Builder builder() {
        return new Builder();
    }

    EngineConfig config() {
        return config;
    }

    ResourceTracking tracking() {
        return tracking;
    }

    DeployedKinds deployedKinds() {
        return deployedKinds;
    }

    /**
     * Argo CD's hard refresh: forgets cached renderings and the clusters' API discovery, so the next comparison
     * renders the manifests again (Helm, Kustomize, plugins) and sees newly installed CRDs.
     */
    public void forgetCaches() {
        desiredState.forgetRenderings();
        clusters.connections().forEach(c -> {
            if (c.connected()) {
                c.discovery().invalidate();
            }
        });
    }

    /** Whether the application's project's sync windows let a (manual or automated) sync run now, and why. */
    public io.jenkins.plugins.gitops.engine.project.SyncDecision syncWindow(Application app, boolean manual) {
        return projects().syncWindowsFor(app).canSync(app, manual, config.clock());
    }

    /**
     * App of apps: where a parent's comparison reads the health of a child application by name (the controller's
     * last comparison of it); shown on the child's row, never rolled up into the parent's health. Without one,
     * registered children show no health.
     */
    public void useChildHealth(java.util.function.Function<String, Optional<io.jenkins.plugins.gitops.engine.health
            .Health>> lookup) {
        this.childHealth = lookup == null ? name -> Optional.empty() : lookup;
    }

    /** Lets the controller switch to watch-backed live state. */
    public void useLiveStateSource(LiveStateSource source) {
        this.liveStates = source;
    }

    public ClusterRegistry clusters() {
        return clusters;
    }

    /** The Helm chart cache (charts from chart repositories and OCI registries, by digest). */
    public HelmCharts helmCharts() {
        return charts;
    }

    public GitRepositoryCache repositories() {
        return repos;
    }

    /** The manifests an application renders to (unstamped), from Git at {@code revision} or from {@code localDir}. */
    public List<KubeObject> render(Application app, String revision, Path localDir) {
        ProjectPolicy policy = projects().policyFor(app);
        policy.checkApplication(app);
        try (SourceTree tree = sources.open(app, revision, localDir, RefreshCycle.begin())) {
            return desiredState.render(tree, BuiltInResourceScopes.INSTANCE);
        }
    }

    /** Compares Git with the cluster. Never throws for bad input or failing systems: see {@link AppComparison#error}. */
    public AppComparison compare(Application app, String revision, Path localDir) {
        return compare(app, revision, localDir, RefreshCycle.begin());
    }

    public AppComparison compare(Application app, String revision, Path localDir, RefreshCycle cycle) {
        try {
            return compareState(app, revision, localDir, cycle).view();
        } catch (RuntimeException e) {
            return ComparisonView.failed(app.name(), app.source().targetRevision(), Errors.describe(e),
                    config.clock().instant());
        }
    }

    /**
     * As {@link #compare}, but with live state listed from the API server now rather than taken from the controller's
     * watch cache, which may lag behind writes that just happened (used for the state a sync left).
     */
    public AppComparison compareFresh(Application app, String revision, Path localDir) {
        return compareFresh(app, revision, localDir, null);
    }

    /**
     * As {@link #compareFresh(Application, String, Path)}; when {@code cache} is given (the live state the operation
     * planned from), also waits, at most {@link #CACHE_CATCH_UP}, until that cache holds every object of the fresh
     * listing at least at its listed resourceVersion. Then the controller's next refresh, which reads the cache,
     * sees the operation's writes too instead of reporting the new resources Missing and their "deletion" as drift.
     */
    AppComparison compareFresh(Application app, String revision, Path localDir, LiveState cache) {
        return compareFresh(app, revision, localDir, cache, RefreshCycle.begin());
    }

    private AppComparison compareFresh(Application app, String revision, Path localDir, LiveState cache,
            RefreshCycle cycle) {
        try {
            ComparisonState fresh = compareState(app, revision, localDir, cycle,
                    LiveStateSource.listing(config.log()));
            if (cache instanceof io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCache
                    && !cacheCatchesUp(() -> fresh.live().values().stream().allMatch(o -> observed(cache, o)), 100)
                    && !Thread.currentThread().isInterrupted()) {
                config.log().warn("the live-state cache of " + cache.server() + " did not catch up with the objects "
                        + "just written within " + CACHE_CATCH_UP.toSeconds() + "s");
            }
            return fresh.view();
        } catch (RuntimeException e) {
            return ComparisonView.failed(app.name(), app.source().targetRevision(), Errors.describe(e),
                    config.clock().instant());
        }
    }

    static final java.time.Duration CACHE_CATCH_UP = java.time.Duration.ofSeconds(15);

    /**
     * The comparison after an operation. With the controller's live-state cache it waits, at most
     * {@link #CACHE_CATCH_UP}, until the cache shows every object the operation wrote (at the resourceVersion the
     * API server answered, or later) and none it deleted, then compares from the cache: the cost of one refresh,
     * whatever the size of the cluster. Without a cache (one-shot commands) it lists, as
     * {@link #compareFresh(Application, String, Path, LiveState)}. Git is read in the operation's own refresh
     * {@code cycle}: the repositories it fetched are not fetched again, so the comparison is against the revision the
     * operation synced (a commit pushed meanwhile is the next refresh's news), and costs no round trip to the Git
     * server.
     */
    AppComparison compareAfter(Application app, String revision, Path localDir, LiveState cache,
            WrittenObjects writes, RefreshCycle cycle) {
        if (!(cache instanceof io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCache watched)) {
            return compareFresh(app, revision, localDir, cache, cycle);
        }
        try {
            java.util.Set<io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind> kinds =
                    watched.watchedKinds();
            java.util.function.Predicate<io.jenkins.plugins.gitops.engine.model.ResourceKey> covered =
                    k -> kinds.stream().anyMatch(g -> g.matches(k));
            java.util.List<KubeObject> written = writes.written().stream().filter(o -> covered.test(o.key()))
                    .toList();
            java.util.List<io.jenkins.plugins.gitops.engine.model.ResourceKey> deleted = writes.deleted().stream()
                    .filter(covered).toList();
            boolean caughtUp = cacheCatchesUp(() -> written.stream().allMatch(o -> observed(cache, o))
                    && deleted.stream().noneMatch(k -> cache.get(k).filter(o -> !o.hasDeletionTimestamp())
                            .isPresent()), 20);
            if (!caughtUp && Thread.currentThread().isInterrupted()) {
                return ComparisonView.failed(app.name(), app.source().targetRevision(), "interrupted",
                        config.clock().instant());
            }
            if (!caughtUp) {
                config.log().warn("the live-state cache of " + cache.server() + " did not catch up with the "
                        + "objects just written within " + CACHE_CATCH_UP.toSeconds() + "s; listing instead");
                return compareFresh(app, revision, localDir, null, cycle);
            }
            return compareState(app, revision, localDir, cycle).view();
        } catch (RuntimeException e) {
            return ComparisonView.failed(app.name(), app.source().targetRevision(), Errors.describe(e),
                    config.clock().instant());
        }
    }

    /**
     * Waits, at most {@link #CACHE_CATCH_UP} and looking every {@code pollMillis}, until the live-state cache
     * {@code shows} what an operation just did. False when the time ran out or the thread was interrupted (the
     * interrupt stays set for the caller).
     */
    private static boolean cacheCatchesUp(java.util.function.BooleanSupplier shows, long pollMillis) {
        long end = System.nanoTime() + CACHE_CATCH_UP.toNanos();
        while (!shows.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether the cache holds {@code listed} at its resourceVersion or a later one (versions are etcd revisions). */
    private static boolean observed(LiveState cache, KubeObject listed) {
        String want = listed.metadata().path("resourceVersion").asText("");
        return cache.get(listed.key()).map(o -> {
            String have = o.metadata().path("resourceVersion").asText("");
            if (have.equals(want)) {
                return true;
            }
            try {
                return Long.parseLong(have) >= Long.parseLong(want);
            } catch (NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }

    /** As {@link #compare}, also returning the diff and live objects (never throws). */
    public Refresh refresh(Application app, RefreshCycle cycle) {
        try {
            ComparisonState s = compareState(app, null, null, cycle);
            return new Refresh(s.view(), s.view().error() == null ? s.diff() : null,
                    s.view().error() == null ? s.live() : java.util.Map.of());
        } catch (RuntimeException e) {
            return new Refresh(ComparisonView.failed(app.name(), app.source().targetRevision(), Errors.describe(e),
                    config.clock().instant()), null, java.util.Map.of());
        }
    }

    /** The full comparison a sync plans from; throws when rendering or the cluster fails. */
    ComparisonState compareState(Application app, String revision, Path localDir, RefreshCycle cycle) {
        return compareState(app, revision, localDir, cycle, liveStates);
    }

    private ComparisonState compareState(Application app, String revision, Path localDir, RefreshCycle cycle,
            LiveStateSource source) {
        ProjectPolicy policy = projects().policyFor(app);
        policy.checkApplication(app);
        ClusterConnection connection = clusters.resolve(app.destination().server(), app.destination().name());
        DiscoveryScope scope = new DiscoveryScope(connection.discovery());
        // the scan for tracked kinds needs only the cluster: it runs (discovery, metadata lists) while Git is read and
        // rendered, so a one-shot command pays the longer of the two instead of their sum; once discovery has
        // answered it waits for the kinds Git declares, which are listed in full anyway, and scans only the others
        java.util.concurrent.CompletableFuture<java.util.Set<io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind>>
                declared = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<java.util.Set<io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind>>
                tracked = java.util.concurrent.CompletableFuture.supplyAsync(() -> source.trackedKinds(connection,
                        app.name(), tracking.method(), config.log(), declared::join), applyPool);
        DesiredState.Desired desired;
        SourceTree opened;
        try (SourceTree tree = sources.open(app, revision, localDir, cycle)) {
            desired = desiredState.desired(tree, scope, policy, tracking);
            opened = tree;
        } catch (RuntimeException | Error e) {
            declared.completeExceptionally(e);
            tracked.cancel(true);
            throw e;
        }
        Application effective = opened.application();
        java.util.Set<io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind> toRead;
        java.util.Set<io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind> declaredServed;
        try {
            toRead = deployedKinds.toWatch(app.name(), desired.objects());
            declaredServed = ServedKinds.split(connection.discovery(), toRead, desired.objects()).served();
        } catch (RuntimeException | Error e) {
            declared.completeExceptionally(e);
            tracked.cancel(true);
            throw e;
        }
        declared.complete(declaredServed);
        // the scan for tracked kinds still runs (a one-shot command): start reading the kinds Git declares now and
        // add what the scan finds when it ends
        LiveState early = tracked.isDone() || !source.readsAhead() ? null
                : source.open(connection, declaredServed, app.name());
        toRead.addAll(joined(tracked));
        ServedKinds kinds = ServedKinds.split(connection.discovery(), toRead, desired.objects());
        LiveState live = early == null ? source.open(connection, kinds.served(), app.name())
                : source.widen(early, connection, kinds.served(), app.name());
        LiveSnapshot snapshot = live.snapshot(app.name(), tracking.method());
        DiffResult diff = new AppDiff(DiffOptions.defaults().withIgnoreDifferences(app.ignoreDifferences()))
                .compare(desired.objects(), snapshot.objects());
        List<ChildApplication> children = desired.childDocuments().isEmpty() ? List.of()
                : childExpansion(cycle).children(effective, desired.childDocuments());
        ChildComparison childComparison = ChildComparison.of(children, recordedChildren(app.name()));
        java.util.function.Function<String, Optional<io.jenkins.plugins.gitops.engine.health.Health>> health =
                childHealth;
        AppComparison view = snapshot.complete()
                ? views.build(app.name(), effective.source().targetRevision(), opened.revision(), desired.objects(),
                        snapshot.objects(), live, diff, config.clock().instant(), kinds::reasonFor,
                        desired.conditions(), childComparison, key -> health.apply(key.name()))
                : ComparisonView.failed(app.name(), effective.source().targetRevision(),
                        "live state of " + connection.server() + " is incomplete: " + snapshot.problemSummary(),
                        config.clock().instant());
        view = view.withRevisions(opened.revisions());
        return new ComparisonState(effective, opened.revision(), connection, desired.objects(),
                desired.missingNamespace(), snapshot.objects(), live, snapshot.complete(), diff, view,
                desired.childDocuments(), children);
    }

    // --- app of apps ----------------------------------------------------------------------------------------

    /**
     * The child applications {@code parent} renders at {@code revision} (null: its targetRevision): its Application
     * documents and the Applications its ApplicationSet documents generate. Throws for an invalid child document.
     */
    public List<ChildApplication> childApplications(Application parent, String revision) {
        RefreshCycle cycle = RefreshCycle.begin();
        try (SourceTree tree = sources.open(parent, revision, null, cycle)) {
            return childExpansion(cycle).children(parent, desiredState.childDocuments(tree,
                    BuiltInResourceScopes.INSTANCE));
        }
    }

    /** What a successful sync of {@code parent} at {@code revision} does to its children (see {@link ChildPlan}). */
    public ChildPlan planChildren(Application parent, String revision, boolean prune) {
        return ChildPlan.of(childApplications(parent, revision), new ChildRecord(config.store(), parent.name())
                .entries(), prune);
    }

    /**
     * A parent's successful sync applies its child Applications (app of apps): the plan for the children of the
     * compared state - all of them, or for a selective sync those it names ({@code argoproj.io/Application/NAME}) -
     * is recorded as the parent's registered children and returned for the caller to register, sync and delete them.
     * Null when the parent has no children (in Git or recorded) or a selective sync names none.
     */
    io.jenkins.plugins.gitops.engine.appofapps.ChildPlan applyChildren(ComparisonState state, SyncRequest request,
            List<ChildRecord.Entry> before, EngineLog log) {
        if (state.children().isEmpty() && before.isEmpty()) {
            return null;
        }
        java.util.function.Predicate<String> selected = name -> true;
        if (request.selective()) {
            java.util.Set<String> names = request.resources().stream().filter(ChildComparison::isChild)
                    .map(io.jenkins.plugins.gitops.engine.model.ResourceKey::name)
                    .collect(java.util.stream.Collectors.toSet());
            if (names.isEmpty()) {
                return null;
            }
            selected = names::contains;
        }
        io.jenkins.plugins.gitops.engine.model.SyncPolicy.Automated auto = state.application().syncPolicy()
                .automated();
        boolean prune = request.prune() || (request.automated() && auto != null && auto.prune());
        ChildPlan plan = ChildPlan.of(state.children(), before, prune, selected);
        recordChildren(state.application().name(), plan);
        plan.changed().forEach(c -> log.info("child application " + c + " registered with its document from Git"));
        plan.removals().forEach(r -> log.info("child application " + r.name() + " left Git: pruned"
                + (r.deletesResources() ? " with its resources" : ", its resources stay (no "
                        + ChildApplication.RESOURCES_FINALIZER + " finalizer)")));
        plan.requirePruning().forEach(c -> log.info("child application " + c + " left Git and requires pruning"));
        return plan;
    }

    /** Remembers the children a parent owns once its {@link ChildPlan} ran. */
    public void recordChildren(String parent, ChildPlan plan) {
        new ChildRecord(config.store(), parent).write(plan.record());
    }

    /** The children a parent's syncs created and still own. */
    public List<ChildRecord.Entry> recordedChildren(String parent) {
        return new ChildRecord(config.store(), parent).entries();
    }

    /** Fails with one line when the applications below the compared one form a cycle (before anything is applied). */
    void checkChildTree(ComparisonState state, RefreshCycle cycle) {
        if (!state.childDocuments().isEmpty()) {
            childExpansion(cycle).checkTree(state.application(), state.childDocuments());
        }
    }

    private ChildExpansion childExpansion(RefreshCycle cycle) {
        return new ChildExpansion(child -> {
            try (SourceTree tree = sources.open(child, null, null, cycle)) {
                return desiredState.childDocuments(tree, BuiltInResourceScopes.INSTANCE);
            }
        }, this::generate);
    }

    /** The result of a background step, its failure rethrown as it would have been thrown in line. */
    private static <T> T joined(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /** Runs one sync operation to its end (Succeeded, Failed or Error), streaming progress lines. */
    public SyncOutcome sync(Application app, SyncRequest request, EngineLog progress) {
        return syncs.run(app, request, progress, io.jenkins.plugins.gitops.engine.sync.run.WriteFence.NONE);
    }

    /**
     * {@link #sync(Application, SyncRequest, EngineLog)} for a controller that shares the work with others: the
     * operation writes only while {@code fence} allows it (checked before the start, before every write, between waves
     * and after every wait) and otherwise ends Failed with the fence's message ("lost leadership of shard 2 to ...").
     */
    public SyncOutcome sync(Application app, SyncRequest request, EngineLog progress,
            io.jenkins.plugins.gitops.engine.sync.run.WriteFence fence) {
        return syncs.run(app, request, progress, fence);
    }

    /**
     * Deletes an application as {@code argocd app delete} does: renders it to find its PreDelete and PostDelete hooks
     * (Argo CD annotations or Helm's {@code pre-delete}/{@code post-delete}), runs the PreDelete hooks to completion (a
     * failing one stops the deletion before anything is deleted), deletes the live resources the application tracks
     * unless {@link DeleteRequest.Cascade#ORPHAN orphaning} (nothing it does not track), waits until they are gone,
     * runs the PostDelete hooks, and records the operation. Never throws for cluster or rendering problems: see
     * {@link DeleteOutcome#phase()}. On success callers forget the application (the controller unregisters it).
     */
    public DeleteOutcome delete(Application app, DeleteRequest request, EngineLog progress) {
        return deletions.run(app, request, progress, io.jenkins.plugins.gitops.engine.sync.run.WriteFence.NONE);
    }

    /** {@link #delete(Application, DeleteRequest, EngineLog)} that writes only while {@code fence} allows it. */
    public DeleteOutcome delete(Application app, DeleteRequest request, EngineLog progress,
            io.jenkins.plugins.gitops.engine.sync.run.WriteFence fence) {
        return deletions.run(app, request, progress, fence);
    }

    /**
     * Redeploys history entry {@code historyId} (negative: the previous deployment). Refused while automated sync is
     * on, as Argo CD does, because automation would immediately undo it.
     */
    public SyncOutcome rollback(Application app, long historyId, SyncRequest request, EngineLog progress) {
        if (app.syncPolicy().isAutomated()) {
            throw new IllegalStateException("rollback of " + app.name() + " is refused while automated sync is enabled"
                    + " (spec.syncPolicy.automated); disable it first, or revert the commit in Git");
        }
        SyncHistory history = new SyncHistory(config.store(), app.name());
        Optional<HistoryEntry> entry = historyId < 0 ? history.previous() : history.find(historyId);
        HistoryEntry target = entry.orElseThrow(() -> new IllegalArgumentException(historyId < 0
                ? app.name() + " has no previous deployment to roll back to"
                : app.name() + " has no history entry " + historyId + " (known: "
                        + history.entries().stream().map(h -> String.valueOf(h.id())).toList() + ")"));
        progress.info("rolling back " + app.name() + " to history entry " + target.id() + " (" + (target.revisions()
                .isEmpty() ? target.revision() : String.join(", ", target.revisions())) + ")");
        return sync(target.revisions().isEmpty() ? app.withRevision(target.revision())
                : app.withRevisions(target.revisions()), request.withRevision(null).withRevisions(List.of()), progress);
    }

    /**
     * The Applications an ApplicationSet generates now: git generators read the engine's Git cache, cluster
     * generators see the configured clusters (name, server, and no labels unless configured).
     */
    public io.jenkins.plugins.gitops.engine.appset.Generated generate(
            io.jenkins.plugins.gitops.engine.model.ApplicationSet set) {
        List<io.jenkins.plugins.gitops.engine.appset.Cluster> known = clusters.connections().stream()
                .map(c -> new io.jenkins.plugins.gitops.engine.appset.Cluster(c.name(), c.server(), java.util.Map.of()))
                .toList();
        return new io.jenkins.plugins.gitops.engine.appset.ApplicationSetGenerator(
                new GitRepositoryFiles(repos, new RepoCredentialLookup(config.repoCredentials())), known).generate(set);
    }

    /** Asks the running operation of an application to stop; false when none runs. */
    public boolean terminate(String appName, String who) {
        return syncs.terminate(appName, who) | deletions.terminate(appName, who);
    }

    public List<HistoryEntry> history(String appName) {
        return new SyncHistory(config.store(), appName).entries();
    }

    public Optional<OperationRecord> lastOperation(String appName) {
        return journal.last(appName);
    }

    public StateStore store() {
        return config.store();
    }

    public Clock clock() {
        return config.clock();
    }

    public EngineLog log() {
        return config.log();
    }

    ProjectRegistry projects() {
        return projects;
    }

    @Override
    public void close() {
        applyPool.shutdownNow();
        try {
            liveStates.close();
        } catch (Exception e) {
            config.log().warn("closing live state: " + e.getMessage());
        }
        clusters.close();
        repos.close();
    }

    /** Engine settings; {@link #build()} fills defaults (work dir under the temp dir, in-memory state, no clusters). */
    public static final class Builder {
        private Path workDir;
        private StateStore store;
        private List<ClusterSpec> clusters = List.of();
        private String defaultCluster;
        private List<RepoCredentialSpec> repoCredentials = List.of();
        private List<AppProject> projects = List.of();
        private EngineLog log = EngineLog.NONE;
        private Clock clock = Clock.systemUTC();
        private Duration toolTimeout = RenderSettings.DEFAULT_TOOL_TIMEOUT;
        private TrackingMethod trackingMethod = TrackingMethod.DEFAULT;
        private Duration pollInterval = Duration.ofSeconds(2);
        private boolean allowLocalRepositories = true;
        private RenderTools renderTools = RenderTools.NONE;
        private final List<ClusterConnection> connections = new ArrayList<>();

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public Builder stateStore(StateStore value) {
            this.store = value;
            return this;
        }

        public Builder clusters(List<ClusterSpec> value) {
            this.clusters = List.copyOf(value);
            return this;
        }

        public Builder defaultCluster(String name) {
            this.defaultCluster = name;
            return this;
        }

        /** A ready connection (e.g. to a test server); the engine closes it. The first one is the default. */
        public Builder connection(ClusterConnection connection) {
            this.connections.add(connection);
            return this;
        }

        public Builder repoCredentials(List<RepoCredentialSpec> value) {
            this.repoCredentials = List.copyOf(value);
            return this;
        }

        public Builder projects(List<AppProject> value) {
            this.projects = List.copyOf(value);
            return this;
        }

        public Builder log(EngineLog value) {
            this.log = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder toolTimeout(Duration value) {
            this.toolTimeout = value;
            return this;
        }

        /** How often a sync re-checks the health of a wave's resources and hooks (default 2 s). */
        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /**
         * Whether {@code file://} URLs and paths may name repositories (default true). Off, every Git access to them
         * (applications, multi-source refs, ApplicationSet git generators) fails with a message saying so.
         */
        public Builder allowLocalRepositories(boolean value) {
            this.allowLocalRepositories = value;
            return this;
        }

        /** Where kustomize and helm-java's native library come from (default: the PATH and the class path). */
        public Builder renderTools(RenderTools value) {
            this.renderTools = value == null ? RenderTools.NONE : value;
            return this;
        }

        public Builder trackingMethod(TrackingMethod value) {
            this.trackingMethod = value;
            return this;
        }

        public GitOpsEngine build() {
            Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "gitops-engine");
            EngineConfig c = new EngineConfig(dir, store != null ? store : new MemoryStateStore(), clusters,
                    defaultCluster, List.copyOf(connections), repoCredentials, projects, log, clock, toolTimeout,
                    trackingMethod, pollInterval, allowLocalRepositories, renderTools);
            return new GitOpsEngine(c);
        }
    }
}
