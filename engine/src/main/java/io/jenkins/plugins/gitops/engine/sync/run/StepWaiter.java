package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.WatchedKind;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waits until everything a step wrote is done: resources healthy, hooks completed, deleted objects gone. It looks at
 * each object with {@code applier.get}, records the progress in the results, deletes completed hooks as their delete
 * policy asks, and sleeps a poll interval between looks. Many objects of one kind in one namespace (a wave of
 * Deployments) are watched instead ({@code applier.watchLike}: one list, then the changes the API server pushes), and a
 * change wakes the waiter at once, so the step ends as soon as its last object is ready rather than up to a poll
 * interval later, without a list request per look; where the applier cannot watch they are listed at every look
 * ({@code applier.listLike}). It stops early:
 * <ul>
 *   <li>a resource became Degraded or a hook failed: FAILED, naming them;</li>
 *   <li>the operation was terminated: TERMINATED, naming running hooks, which are left alone;</li>
 *   <li>a hook ran past its timeout: FAILED, the hook counts as failed (so {@code HookFailed} deletes it);</li>
 *   <li>the operation ran past its deadline: FAILED, naming what was waited for.</li>
 * </ul>
 */
final class StepWaiter {

    /** From this many pending objects of one kind in one namespace on, one look is one list request. */
    static final int LIST_FROM = 8;

    private final RunContext run;
    private final HookCleanup cleanup;

    StepWaiter(RunContext run, HookCleanup cleanup) {
        this.run = run;
        this.cleanup = cleanup;
    }

    StepOutcome await(List<Watched> items, OperationState initial) {
        try (Looks looks = new Looks()) {
            return await(items, initial, looks);
        }
    }

    private StepOutcome await(List<Watched> items, OperationState initial, Looks looks) {
        OperationState state = initial;
        List<Watched> pending = new ArrayList<>(items);
        String lastWaiting = "";
        Instant lastWaitingLogged = null;
        boolean firstLook = true;
        Instant lastPoll = null;
        while (true) {
            List<String> failures = new ArrayList<>();
            Instant lookedAt = run.now();
            boolean pollDue = lastPoll == null || !lookedAt.isBefore(lastPoll.plus(run.context().pollInterval()));
            if (pollDue) {
                lastPoll = lookedAt;
            }
            Map<Watched, Observation> seen = observe(pending, firstLook, pollDue, looks);
            firstLook = false;
            for (Iterator<Watched> it = pending.iterator(); it.hasNext(); ) {
                Watched w = it.next();
                Observation o = seen.get(w);
                state = record(state, w, o);
                if (o.phase().completed()) {
                    it.remove();
                    if (w.kind() == Watched.Kind.HOOK) {
                        state = cleanup.afterCompletion(w, o.phase(), state);
                    }
                    if (!o.phase().successful()) {
                        failures.add(w.key() + ": " + describe(o));
                    }
                }
            }
            if (!failures.isEmpty()) {
                return StepOutcome.failed(state, "one or more synchronization tasks completed unsuccessfully, reason: "
                        + String.join("; ", failures) + leftRunning(pending));
            }
            if (pending.isEmpty()) {
                return StepOutcome.completed(state);
            }
            if (run.terminated()) {
                return terminated(state, pending);
            }
            Instant now = run.now();
            for (Watched w : pending) {
                if (w.hookDeadline() != null && !now.isBefore(w.hookDeadline())) {
                    return hookTimedOut(state, w, pending);
                }
            }
            if (run.deadline().isPresent() && !now.isBefore(run.deadline().get())) {
                return StepOutcome.failed(state, "operation timed out after "
                        + HookTimeout.format(run.context().operationTimeout()) + " waiting for " + waiting(pending));
            }
            String waiting = "waiting for " + waiting(pending);
            // a watch may wake the waiter many times a second: the line is logged at most once a poll interval
            if (!waiting.equals(lastWaiting) && (lastWaitingLogged == null
                    || !now.isBefore(lastWaitingLogged.plus(run.context().pollInterval())))) {
                run.progress().info(waiting);
                lastWaiting = waiting;
                lastWaitingLogged = now;
            }
            if (looks.watching()) {
                run.sleep(sleepTime(pending, now), looks.wakeup);
            } else {
                run.sleep(sleepTime(pending, now));
            }
        }
    }

