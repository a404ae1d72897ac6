package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ClusterApplier;
import io.jenkins.plugins.gitops.engine.cluster.live.ResourceTracking;
import io.jenkins.plugins.gitops.engine.diff.IgnoredFields;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import io.jenkins.plugins.gitops.engine.history.OperationJournal;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.history.SyncHistory;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncPolicy;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.project.SyncDecision;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.render.TargetObjects;
import io.jenkins.plugins.gitops.engine.sync.ResourceSelection;
import io.jenkins.plugins.gitops.engine.sync.SyncOptions;
import io.jenkins.plugins.gitops.engine.sync.SyncPlan;
import io.jenkins.plugins.gitops.engine.sync.SyncPlanner;
import io.jenkins.plugins.gitops.engine.sync.run.OperationHandle;
import io.jenkins.plugins.gitops.engine.sync.run.OperationResult;
import io.jenkins.plugins.gitops.engine.sync.run.RetryPolicy;
import io.jenkins.plugins.gitops.engine.sync.run.SyncContext;
import io.jenkins.plugins.gitops.engine.sync.run.SyncOperation;
import io.jenkins.plugins.gitops.engine.sync.run.WriteFence;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One sync operation from request to recorded outcome: sync-window check, compare, plan (re-planned on each retry
 * from a fresh comparison), run, history, operation journal, and a fresh comparison afterwards. The journal gets the
 * operation before it starts, so a restart mid-operation is reported, never lost.
 */
final class SyncExecution {

    private final GitOpsEngine engine;
    private final OperationJournal journal;
    private final ExecutorService pool;
    private final Map<String, OperationHandle> running = new ConcurrentHashMap<>();

    SyncExecution(GitOpsEngine engine, OperationJournal journal, ExecutorService pool) {
        this.engine = engine;
        this.journal = journal;
        this.pool = pool;
    }

    boolean terminate(String app, String who) {
        OperationHandle h = running.get(app);
        if (h == null) {
            return false;
        }
        h.terminate(who);
        return true;
    }

    SyncOutcome run(Application requested, SyncRequest request, EngineLog progress, WriteFence fence) {
        Application app = request.revisions().isEmpty() ? requested : requested.withRevisions(request.revisions());
        Instant started = engine.clock().instant();
        EngineLog log = progress.withPrefix(app.name() + ": ");
        SyncDecision window = engine.projects().syncWindowsFor(app).canSync(app, !request.automated(), engine.clock());
        if (!window.allowed()) {
            return error(app, request, started, "sync blocked by sync window: " + window.reason(), true);
        }
        java.util.Optional<String> fenced = request.dryRun() ? java.util.Optional.empty() : fence.lost();
        if (fenced.isPresent()) {
            return error(app, request, started, fenced.get() + "; the sync did not start", true);
        }
        OperationHandle handle = new OperationHandle();
        if (running.putIfAbsent(app.name(), handle) != null) {
            return error(app, request, started, "another operation is running for " + app.name()
                    + "; use the controller's queue to wait for it", false);
        }
        try {
            journal.record(app.name(), new OperationRecord(OperationRecord.RUNNING, "sync started", "",
                    request.initiatedBy(), started, null, null));
            return execute(app, request, progress, log, handle, started, fence);
        } catch (RuntimeException e) {
            return error(app, request, started, Errors.describe(e), true);
        } finally {
            running.remove(app.name());
        }
    }

