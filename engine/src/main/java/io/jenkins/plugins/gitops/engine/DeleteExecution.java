package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ClusterApplier;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.history.OperationJournal;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.sync.DeletionPlanner;
import io.jenkins.plugins.gitops.engine.sync.PropagationPolicy;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncOptions;
import io.jenkins.plugins.gitops.engine.sync.SyncPhase;
import io.jenkins.plugins.gitops.engine.sync.SyncPlan;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import io.jenkins.plugins.gitops.engine.sync.run.OperationHandle;
import io.jenkins.plugins.gitops.engine.sync.run.OperationResult;
import io.jenkins.plugins.gitops.engine.sync.run.SyncContext;
import io.jenkins.plugins.gitops.engine.sync.run.SyncOperation;
import io.jenkins.plugins.gitops.engine.sync.run.TaskResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * One application deletion from request to recorded outcome, in Argo CD's order ({@code finalizeApplicationDeletion}):
 * render the application to find its hooks and list the live objects it tracks; run the PreDelete hooks to completion
 * (one failing stops the deletion, nothing is deleted); unless orphaning, delete the tracked objects in reverse wave
 * order with the cascade's propagation policy and wait until they are gone; run the PostDelete hooks. Hooks are
 * deleted as their delete policy says. Each part is a {@link SyncPlan} the sync runner executes (dry run first, hook
 * completion by health, hook timeouts, termination). The operation journal records it, like a sync.
 */
final class DeleteExecution {

    private final GitOpsEngine engine;
    private final OperationJournal journal;
    private final ExecutorService pool;
    private final Map<String, OperationHandle> running = new ConcurrentHashMap<>();
    private final DeletionPlanner planner = new DeletionPlanner();