    /**
     * One look at every pending object, the GETs in parallel (as writes are, at most the context's parallelism at
     * once). On the first look a resource whose write response is already done (no health, or Healthy) is taken from
     * that response: a ConfigMap or a Service needs no GET and no poll interval.
     */
    private Map<Watched, Observation> observe(List<Watched> pending, boolean firstLook, boolean pollDue, Looks looks) {
        Map<Watched, Observation> out = new IdentityHashMap<>();
        List<Watched> toGet = new ArrayList<>();
        for (Watched w : pending) {
            if (firstLook && w.kind() == Watched.Kind.RESOURCE && w.applied() != null) {
                Observation o = Observation.ofHealth(w.kind(), run.context().healthChecks(), w.applied());
                if (o.phase() == OperationPhase.Succeeded) {
                    out.put(w, o);
                    continue;
                }
            }
            toGet.add(w);
        }
        toGet = lookByList(toGet, out, pollDue, looks);
        if (!pollDue) {
            // woken by a watch before the poll interval passed: what is not watched keeps its last look
            toGet.forEach(w -> out.put(w, looks.last.get(w)));
            toGet = List.of();
        }
        List<Observation> looked = BoundedParallel.map(toGet, w -> Observation.of(w, run), run.context().executor(),
                run.context().parallelism(), () -> false);
        for (int i = 0; i < toGet.size(); i++) {
            out.put(toGet.get(i), looked.get(i));
        }
        looks.last.putAll(out);
        return out;
    }

    /**
     * Objects waited for in numbers ({@value #LIST_FROM} or more of one kind in one namespace: a wave of Deployments)
     * are read with one list request per kind instead of a GET each (until the wait ends, once listed), which keeps a large wait from loading the API
     * server that the cluster's own controllers need to make those objects ready. Hooks are always read one by one.
     * Returns the objects still to be read one by one: smaller groups, and groups whose list failed or which the
     * applier cannot list (their GETs then say what is wrong, object by object).
     */
    private List<Watched> lookByList(List<Watched> toGet, Map<Watched, Observation> out, boolean pollDue,
            Looks looks) {
        Map<ResourceKey, List<Watched>> byKind = new LinkedHashMap<>();
        List<Watched> single = new ArrayList<>();
        for (Watched w : toGet) {
            if (w.kind() == Watched.Kind.HOOK) {
                single.add(w);
            } else {
                byKind.computeIfAbsent(new ResourceKey(w.key().group(), w.key().kind(), w.key().namespace(), ""),
                        k -> new ArrayList<>()).add(w);
            }
        }
        for (Map.Entry<ResourceKey, List<Watched>> group : byKind.entrySet()) {
            boolean many = group.getValue().size() >= LIST_FROM || looks.listedKinds.contains(group.getKey());
            Optional<WatchedKind> view = many ? looks.view(group.getKey()) : Optional.empty();
            if (view.isPresent()) {
                looks.listedKinds.add(group.getKey());
                Map<String, KubeObject> objects = view.get().objects();
                for (Watched w : group.getValue()) {
                    out.put(w, looks.fromView(w, objects.get(w.key().name())));
                }
                continue;
            }
            Optional<Map<String, KubeObject>> listed = many && pollDue ? list(group.getKey()) : Optional.empty();
            if (listed.isEmpty()) {
                single.addAll(group.getValue());
                continue;
            }
            looks.listedKinds.add(group.getKey());
            for (Watched w : group.getValue()) {
                out.put(w, Observation.of(w, Optional.ofNullable(listed.get().get(w.key().name())), run));
            }
        }
        return single;
    }

    private Optional<Map<String, KubeObject>> list(ResourceKey kind) {
        try {
            return run.applier().listLike(kind);
        } catch (ClusterException e) {
            return Optional.empty();
        }
    }

    /**
     * What one wait keeps between its looks: the watches it opened (closed when the wait ends), the wake-up they
     * signal, the kinds read in bulk, and the last observation of every object, which a look woken by a watch reuses
     * for objects it does not watch and for watched objects that did not change.
     */
    private final class Looks implements AutoCloseable {
        final Wakeup wakeup = new Wakeup();
        final Set<ResourceKey> listedKinds = new HashSet<>();
        final Map<Watched, Observation> last = new IdentityHashMap<>();
        private final Map<ResourceKey, WatchedKind> views = new LinkedHashMap<>();
        private final Set<ResourceKey> tried = new HashSet<>();
        private final Map<Watched, KubeObject> lastObject = new IdentityHashMap<>();

        /** The open watch of a kind, started on first need; empty when it cannot be watched or stopped. */
        Optional<WatchedKind> view(ResourceKey kind) {
            WatchedKind open = views.get(kind);
            if (open != null) {
                return open.watching() ? Optional.of(open) : Optional.empty();
            }
            if (!tried.add(kind)) {
                return Optional.empty();
            }
            Optional<WatchedKind> started;
            try {
                started = run.applier().watchLike(kind, wakeup::signal);
            } catch (ClusterException e) {
                started = Optional.empty(); // listed or read one by one instead, which report the problem
            }
            started.ifPresent(v -> views.put(kind, v));
            return started;
        }