    /** {@code progress} goes to the sync run, which prefixes the app name itself; {@code log} is prefixed already. */
    private SyncOutcome execute(Application app, SyncRequest request, EngineLog progress, EngineLog log,
            OperationHandle handle, Instant started, WriteFence fence) {
        AtomicReference<ComparisonState> last = new AtomicReference<>();
        // the comparison after the operation reads Git as the operation's own comparison did (same refresh cycle: no
        // second fetch), so it says whether what was synced is now live, whatever was pushed meanwhile
        AtomicReference<RefreshCycle> lastCycle = new AtomicReference<>();
        // a dry-run request writes nothing: it is not fenced (the controller refuses it where it does not hold the
        // shard); a real one asks the fence before every write request and every retry of one
        WriteFence writes = request.dryRun() ? WriteFence.NONE : fence;
        WrittenObjects written = new WrittenObjects(ClusterApplier.forConnection(
                engine.clusters().resolve(app.destination().server(), app.destination().name()), writes::lost));
        SyncContext context = SyncContext.builder(written)
                .log(progress).executor(pool).clock(engine.clock()).handle(handle).fence(writes)
                .pollInterval(engine.config().pollInterval())
                // every sync forces conflicts (Git is the source of truth) unless FailOnConflict=true; see ApplyMode
                .operationTimeout(request.timeout() == null ? SyncContext.DEFAULT_OPERATION_TIMEOUT : request.timeout())
                .build();
        SyncPolicy policy = app.syncPolicy();
        RetryPolicy retry = policy.retry() == null ? (request.automated() ? RetryPolicy.of(
                new SyncPolicy.Retry(5, SyncPolicy.Retry.DEFAULT_BACKOFF.backoffDuration(), 2,
                        SyncPolicy.Retry.DEFAULT_BACKOFF.maxDuration())) : RetryPolicy.NONE)
                : RetryPolicy.of(policy.retry());
        OperationResult result = new SyncOperation().run(() -> {
            RefreshCycle cycle = RefreshCycle.begin();
            lastCycle.set(cycle);
            ComparisonState state = engine.compareState(app, request.revision(), request.localDir(), cycle);
            last.set(state);
            engine.checkChildTree(state, cycle);
            log.info("comparing " + state.revision().sha() + ": " + state.diff().syncStatus() + ", "
                    + state.diff().outOfSync().size() + " resource(s) out of sync");
            state.view().conditions().forEach(c -> log.warn(c.message()));
            return plan(state, request);
        }, context, retry);
        ComparisonState state = last.get();
        String revision = state == null ? "" : state.revision().sha();
        SyncOutcome outcome = result.toSyncOutcome(revision);
        // the state the operation left, listed from the API server (a watch cache may not have seen the writes
        // yet and would show the state before the sync: resources Missing, OutOfSync); the controller's cache is
        // given time to catch up before history says this revision is deployed, so a refresh in between does not
        // report the new resources as deleted behind our back
        io.jenkins.plugins.gitops.engine.appofapps.ChildPlan children = null;
        List<ResourceResult> results = new java.util.ArrayList<>(outcome.resources());
        if (result.succeeded() && !request.dryRun() && state != null && request.localDir() == null) {
            List<io.jenkins.plugins.gitops.engine.appofapps.ChildRecord.Entry> before =
                    engine.recordedChildren(app.name());
            children = engine.applyChildren(state, request, before, log);
            if (children != null) {
                results.addAll(io.jenkins.plugins.gitops.engine.appofapps.ChildResults.of(children, before));
            }
        }
        AppComparison after = request.dryRun() ? (state == null ? null : state.view())
                : engine.compareAfter(app, request.revision(), request.localDir(),
                        state == null ? null : state.liveState(), written,
                        lastCycle.get() == null ? RefreshCycle.begin() : lastCycle.get());
        if (result.succeeded() && !request.dryRun() && state != null) {
            engine.deployedKinds().remember(app.name(), state.desired());
            if (!request.selective()) {
                new SyncHistory(engine.store(), app.name()).append(new HistoryEntry(-1, revision,
                        state.application().source().repoURL(), state.application().source().path(),
                        state.application().source().targetRevision(), started, result.finishedAt(),
                        request.initiatedBy(), request.automated(), state.revision().message(),
                        state.view().revisions()),
                        app.revisionHistoryLimit());
            }
        }
        String applied = state == null || state.view().diff() == null ? "" : state.view().diff();
        SyncOutcome full = new SyncOutcome(outcome.phase(), outcome.message(), revision, outcome.startedAt(),
                outcome.finishedAt(), List.copyOf(results), after, applied, children);
        journal.record(app.name(), new OperationRecord(full.phase(), full.message(), revision, request.initiatedBy(),
                started, full.finishedAt(), Yaml.JSON.valueToTree(full.resources())));
        return full;
    }

    private SyncPlan plan(ComparisonState state, SyncRequest request) {
        Application app = state.application();
        SyncPolicy.Automated auto = app.syncPolicy().automated();
        boolean prune = request.prune() || (request.automated() && auto != null && auto.prune());
        if (prune && !state.liveComplete()) {
            throw new IllegalStateException("refusing to prune: " + state.view().error());
        }
        Set<ResourceKey> known = new java.util.TreeSet<>(state.live().keySet());
        state.desired().forEach(o -> known.add(o.key()));
        // child Applications (app of apps) are never applied: a selection naming them is for the parent's children
        Set<ResourceKey> selected = request.selective()
                ? ResourceSelection.resolve(request.resources().stream()
                        .filter(k -> !io.jenkins.plugins.gitops.engine.appofapps.ChildComparison.isChild(k))
                        .toList(), known) : null;
        List<String> noNamespace = state.missingNamespace().stream()
                .filter(k -> selected == null || selected.contains(k))
                .map(TargetObjects::missingNamespaceMessage).toList();
        if (!noNamespace.isEmpty()) {
            throw new IllegalArgumentException("sync refused: " + String.join("; ", noNamespace)
                    + " (set spec.destination.namespace or a namespace in the manifest)");
        }
        Map<ResourceKey, SyncStatus> status = new HashMap<>();
        state.diff().resources().forEach(d -> status.put(d.key(), d.syncStatus()));
        ResourceTracking tracking = engine.tracking();
        String appName = app.name();
        SyncPlan plan = new SyncPlanner().plan(io.jenkins.plugins.gitops.engine.sync.SyncRequest.builder(appName)
                .desired(state.desired())
                .live(state.live())
                .syncStatus(status)
                .appOptions(request.effectiveOptions(app.syncPolicy().syncOptions()))
                .prune(prune)
                .dryRun(request.dryRun())
                .allowEmpty(!request.automated() || (auto != null && auto.allowEmpty()))
                .selected(selected)
                .destinationNamespace(app.destination().namespace())
                .sharedWithOtherApp(key -> state.liveState().get(key).flatMap(tracking::owningApp)
                        .map(owner -> !owner.equals(appName)).orElse(false))
                .revision(state.revision().sha())
                .startedAt(engine.clock().instant())
                .trackHook(hook -> tracking.stamp(appName, hook, app.destination().namespace()))
                .ignoredFields(new IgnoredFields(app.ignoreDifferences())::respect)
                .build());
        return plan.requireValid();
    }

    private SyncOutcome error(Application app, SyncRequest request, Instant started, String message, boolean record) {
        Instant now = engine.clock().instant();
        SyncOutcome o = new SyncOutcome("Error", message, "", started, now, List.of(), null);
        if (record) {
            journal.record(app.name(), new OperationRecord("Error", message, "", request.initiatedBy(), started, now,
                    null));
        }
        return o;
    }
}
