package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.DeleteOutcome;
import io.jenkins.plugins.gitops.engine.DeleteRequest;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.LiveStateSource;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.Refresh;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import io.jenkins.plugins.gitops.engine.reconcile.drift.DriftDetector;
import io.jenkins.plugins.gitops.engine.reconcile.drift.DriftLog;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.webhook.PushEvent;
import io.jenkins.plugins.gitops.engine.webhook.RefreshMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The controller Argo CD runs, for every registered application: refresh on an interval (and at once on a webhook,
 * a watched change or a request), compare, decide automation ({@link AutomationPolicy}), run operations one at a time
 * per application ({@link OperationQueue}), record drift, and publish an {@link AppStatus} snapshot that readers get
 * without waiting. Every failure is caught per application and kept as a condition; one slow or failing application
 * never stalls the others (bounded pools for comparisons and for operations).
 *
 * <p>{@link #tick()} schedules what is due and returns at once; {@link #start()} adds a one-second ticker and
 * watch-backed live state. Tests call {@link #tick()} and {@link #awaitIdle} with a controllable clock.
 */
public final class Controller implements AutoCloseable {

    private final GitOpsEngine engine;
    private final ControllerSettings settings;
    private final EngineLog log;
    private final RefreshQueue queue;
    private final AutomationPolicy automation;
    private final ExecutorService comparePool;
    /** Refreshes waiting for a compare thread: requested ones first, then in the order they became due. */
    private final java.util.concurrent.PriorityBlockingQueue<Runnable> compareBacklog =
            new java.util.concurrent.PriorityBlockingQueue<>();
    /** The refresh task of each application waiting in {@link #compareBacklog} (not started yet). */
    private final Map<String, RefreshTask> waiting = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong dispatched = new java.util.concurrent.atomic.AtomicLong();
    /**
     * One thread kept for requested refreshes (a watch event, a webhook, a person): a requested refresh is offered
     * to it as well as queued for the pool, and whichever thread comes first runs it. So it never waits for the
     * pool's comparisons of a full cycle to finish. It takes a refresh only while idle.
     */
    private final java.util.concurrent.ThreadPoolExecutor requestedLane;
    /** Requested refreshes started and finished so far (a periodic refresh waits for those running when it starts). */
    private final java.util.concurrent.atomic.AtomicLong requestedStarted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong requestedFinished =
            new java.util.concurrent.atomic.AtomicLong();
    private final Object requestedDone = new Object();

    /** How long a periodic refresh waits for running requested ones to finish before it starts anyway. */
    static final Duration PERIODIC_YIELDS_AT_MOST = Duration.ofMillis(500);
    private final ExecutorService operationPool;
    private final OperationQueue operations;
    private final Map<String, Registered> apps = new ConcurrentHashMap<>();
    private final Map<String, AppStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, AppState> states = new ConcurrentHashMap<>();
    /** Applications whose deletion runs, or failed after their resources were released: no refresh, no automation. */
    private final java.util.Set<String> deleting = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> deletionsRunning = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final List<StatusListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final OperationProgress progress = new OperationProgress();
    private volatile Leadership leadership = Leadership.SOLE;
    /** Applications registered since the last tick: is an operation left for them by another controller? */
    private final java.util.Set<String> handoverChecks = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;
    private LiveStateSource.Watching watching;
    private volatile io.jenkins.plugins.gitops.engine.project.JobFence fence =
            io.jenkins.plugins.gitops.engine.project.JobFence.NONE;

    /** {@code parent}: the application whose sync created this one (app of apps), null for a top-level one. */
    private record Registered(Application app, String owner, String parent) {}

    /** How long after an operation drift is not judged (the live cache catches up with the operation's writes). */
    static final Duration SETTLE_AFTER_OPERATION = Duration.ofSeconds(3);

    /** How soon a refresh is repeated while the live cache has not shown an operation's writes yet. */
    static final Duration CATCH_UP_RECHECK = Duration.ofMillis(500);

    /** The first retry of a failed comparison. */
    static final Duration COMPARISON_RETRY = Duration.ofSeconds(5);

    public Controller(GitOpsEngine engine, ControllerSettings settings) {
        this.engine = engine;
        this.settings = settings;
        this.log = engine.log();
        this.queue = new RefreshQueue(settings.refreshInterval(), settings.jitter(), new Random());
        this.automation = new AutomationPolicy(settings.selfHealBackoff());
        this.comparePool = new java.util.concurrent.ThreadPoolExecutor(settings.compareConcurrency(),
                settings.compareConcurrency(), 0L, TimeUnit.MILLISECONDS, compareBacklog, daemon("gitops-refresh"));
        this.requestedLane = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS,
                new java.util.concurrent.SynchronousQueue<>(), daemon("gitops-refresh-requested"),
                new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy()); // busy: the pool's copy runs it
        this.operationPool = Executors.newFixedThreadPool(settings.operationConcurrency(), daemon("gitops-operation"));
        this.operations = new OperationQueue(operationPool, this::runOperation);
        // app of apps: a parent's comparison shows each registered child's own health (never rolled up)
        engine.useChildHealth(child -> Optional.ofNullable(statuses.get(child)).map(AppStatus::comparison)
                .filter(c -> c.error() == null).map(AppComparison::health));
    }

    /**
     * Shares the work with other controllers ({@link io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases}):
     * from now on this controller syncs, self-heals and prunes only the applications of the shards it holds, under
     * their lease's fence, and compares the others read-only. Call before {@link #start()}.
     */
    public void useLeadership(Leadership value) {
        this.leadership = value;
        value.busyShards(k -> apps.values().stream().anyMatch(r -> operations.busy(r.app().name())
                && value.shardOf(r.app()) == k));
        value.onAcquired(k -> {
            List<Registered> ofShard = apps.values().stream().filter(r -> value.shardOf(r.app()) == k).toList();
            ofShard.forEach(r -> requestRefresh(r.app().name()));
            resumeHandedOver(ofShard.stream().map(Registered::app).toList());
        });
    }

    /**
     * Runs again the manual operations another controller (or this one, before a restart) recorded for these
     * applications and did not finish ({@link OperationHandover}): they were running when that controller lost the
     * shard or died. Only for applications whose shard this controller holds and that run no operation here.
     */
    private void resumeHandedOver(List<Application> candidates) {
        Leadership l = leadership;
        List<Application> mine = candidates.stream().filter(a -> l.holder(a).mine() && !operations.busy(a.name())
                && !deleting.contains(a.name())).toList();
        if (mine.isEmpty()) {
            return;
        }
        for (OperationHandover.Carried c : l.handover().pending(mine)) {
            if (!apps.containsKey(c.application()) || operations.busy(c.application())) {
                continue;
            }
            log.info(c.application() + ": resuming the sync started by " + c.request().initiatedBy() + " on "
                    + (c.controller() == null ? "another controller" : c.controller()) + (c.startedAt() == null ? ""
                    : " at " + c.startedAt()) + ", which did not finish it");
            operations.submit(c.application(), c.request()).whenComplete((o, e) -> {
                if (e != null) {
                    log.warn(c.application() + ": the resumed sync did not run: " + e.getMessage());
                }
            });
            publish(c.application());
        }
    }

    /** The application's shard and its holder ({@link io.jenkins.plugins.gitops.engine.reconcile.shard.ShardHolder#sole} without leases). */
    public io.jenkins.plugins.gitops.engine.reconcile.shard.ShardHolder holder(String appName) {
        Registered reg = apps.get(appName);
        if (reg == null) {
            throw new IllegalArgumentException("no application named " + appName);
        }
        return leadership.holder(reg.app());
    }

    /** Refuses an operation on an application whose shard another controller (or none) holds. */
    private Optional<IllegalStateException> notHolder(Application app, String what) {
        var h = leadership.holder(app);
        return h.mine() ? Optional.empty() : Optional.of(new IllegalStateException(what + " of " + app.name()
                + " refused: this controller does not hold its " + h.describe()
                + "; only the holder syncs, self-heals, prunes and deletes it"));
    }

    /**
     * Adds or replaces an application; its first refresh is due at once. Children its syncs created (app of apps) and
     * still owns come back with it, from the record the parent's last sync left, so a restarted controller shows and
     * reconciles them without waiting for the parent's next sync.
     */
    public void register(Application app, String owner) {
        register(app, owner, null);
        restoreChildren(app.name(), owner, 0);
        if (leadership.handover() != OperationHandover.NONE) {
            handoverChecks.add(app.name()); // the next tick looks, for all the newly registered ones at once
        }
    }

    /** The recorded children of {@code parent} (and theirs, to Argo CD's depth), registered under its owner. */
    private void restoreChildren(String parent, String owner, int depth) {
        if (depth >= 10) {
            return;
        }
        List<io.jenkins.plugins.gitops.engine.appofapps.ChildRecord.Entry> entries;
        try {
            entries = new io.jenkins.plugins.gitops.engine.appofapps.ChildRecord(engine.store(), parent).entries();
        } catch (RuntimeException e) {
            log.warn(parent + ": child applications not restored: " + e.getMessage());
            return;
        }
        for (var entry : entries) {
            if (apps.containsKey(entry.name()) || entry.document() == null || entry.document().isBlank()) {
                continue;
            }
            try {
                Application child = io.jenkins.plugins.gitops.engine.model.ArgoDocuments.parseApplication(
                        entry.document(), parent + " (child " + entry.name() + ")");
                register(child, owner, parent);
                restoreChildren(child.name(), owner, depth + 1);
            } catch (RuntimeException e) {
                log.warn(parent + ": child application " + entry.name() + " not restored: " + e.getMessage());
            }
        }
    }

    private void register(Application app, String owner, String parent) {
        apps.put(app.name(), new Registered(app, owner, parent));
        if (!deletionsRunning.contains(app.name())) {
            deleting.remove(app.name()); // registered again after a failed deletion: a fresh start
        }
        states.computeIfAbsent(app.name(), n -> new AppState(AutomationState.load(engine.store(), n),
                DriftLog.load(engine.store(), n, settings.driftEventLimit())));
        publish(app.name());
        queue.add(app.name(), now());
    }

    /**
     * Which jobs may deploy where (Jenkins): from now on every operation, manual or automated, of an application
     * whose owner the fence refuses is refused with the fence's reason.
     */
    public void fence(io.jenkins.plugins.gitops.engine.project.JobFence newFence) {
        this.fence = newFence == null ? io.jenkins.plugins.gitops.engine.project.JobFence.NONE : newFence;
    }

    /** Why {@code job} may not deploy {@code app} (asked before a job registers an application), or empty. */
    public Optional<String> fenceDenial(String job, Application app) {
        return fence.denial(job, app);
    }

    /** Why the owner of {@code appName} may not deploy it, or empty. */
    public Optional<String> fenceDenial(String appName) {
        Registered reg = apps.get(appName);
        return reg == null ? Optional.empty() : fence.denial(reg.owner(), reg.app());
    }

    /** Adds a listener told about every published snapshot and every unregistered application (notifications). */
    public void addListener(StatusListener listener) {
        listeners.add(listener);
    }

    public boolean unregister(String appName) {
        AppStatus last = statuses.get(appName);
        boolean had = apps.remove(appName) != null;
        deleting.remove(appName);
        queue.remove(appName);
        statuses.remove(appName);
        states.remove(appName);
        if (watching != null) {
            watching.forget(appName);
        }
        if (had && last != null) {
            listeners.forEach(l -> tell(() -> l.removed(last)));
        }
        return had;
    }

    public List<AppStatus> statuses() {
        return statuses.values().stream().sorted(Comparator.comparing(AppStatus::name)).toList();
    }

    public Optional<AppStatus> status(String appName) {
        return Optional.ofNullable(statuses.get(appName));
    }

    /** The application whose sync created {@code appName} (app of apps), if any. */
    public Optional<String> parentOf(String appName) {
        return Optional.ofNullable(apps.get(appName)).map(Registered::parent);
    }

    /** The registered children of {@code appName} (app of apps), by name. */
    public List<String> childrenOf(String appName) {
        return apps.values().stream().filter(r -> appName.equals(r.parent())).map(r -> r.app().name()).sorted()
                .toList();
    }

    public Optional<Application> application(String appName) {
        return Optional.ofNullable(apps.get(appName)).map(Registered::app);
    }

    /** A refresh after forgetting cached renderings and API discovery (Argo CD's hard refresh). */
    public void requestHardRefresh(String appName) {
        engine.forgetCaches();
        log.info(appName + ": hard refresh requested");
        requestRefresh(appName);
    }

    /** The progress lines of {@code appName}'s running or last operation since start-up, oldest first. */
    public List<String> operationProgress(String appName) {
        return progress.lines(appName);
    }

    public void requestRefresh(String appName) {
        queue.request(appName, now());
        promote(appName);
        tick();
    }

    /**
     * A refresh was requested for an application whose periodic refresh waits behind others (a full cycle of many
     * applications): it moves to the front, so the change that was asked about is compared within the time of one
     * comparison, not of the whole backlog.
     */
    private void promote(String appName) {
        RefreshTask t = waiting.get(appName);
        if (t != null && !t.requested && compareBacklog.remove(t)) {
            RefreshTask urgent = new RefreshTask(appName, true, t.seq, t.cycle);
            waiting.put(appName, urgent);
            queue.requestServed(appName);
            executeQuietly(urgent);
        }
    }

    /** Refreshes the applications a Git push concerns; returns their names. */
    public List<String> onPush(PushEvent event) {
        List<String> names = RefreshMatcher.affected(event, apps.values().stream().map(Registered::app).toList())
                .stream().map(Application::name).sorted().toList();
        names.forEach(n -> {
            queue.request(n, now());
            promote(n);
        });
        if (!names.isEmpty()) {
            log.info("webhook " + event.provider() + " push to " + String.join(",", event.revisions())
                    + ": refreshing " + String.join(", ", names));
            tick();
        }
        return names;
    }

    public void pauseSelfHeal(String appName, Duration duration, String by, String reason) {
        AppState s = state(appName);
        SelfHealPause pause = new SelfHealPause(now().plus(duration), by == null ? "" : by, reason == null ? "" : reason);
        s.update(engine.store(), appName, a -> a.withPause(pause));
        log.info(appName + ": self-heal paused by " + pause.by() + " until " + pause.until());
        publish(appName);
    }

    public void resumeSelfHeal(String appName) {
        state(appName).update(engine.store(), appName, a -> a.withPause(null));
        log.info(appName + ": self-heal resumed");
        publish(appName);
        requestRefresh(appName);
    }

    /** Queues a sync; while another operation runs for the app, requests coalesce to the latest one. */
    public CompletableFuture<SyncOutcome> requestSync(String appName, SyncRequest request) {
        if (!apps.containsKey(appName)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no application named " + appName));
        }
        if (deleting.contains(appName)) {
            return CompletableFuture.failedFuture(new IllegalStateException(appName + " is being deleted"));
        }
        Optional<String> denied = fenceDenial(appName);
        if (denied.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalStateException(appName + ": " + denied.get()));
        }
        Optional<IllegalStateException> refused = notHolder(apps.get(appName).app(), "sync");
        if (refused.isPresent()) {
            return CompletableFuture.failedFuture(refused.get());
        }
        CompletableFuture<SyncOutcome> f = operations.submit(appName, request);
        publish(appName);
        return f;
    }

    /**
     * Queues a rollback to history entry {@code historyId} (negative: the previous deployed revision) behind any
     * running operation, like {@link #requestSync}. Refused at once while automated sync is enabled.
     */
    public CompletableFuture<SyncOutcome> requestRollback(String appName, long historyId, SyncRequest request) {
        Registered reg = apps.get(appName);
        if (reg == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no application named " + appName));
        }
        if (reg.app().syncPolicy().isAutomated()) {
            return CompletableFuture.failedFuture(new IllegalStateException("rollback of " + appName
                    + " is refused while automated sync is enabled (spec.syncPolicy.automated)"));
        }
        var history = new io.jenkins.plugins.gitops.engine.history.SyncHistory(engine.store(), appName);
        var entry = historyId < 0 ? history.previous() : history.find(historyId);
        if (entry.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(historyId < 0
                    ? appName + " has no previous deployment to roll back to"
                    : appName + " has no history entry " + historyId));
        }
        return requestSync(appName, entry.get().revisions().isEmpty() ? request.withRevision(entry.get().revision())
                : request.withRevisions(entry.get().revisions()));
    }

    /**
     * Deletes an application ({@link GitOpsEngine#delete}) once the operation running for it (if any) ended. From the
     * request on, the application is neither refreshed nor synced, so automation cannot re-create what is being
     * deleted. On success it is unregistered; when the deletion failed before any resource was released (e.g. a
     * PreDelete hook failed) it goes back to normal with a {@code DeletionError} condition; when it failed later it
     * stays registered, not refreshed, with that condition, until a deletion succeeds or it is registered again.
     */
    public CompletableFuture<DeleteOutcome> requestDelete(String appName, DeleteRequest request) {
        Registered reg = apps.get(appName);
        if (reg == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no application named " + appName));
        }
        Optional<String> denied = fenceDenial(appName);
        if (denied.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalStateException(appName + ": " + denied.get()));
        }
        Optional<IllegalStateException> refused = notHolder(reg.app(), "deletion");
        if (refused.isPresent()) {
            return CompletableFuture.failedFuture(refused.get());
        }
        if (!deletionsRunning.add(appName)) {
            return CompletableFuture.failedFuture(new IllegalStateException("a deletion of " + appName
                    + " is already running"));
        }
        deleting.add(appName);
        queue.remove(appName);
        try {
            return CompletableFuture.supplyAsync(() -> runDeletion(reg, request), operationPool);
        } catch (RejectedExecutionException closed) {
            deletionsRunning.remove(appName);
            deleting.remove(appName);
            return CompletableFuture.failedFuture(closed);
        }
    }

    private DeleteOutcome runDeletion(Registered reg, DeleteRequest request) {
        try {
            return deletion(reg, request);
        } finally {
            deletionsRunning.remove(reg.app().name());
        }
    }

    private DeleteOutcome deletion(Registered reg, DeleteRequest request) {
        String name = reg.app().name();
        try {
            while (operations.busy(name)) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleting.remove(name);
            throw new IllegalStateException("deletion of " + name + " interrupted while waiting for its operation", e);
        }
        AppState s = states.get(name);
        if (s != null) {
            s.operationRunning = true;
            publish(name);
        }
        DeleteOutcome outcome;
        try {
            outcome = engine.delete(reg.app(), request, log, leadership.fence(reg.app()));
        } catch (RuntimeException e) {
            deleting.remove(name);
            queue.add(name, now());
            throw e;
        } finally {
            if (s != null) {
                s.operationRunning = false;
            }
        }
        if (outcome.succeeded()) {
            unregister(name);
            log.info(name + ": deleted and unregistered");
            return outcome;
        }
        if (s != null) {
            s.condition(AppCondition.DELETION_ERROR, outcome.message(), now());
        }
        if (!outcome.resourcesReleased()) {
            deleting.remove(name);
            queue.add(name, now());
        }
        publish(name);
        return outcome;
    }

    /** Whether a deletion of the application runs or failed after releasing its resources. */
    public boolean isDeleting(String appName) {
        return deleting.contains(appName);
    }

    /** Schedules every refresh that is due; returns at once. */
    public void tick() {
        Instant now = now();
        if (!handoverChecks.isEmpty()) {
            List<String> names = List.copyOf(handoverChecks);
            handoverChecks.removeAll(names);
            resumeHandedOver(names.stream().map(apps::get).filter(java.util.Objects::nonNull)
                    .map(Registered::app).toList());
        }
        states.forEach((name, s) -> {
            if (s.nextSelfHealAt != null && !s.nextSelfHealAt.isAfter(now)) {
                s.nextSelfHealAt = null;
                queue.request(name, now);
            }
            if (s.recheckAt != null && !s.recheckAt.isAfter(now)) {
                s.recheckAt = null;
                queue.request(name, now);
            }
        });
        List<RefreshQueue.Due> due = queue.takeDueEntries(now);
        if (due.isEmpty()) {
            return;
        }
        RefreshCycle cycle = null;
        for (RefreshQueue.Due d : due) {
            if (d.fetch() && cycle == null) {
                cycle = RefreshCycle.begin();
            }
            inFlight.incrementAndGet();
            // a refresh only changes in the cluster asked for compares with what Git held at the last fetch
            RefreshTask task = new RefreshTask(d.app(), d.requested(), dispatched.incrementAndGet(),
                    d.fetch() ? cycle : RefreshCycle.recent());
            waiting.put(d.app(), task);
            executeQuietly(task);
        }
    }

    private void executeQuietly(RefreshTask task) {
        try {
            comparePool.execute(task);
        } catch (RejectedExecutionException closed) {
            if (task.claimed.compareAndSet(false, true)) {
                waiting.remove(task.name, task);
                inFlight.decrementAndGet();
            }
            return;
        }
        if (task.requested && !requestedLane.isShutdown()) {
            requestedLane.execute(task);
        }
    }

    /** One dispatched refresh; requested ones sort first, then by dispatch order. */
    private final class RefreshTask implements Runnable, Comparable<RefreshTask> {
        final String name;
        final boolean requested;
        final long seq;
        final RefreshCycle cycle;
        /** Set by the thread that runs it (a requested task is handed to the pool and to the requested lane). */
        final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();

        RefreshTask(String name, boolean requested, long seq, RefreshCycle cycle) {
            this.name = name;
            this.requested = requested;
            this.seq = seq;
            this.cycle = cycle;
        }

        @Override
        public int compareTo(RefreshTask o) {
            return requested != o.requested ? (requested ? -1 : 1) : Long.compare(seq, o.seq);
        }

        @Override
        public void run() {
            if (!requested) {
                yieldToRequested();
            }
            if (!claimed.compareAndSet(false, true)) {
                return; // the other thread it was handed to runs it
            }
            waiting.remove(name, this);
            if (requested) {
                requestedStarted.incrementAndGet();
            }
            try {
                refresh(name, cycle);
            } finally {
                queue.done(name, now());
                publish(name);
                inFlight.decrementAndGet();
                if (requested) {
                    requestedFinished.incrementAndGet();
                    synchronized (requestedDone) {
                        requestedDone.notifyAll();
                    }
                }
            }
        }
    }

    /**
     * A periodic refresh about to start lets the requested refreshes running at that moment finish first (waiting at
     * most {@link #PERIODIC_YIELDS_AT_MOST}): on a machine with few cores they would otherwise share the CPU with a
     * full cycle's comparisons, and a change someone waits to see would take several comparisons' time instead of
     * one. Requested refreshes that start meanwhile do not prolong the wait, so a cluster that changes all the time
     * delays each periodic refresh by about one requested refresh, never starves them.
     */
    private void yieldToRequested() {
        long running = requestedStarted.get();
        if (requestedFinished.get() >= running) {
            return;
        }
        long end = System.nanoTime() + PERIODIC_YIELDS_AT_MOST.toNanos();
        synchronized (requestedDone) {
            long left;
            while (requestedFinished.get() < running && (left = end - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(requestedDone, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Starts the one-second ticker and watch-backed live state (change to a tracked object -> refresh). */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        watching = LiveStateSource.watching(log, cache -> cache.addListener(change -> {
            if (change.appName() != null && apps.containsKey(change.appName())
                    && queue.requestForClusterChange(change.appName(), now())) {
                promote(change.appName());
                tick(); // refresh at once rather than at the next one-second tick
            }
        }));
        engine.useLiveStateSource(watching);
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("gitops-ticker"));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("controller tick failed: " + e.getMessage());
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    /** Waits until no refresh or operation is running (tests and orderly shutdown). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (inFlight.get() == 0 && apps.keySet().stream().noneMatch(operations::busy)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        comparePool.shutdownNow();
        requestedLane.shutdownNow();
        operationPool.shutdownNow();
        apps.keySet().forEach(a -> engine.terminate(a, "controller shutdown"));
    }

    // --- one refresh -------------------------------------------------------------------------------------------

    private void refresh(String name, RefreshCycle cycle) {
        Registered reg = apps.get(name);
        if (reg == null || deleting.contains(name)) {
            return;
        }
        AppState s = state(name);
        Refresh r = engine.refresh(reg.app(), cycle);
        AppComparison c = r.comparison();
        s.lastRefreshedAt = now();
        AppComparison previous = s.comparison;
        s.comparison = c.error() != null && previous != null && !previous.resources().isEmpty()
                ? previous.staleAfter(c) // keep showing what is deployed while Git or the cluster cannot be read
                : c;
        if (c.error() != null) {
            s.condition(AppCondition.COMPARISON_ERROR, c.error(), now());
            log.warn(name + ": comparison failed: " + c.error());
            // a transient failure (a Git server or API server that dropped a connection) is not left standing for
            // a whole refresh interval: tried again after 5 s, doubling, up to the interval
            s.recheckAt = now().plus(retryAfterFailedComparison(++s.failedComparisons, settings.refreshInterval()));
            return;
        }
        s.failedComparisons = 0;
        s.clearCondition(AppCondition.COMPARISON_ERROR);
        if (c.syncStatus() == SyncStatus.Synced && s.automation.lastAttempt() != null
                && s.automation.lastAttempt().selfHealAttempts() > 0) {
            s.update(engine.store(), name, a -> a.withAttempt(new AutoSyncAttempt(a.lastAttempt().revision(),
                    a.lastAttempt().sourceKey(), true, a.lastAttempt().finishedAt(), 0)));
        }
        log.info(name + ": refreshed " + c.shortRevision() + " " + c.syncStatus() + " " + c.health().status());
        List<io.jenkins.plugins.gitops.engine.model.ResourceKey> unseen = s.unseenWrites.missingFrom(
                c.resources().stream().map(io.jenkins.plugins.gitops.engine.ResourceStatus::key).toList(),
                r.live() == null ? Map.of() : r.live(), now());
        if (!unseen.isEmpty()) {
            // the live cache has not caught up with the last operation: judging now would report what it just
            // created as deleted and self-heal it again
            s.recheckAt = now().plus(CATCH_UP_RECHECK);
            return;
        }
        s.unseenWrites = UnseenWrites.NONE;
        AutomationDecision d = decide(reg.app(), c, s);
        recordDrift(reg.app(), r, s, d);
    }

    /** 5 s, 10 s, 20 s ... after the first, second, third failed comparison in a row; never more than the interval. */
    static Duration retryAfterFailedComparison(int failures, Duration interval) {
        Duration d = COMPARISON_RETRY.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 16));
        return d.compareTo(interval) > 0 ? interval : d;
    }

    /** Drift = OutOfSync at the revision last synced: attribute it to the managers that changed the fields. */
    private void recordDrift(Application app, Refresh r, AppState s, AutomationDecision d) {
        var lastOp = engine.lastOperation(app.name());
        if (d.action() != AutomationDecision.Action.SELF_HEAL && lastOp.isPresent()
                && lastOp.get().finishedAt() != null
                && now().isBefore(lastOp.get().finishedAt().plus(SETTLE_AFTER_OPERATION))) {
            // the watch may not have delivered what the operation just wrote: judge drift a moment later (a
            // self-heal decision is taken after its backoff, so it is acted on and recorded at once)
            s.recheckAt = lastOp.get().finishedAt().plus(SETTLE_AFTER_OPERATION);
            return;
        }
        String lastSynced = engine.history(app.name()).stream().reduce((a, b) -> b)
                .map(io.jenkins.plugins.gitops.engine.history.HistoryEntry::revision).orElse(null);
        SyncPolicy.Automated auto = app.syncPolicy().automated();
        boolean healing = auto != null && auto.enabled() && auto.selfHeal();
        String action = s.activePause(now()) != null && healing ? DriftDetector.PAUSED
                : healing ? DriftDetector.REVERTED : DriftDetector.REPORTED;
        try {
            List<DriftEvent> detected = new DriftDetector(app.name(), engine.clock())
                    .detect(lastSynced, r.comparison().revision(), r.diff(), r.live(), action);
            List<DriftEvent> added = s.drift.refreshed(r.diff(), detected);
            for (DriftEvent e : added) {
                log.info(app.name() + ": drift detected on " + e.resource() + " " + String.join(", ", e.fields())
                        + " changed by " + e.changedBy() + (e.operation().isEmpty() ? "" : " (" + e.operation() + ")")
                        + "; " + e.action());
            }
            if (!added.isEmpty() || !s.drift.openEpisodes().isEmpty()) {
                s.drift.save(engine.store(), app.name());
            }
        } catch (RuntimeException e) {
            log.warn(app.name() + ": drift attribution failed: " + e.getMessage());
        }
    }

    private AutomationDecision decide(Application app, AppComparison c, AppState s) {
        var holder = leadership.holder(app);
        if (!holder.mine()) {
            AutomationDecision none = AutomationDecision.none("read-only here: " + holder.describe()
                    + "; only that controller syncs, self-heals and prunes it");
            s.automationMessage = none.reason();
            s.nextSelfHealAt = null;
            return none;
        }
        AutomationDecision d = automation.decide(new AutomationInput(app.syncPolicy(), c.syncStatus(), c.resources(),
                c.revision(), app.sourceKey(), (int) c.resources().stream().filter(r -> !r.requiresPruning()).count(),
                s.automation.lastAttempt(), operations.busy(app.name()), s.activePause(now()), now()));
        s.automationMessage = d.reason();
        s.nextSelfHealAt = d.action() == AutomationDecision.Action.WAIT ? d.notBefore() : null;
        Optional<String> denied = d.action() == AutomationDecision.Action.SYNC
                || d.action() == AutomationDecision.Action.SELF_HEAL ? fenceDenial(app.name()) : Optional.empty();
        if (denied.isPresent()) {
            s.automationMessage = "automated sync refused: " + denied.get();
            s.condition(AppCondition.SYNC_ERROR, denied.get(), now());
            s.nextSelfHealAt = null;
            return d;
        }
        switch (d.action()) {
            case SYNC -> {
                log.info(app.name() + ": " + d.reason());
                submitQuietly(app.name(), new SyncRequest(app.syncPolicy().automated().prune(), false,
                        comparedCommit(app, c.revision()), List.of(), null, "automated", true, null));
            }
            case SELF_HEAL -> {
                log.info(app.name() + ": " + d.reason());
                submitQuietly(app.name(), new SyncRequest(app.syncPolicy().automated().prune(), false,
                        comparedCommit(app, c.revision()), d.resources(), null, "automated (self-heal)", true, null));
            }
            default -> { }
        }
        return d;
    }

    /**
     * The commit an automated sync deploys: the one the comparison that decided it saw (Argo CD's auto-sync sets the
     * operation's revision to the compared commit SHA), so a push in between is not deployed unseen and the sync
     * reads that commit from the Git cache instead of fetching again. Null (the source's targetRevision) for a
     * multi-source application or a chart from a Helm repository.
     */
    static String comparedCommit(Application app, String sha) {
        String chart = app.source().chart();
        return !app.multiSource() && (chart == null || chart.isEmpty()) && sha != null
                && sha.matches("[0-9a-f]{40}") ? sha : null;
    }

    private void submitQuietly(String app, SyncRequest request) {
        operations.submit(app, request).whenComplete((o, e) -> {
            if (e != null) {
                log.warn(app + ": automated operation did not run: " + e.getMessage());
            }
        });
    }

    private SyncOutcome runOperation(String name, SyncRequest request) {
        Registered reg = apps.get(name);
        if (reg == null) {
            throw new IllegalStateException("application " + name + " was unregistered");
        }
        AppState s = state(name);
        s.operationRunning = true;
        publish(name);
        SyncOutcome outcome;
        Leadership lead = leadership;
        io.jenkins.plugins.gitops.engine.sync.run.WriteFence fence = lead.fence(reg.app());
        // a manual operation is recorded beside the lease before its first write: should this controller die or
        // lose the shard in its middle, the next holder runs it again
        Optional<OperationHandover.Receipt> receipt = fence.lost().isPresent() ? Optional.empty()
                : lead.handover().record(reg.app(), request);
        try {
            outcome = engine.sync(reg.app(), request, publishingOnce(name, progress.begin(name, log)), fence);
        } catch (RuntimeException e) {
            if (fence.lost().isEmpty()) {
                receipt.ifPresent(lead.handover()::done);
            }
            throw e;
        } finally {
            s.operationRunning = false;
        }
        Optional<String> fenced = request.dryRun() ? Optional.empty() : fence.lost();
        if (fenced.isPresent()) {
            // not an attempt of this revision: the controller that holds the shard now decides about it (and this
            // one tries again should it get the shard back); a manual operation's record stays for that controller
            log.warn(name + ": operation stopped: " + fenced.get() + (receipt.isPresent()
                    ? "; the controller holding the shard now runs it again" : ""));
            if (receipt.isPresent() && lead.holder(reg.app()).mine()) {
                // this controller holds the shard again (a new term, e.g. after a slow renewal): nobody else will
                handoverChecks.add(name);
            }
        } else {
            receipt.ifPresent(lead.handover()::done);
        }
        if (!request.dryRun() && fenced.isEmpty() && outcome.revision() != null && !outcome.revision().isEmpty()) {
            boolean ok = outcome.succeeded();
            Instant at = outcome.finishedAt();
            String sourceKey = reg.app().sourceKey();
            s.update(engine.store(), name, a -> {
                AutoSyncAttempt prev = a.lastAttempt();
                boolean selfHeal = request.selective() && request.automated() && prev != null
                        && prev.revision().equals(outcome.revision());
                return a.withAttempt(selfHeal ? prev.withSelfHeal(ok, at)
                        : new AutoSyncAttempt(outcome.revision(), sourceKey, ok, at, 0));
            });
        }
        if (!request.dryRun()) {
            s.unseenWrites = UnseenWrites.of(outcome);
        }
        if (outcome.succeeded()) {
            s.clearCondition(AppCondition.SYNC_ERROR);
        } else {
            s.condition(AppCondition.SYNC_ERROR, outcome.message(), now());
        }
        if (outcome.after() != null) {
            s.comparison = outcome.after();
        }
        if (outcome.children() != null) {
            syncChildren(reg, outcome.children());
        }
        queue.request(name, now());
        publish(name);
        return outcome;
    }

    /**
     * App of apps: the parent's successful sync applied its children ({@link SyncOutcome#children()}, recorded by the
     * engine): those in Git are registered (owned like the parent; new or changed ones refresh at once, and their own
     * syncPolicy decides whether they sync), and those that left Git are deleted - with their resources only when
     * they carry the resources finalizer - if the sync pruned.
     */
    private void syncChildren(Registered parent, io.jenkins.plugins.gitops.engine.appofapps.ChildPlan plan) {
        String name = parent.app().name();
        for (var child : plan.inGit()) {
            Registered existing = apps.get(child.name());
            if (existing != null && !name.equals(existing.parent())) {
                log.warn(name + ": child application " + child.name() + " is not created: an application of that "
                        + "name is registered already (" + existing.owner() + ")");
                continue;
            }
            if (existing == null || plan.changed().contains(child.name())) {
                log.info(name + ": child application " + child.name() + (existing == null ? " created" : " updated"));
                register(child.application(), parent.owner(), name);
            }
        }
        for (var removal : plan.removals()) {
            if (!apps.containsKey(removal.name())) {
                continue;
            }
            if (removal.deletesResources()) {
                log.info(name + ": child application " + removal.name() + " left Git: pruned with its resources");
                requestDelete(removal.name(), DeleteRequest.manual("parent " + name + " (prune)")
                        .withCascade(removal.cascade()).withConfirmed(true)).whenComplete((o, e) -> {
                            if (e != null) {
                                log.warn(name + ": pruning child application " + removal.name() + " failed: "
                                        + e.getMessage());
                            }
                        });
            } else {
                log.info(name + ": child application " + removal.name() + " left Git: pruned, its resources are "
                        + "left in the cluster (no " + io.jenkins.plugins.gitops.engine.appofapps.ChildApplication
                                .RESOURCES_FINALIZER + " finalizer)");
                unregister(removal.name());
            }
        }
        plan.requirePruning().forEach(c -> log.info(name + ": child application " + c
                + " left Git and requires pruning (sync with prune to delete it)"));
    }

    /** The operation's progress log; its first line means the journal records the operation as Running: publish. */
    private EngineLog publishingOnce(String name, EngineLog progress) {
        if (listeners.isEmpty()) {
            return progress;
        }
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        return new EngineLog() {
            @Override
            public void info(String message) {
                progress.info(message);
                if (first.compareAndSet(true, false)) {
                    publish(name);
                }
            }

            @Override
            public void warn(String message) {
                progress.warn(message);
                if (first.compareAndSet(true, false)) {
                    publish(name);
                }
            }
        };
    }

    private void tell(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("status listener failed: " + e);
        }
    }

    // --- snapshots ---------------------------------------------------------------------------------------------

    private AppState state(String name) {
        AppState s = states.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no application named " + name);
        }
        return s;
    }

    private void publish(String name) {
        Registered reg = apps.get(name);
        AppState s = states.get(name);
        if (reg == null || s == null) {
            return;
        }
        AppStatus status = new AppStatus(name, reg.owner(), reg.app(), s.comparison,
                engine.lastOperation(name).orElse(null), operations.queued(name), engine.history(name),
                s.drift.events(), s.conditionList(), s.automationMessage, s.activePause(now()),
                s.nextSelfHealAt, s.lastRefreshedAt, queue.next(name).orElse(null), reg.parent(),
                leadership.holder(reg.app()));
        AppStatus before = statuses.put(name, status);
        if (reg.parent() != null && apps.containsKey(reg.parent()) && summary(status) != null
                && !summary(status).equals(summary(before))) {
            queue.request(reg.parent(), now()); // the parent's row for this child shows its health
        }
        listeners.forEach(l -> tell(() -> l.published(status)));
    }

    /** A child's health as its parent's comparison shows it (null: not compared yet). */
    private static String summary(AppStatus s) {
        return s == null || s.comparison() == null || s.comparison().health() == null ? null
                : String.valueOf(s.comparison().health().status());
    }

    private Instant now() {
        return engine.clock().instant();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