        /**
         * An object as its watch shows it. The same instance as at the last look keeps the last observation; a
         * version older than the one this sync wrote (a generation the watch has not caught up with) is not judged.
         */
        Observation fromView(Watched w, KubeObject live) {
            if (live != null && live == lastObject.get(w) && last.containsKey(w)) {
                return last.get(w);
            }
            lastObject.put(w, live);
            if (live != null && w.applied() != null
                    && generation(live) < generation(w.applied())) {
                return new Observation(OperationPhase.Running, "", "");
            }
            return Observation.of(w, Optional.ofNullable(live), run);
        }

        boolean watching() {
            return views.values().stream().anyMatch(WatchedKind::watching);
        }

        @Override
        public void close() {
            views.values().forEach(WatchedKind::close);
        }
    }

    private static long generation(KubeObject o) {
        return o.metadata().path("generation").asLong(0);
    }

    /** The poll interval, shortened so that a hook deadline is noticed when it passes. */
    private Duration sleepTime(List<Watched> pending, Instant now) {
        Duration sleep = run.context().pollInterval();
        for (Watched w : pending) {
            if (w.hookDeadline() != null) {
                Duration left = Duration.between(now, w.hookDeadline());
                if (left.compareTo(sleep) < 0) {
                    sleep = left;
                }
            }
        }
        return sleep;
    }

    /** Updates the task's result when its phase or message changed, and logs phase changes. */
    private OperationState record(OperationState state, Watched w, Observation o) {
        if (w.kind() == Watched.Kind.DELETED) {
            return state;
        }
        TaskResult before = state.result(w.id()).orElseThrow();
        boolean plainSuccess = o.phase() == OperationPhase.Succeeded && o.message().isEmpty();
        TaskResult after = before.withPhase(o.phase(), plainSuccess ? w.written() : o.message());
        if (after.equals(before)) {
            return state;
        }
        if (after.phase() != before.phase()) {
            boolean bad = !o.phase().successful() && o.phase().completed();
            String what = w.kind() == Watched.Kind.HOOK ? o.phase().name()
                    : o.health().isEmpty() ? "ready" : o.health();
            run.progress().progressed(after, what + (bad && !o.message().isEmpty() ? ": " + o.message() : ""), bad);
        }
        return state.with(w.id(), after);
    }

    private StepOutcome hookTimedOut(OperationState state, Watched hook, List<Watched> pending) {
        String message = hook.task().phase() + " hook " + hook.key() + " did not complete within "
                + HookTimeout.format(hook.hookTimeout()) + " (annotation " + SyncContext.HOOK_TIMEOUT_ANNOTATION
                + " or the default hook timeout)";
        TaskResult result = state.result(hook.id()).orElseThrow().withPhase(OperationPhase.Failed, message);
        run.progress().progressed(result, "Failed: timed out after " + HookTimeout.format(hook.hookTimeout()), true);
        OperationState next = cleanup.afterCompletion(hook, OperationPhase.Failed, state.with(hook.id(), result));
        List<Watched> others = new ArrayList<>(pending);
        others.remove(hook);
        return StepOutcome.failed(next, message + leftRunning(others));
    }

    private StepOutcome terminated(OperationState state, List<Watched> pending) {
        OperationState next = state;
        for (Watched w : pending) {
            if (w.kind() == Watched.Kind.HOOK) {
                next = next.with(w.id(), next.result(w.id()).orElseThrow()
                        .withPhase(OperationPhase.Terminating, "left running: the operation was terminated"));
            }
        }
        return StepOutcome.terminated(next, run.terminationMessage() + leftRunning(pending));
    }

    /** Names hooks still running, which nobody deletes: the person may want to look at them or stop them. */
    static String leftRunning(List<Watched> pending) {
        List<String> hooks = pending.stream().filter(w -> w.kind() == Watched.Kind.HOOK)
                .map(w -> w.task().phase() + " hook " + w.key()).toList();
        return hooks.isEmpty() ? "" : "; left running: " + String.join(", ", hooks);
    }

    private static String describe(Observation o) {
        String health = o.health().isEmpty() ? o.phase().name() : o.health();
        return o.message().isEmpty() ? health : health + ": " + o.message();
    }

    /** gitops-engine's wording, hooks first, at most three named: "healthy state of apps/Deployment shop/web". */
    private static String waiting(List<Watched> pending) {
        List<Watched> ordered = new ArrayList<>(pending.stream().filter(w -> w.kind() == Watched.Kind.HOOK).toList());
        pending.stream().filter(w -> w.kind() != Watched.Kind.HOOK).forEach(ordered::add);
        String shown = ordered.stream().limit(3).map(Watched::toString).collect(Collectors.joining(", "));
        return ordered.size() > 3 ? shown + " and " + (ordered.size() - 3) + " more" : shown;
    }
}