    DeleteExecution(GitOpsEngine engine, OperationJournal journal, ExecutorService pool) {
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

    DeleteOutcome run(Application app, DeleteRequest request, EngineLog progress,
            io.jenkins.plugins.gitops.engine.sync.run.WriteFence fence) {
        Run run = new Run(app, request, progress.withPrefix(app.name() + ": "), engine.clock().instant());
        java.util.Optional<String> fenced = fence.lost();
        if (fenced.isPresent()) {
            return run.end("Error", fenced.get() + "; the deletion did not start", false);
        }
        OperationHandle handle = new OperationHandle();
        if (running.putIfAbsent(app.name(), handle) != null) {
            return run.end("Error", "a deletion of " + app.name() + " is already running", false);
        }
        try {
            journal.record(app.name(), new OperationRecord(OperationRecord.RUNNING, "deletion started (cascade "
                    + request.cascade() + ")", "", request.initiatedBy(), run.started, null, null));
            return execute(run, progress, handle, fence);
        } catch (RuntimeException e) {
            return run.end("Error", "deletion of " + app.name() + " failed: " + Errors.describe(e), false);
        } finally {
            running.remove(app.name());
        }
    }

    private DeleteOutcome execute(Run run, EngineLog progress, OperationHandle handle,
            io.jenkins.plugins.gitops.engine.sync.run.WriteFence fence) {
        Application app = run.app;
        DeleteRequest request = run.request;
        run.log.info("deleting application " + app.name() + " (cascade " + request.cascade() + ")");
        ComparisonState state = engine.compareState(app, request.revision(), request.localDir(), RefreshCycle.begin());
        boolean cascading = request.cascade() != DeleteRequest.Cascade.ORPHAN;
        if (cascading && !state.liveComplete()) {
            return run.end("Error", "refusing to delete the resources of " + app.name() + ": "
                    + state.view().error(), false);
        }
        ResourceApplier applier = ClusterApplier.forConnection(state.connection(), fence::lost);
        SyncContext context = SyncContext.builder(applier).log(progress).executor(pool).clock(engine.clock())
                .handle(handle).fence(fence).pollInterval(engine.config().pollInterval())
                .applyOptions(ApplyOptions.defaults())
                .operationTimeout(request.timeout() == null ? SyncContext.DEFAULT_OPERATION_TIMEOUT : request.timeout())
                .build();
        SyncOptions appOptions = SyncOptions.fromApplication(app.syncPolicy().syncOptions());
        PropagationPolicy propagation = request.cascade() == DeleteRequest.Cascade.BACKGROUND
                ? PropagationPolicy.BACKGROUND : PropagationPolicy.FOREGROUND;
        String revision = state.revision().sha();

        if (cascading) {
            List<SyncTask> waiting = planner.planResources(app.name(), state.live(), appOptions, propagation,
                    request.confirmed()).awaitingConfirmation();
            if (!waiting.isEmpty()) {
                return run.end("Failed", "deletion of " + app.name() + " waits for confirmation: "
                        + waiting.stream().map(t -> t.key().toString()).collect(Collectors.joining(", "))
                        + " (Delete=confirm); confirm the deletion to delete them. Nothing was deleted", false);
            }
        }

        SyncPlan pre = planner.planHooks(app.name(), SyncPhase.PreDelete, state.desired(), state.live(), appOptions,
                revision, run.started);
        if (!pre.valid()) {
            return run.end("Failed", "deletion of " + app.name() + " refused: " + problems(pre)
                    + ". Nothing was deleted", false);
        }
        if (!pre.tasks().isEmpty()) {
            run.log.info("running " + pre.tasks().list().size() + " PreDelete hook(s)");
            OperationResult r = run.add(new SyncOperation().run(pre, context));
            if (!r.succeeded()) {
                return run.end("Failed", "deletion of " + app.name() + " stopped: PreDelete hook(s) did not complete: "
                        + r.message() + ". Nothing was deleted", false);
            }
        }

        Map<ResourceKey, KubeObject> remaining = new LinkedHashMap<>(state.live());
        if (cascading) {
            Map<ResourceKey, KubeObject> live = relist(app, request, run);
            SyncPlan resources = planner.planResources(app.name(), live, appOptions, propagation, request.confirmed());
            run.log.info("deleting " + live.size() + " resource(s) with " + propagation.kubernetesValue()
                    + " propagation");
            OperationResult r = run.add(new SyncOperation().run(resources, context));
            if (!r.succeeded()) {
                return run.end("Failed", "deleting the resources of " + app.name() + " failed: " + r.message(), true);
            }
            List<ResourceKey> deleted = r.results().stream()
                    .filter(t -> t.status() == ResourceResultStatus.Pruned).map(TaskResult::key).toList();
            String left = new Disappearance(applier, context, run.log).await(deleted, handle);
            if (!left.isEmpty()) {
                return run.end("Failed", "deleting the resources of " + app.name() + " did not finish: " + left, true);
            }
            remaining = new LinkedHashMap<>(live);
            deleted.forEach(remaining::remove);
        } else {
            run.log.info("cascade orphan: the " + state.live().size()
                    + " resource(s) of the application stay in the cluster");
        }

        SyncPlan post = planner.planHooks(app.name(), SyncPhase.PostDelete, state.desired(), remaining, appOptions,
                revision, run.started);
        if (!post.valid()) {
            return run.end("Failed", "PostDelete hooks of " + app.name() + " cannot run: " + problems(post), true);
        }
        if (!post.tasks().isEmpty()) {
            run.log.info("running " + post.tasks().list().size() + " PostDelete hook(s)");
            OperationResult r = run.add(new SyncOperation().run(post, context));
            if (!r.succeeded()) {
                return run.end("Failed", "PostDelete hook(s) of " + app.name() + " did not complete: " + r.message()
                        + (cascading ? ". The application's resources were deleted" : "")
                        + "; run the deletion again once the hook is fixed", true);
            }
        }
        return run.end("Succeeded", summary(run, app), true);
    }

    /** The tracked live objects after the PreDelete hooks ran (they are tracked too, and go with the others). */
    private Map<ResourceKey, KubeObject> relist(Application app, DeleteRequest request, Run run) {
        ComparisonState now = engine.compareState(app, request.revision(), request.localDir(), RefreshCycle.begin());
        if (!now.liveComplete()) {
            throw new IllegalStateException("refusing to delete: " + now.view().error());
        }
        return now.live();
    }

    private static String summary(Run run, Application app) {
        long deleted = run.results.stream().filter(r -> !r.isHook() && r.status() == ResourceResultStatus.Pruned)
                .count();
        List<String> kept = run.results.stream()
                .filter(r -> !r.isHook() && r.status() == ResourceResultStatus.PruneSkipped)
                .map(r -> r.key() + " (" + r.message().replaceFirst("^ignored: ", "") + ")").toList();
        long hooks = run.results.stream().filter(TaskResult::isHook).count();
        StringBuilder s = new StringBuilder("application ").append(app.name()).append(" deleted (cascade ")
                .append(run.request.cascade()).append("): ");
        if (run.request.cascade() == DeleteRequest.Cascade.ORPHAN) {
            s.append("its resources were left in the cluster");
        } else {
            s.append(deleted).append(" resource(s) deleted");
            if (!kept.isEmpty()) {
                s.append(", kept ").append(String.join(", ", kept));
            }
        }
        if (hooks > 0) {
            s.append(", ").append(hooks).append(" PreDelete/PostDelete hook(s) completed");
        }
        return s.toString();
    }

    private static String problems(SyncPlan plan) {
        return plan.problems().stream().map(p -> p.message()).collect(Collectors.joining("; "));
    }

    /** The state of one deletion: its request, log and the results gathered from its parts. */
    private final class Run {
        final Application app;
        final DeleteRequest request;
        final EngineLog log;
        final Instant started;
        final List<TaskResult> results = new ArrayList<>();

        Run(Application app, DeleteRequest request, EngineLog log, Instant started) {
            this.app = app;
            this.request = request;
            this.log = log;
            this.started = started;
        }

        OperationResult add(OperationResult r) {
            results.addAll(r.results());
            return r;
        }

        DeleteOutcome end(String phase, String message, boolean released) {
            Instant now = engine.clock().instant();
            DeleteOutcome o = new DeleteOutcome(phase, message, request.cascade(), started, now,
                    results.stream().map(TaskResult::toResourceResult).toList(), released);
            // the same "<Phase>: <message>" end line as a sync's, so callers that report the outcome themselves
            // (OutcomeLineLog) can drop it instead of saying it twice
            if ("Succeeded".equals(phase)) {
                log.info(phase + ": " + message);
            } else {
                log.warn(phase + ": " + message);
            }
            journal.record(app.name(), new OperationRecord(phase, message, "", request.initiatedBy(), started, now,
                    Yaml.JSON.valueToTree(o.resources())));
            return o;
        }
    }
}
