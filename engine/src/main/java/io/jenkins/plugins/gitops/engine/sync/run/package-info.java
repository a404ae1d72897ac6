/**
 * Executing a sync: the half of gitops-engine's {@code pkg/sync} that talks to a cluster. The planner
 * ({@code sync.SyncPlanner}) decides what to do and in which order; this package does it.
 *
 * <h2>Entry point</h2>
 * {@link io.jenkins.plugins.gitops.engine.sync.run.SyncOperation#run(io.jenkins.plugins.gitops.engine.sync.SyncPlan,
 * SyncContext)} runs one plan to its end and returns an {@link io.jenkins.plugins.gitops.engine.sync.run.OperationResult}:
 * the phase (Succeeded, Failed, Error), a message a person can act on, and one
 * {@link io.jenkins.plugins.gitops.engine.sync.run.TaskResult} per task. The
 * {@link io.jenkins.plugins.gitops.engine.sync.run.SyncContext} carries the cluster
 * ({@code cluster.ResourceApplier}), health checks, the log, the executor for parallel writes, the
 * {@link io.jenkins.plugins.gitops.engine.sync.run.Sleeper}, the clock and the limits. Progress is logged one line
 * per event, each naming the application and the object:
 * <pre>
 * guestbook: PreSync hook batch/Job shop/db-migrate-x7k2 created
 * guestbook: PreSync hook batch/Job shop/db-migrate-x7k2 Succeeded
 * guestbook: wave 1 Sync: apps/Deployment shop/web configured
 * guestbook: wave 1 Sync: apps/Deployment shop/web Healthy
 * </pre>
 *
 * <h2>How an operation runs</h2>
 * <ol>
 *   <li><b>Dry run.</b> Every task of the plan, SyncFail hooks included, is first sent to the API server as a
 *       dry run ({@code dryRun=All}): the server runs its validation and admission webhooks and stores nothing. If
 *       any fails, nothing at all is applied and the operation fails with each object's error. A custom resource
 *       whose CRD is applied by the same sync (or which says {@code SkipDryRunOnMissingResource=true}) cannot be
 *       checked while the cluster does not know its kind, and an object cannot be checked in a namespace the sync
 *       creates: those dry runs are skipped, and the object is checked when it is really applied (staged apply).
 *       A plan made with {@code dryRun} stops here: its results say "(dry run)" and nothing persists.</li>
 *   <li><b>Steps.</b> The plan's steps (phase PreSync, Sync, PostSync; inside each, waves in order) run one at a time
 *       ({@code WaveRunner}): prunes first, then hooks left from an earlier sync are deleted
 *       ({@code BeforeHookCreation}), then the objects are written kind group by kind group: a group's objects in
 *       parallel (at most {@link io.jenkins.plugins.gitops.engine.sync.run.SyncContext#parallelism()} at once), the
 *       groups one after another. Objects are applied server-side as field manager {@code gitops-sync} unless
 *       {@code ServerSideApply=false} (client-side apply); {@code Replace=true} replaces, {@code Force=true} deletes
 *       and re-creates (never a CRD or a Namespace); {@code Validate=false} turns off strict field validation and,
 *       because server-side apply cannot skip the schema, writes client-side; a hook with {@code generateName} is
 *       created under the name the planner gave it. Git is the source of truth: conflicts with other field managers
 *       are forced (as Argo CD does) unless {@code FailOnConflict=true}, and {@code FieldTakeover} names the fields
 *       taken and their managers in the result and the operation message. Failures of one kind for one reason are
 *       said once ({@code FailureSummary}).</li>
 *   <li><b>Waiting.</b> The next step starts only when every resource of this one is Healthy (kinds without a health
 *       check count as healthy), every pruned object is gone and every hook completed: a hook's completion is the
 *       health of the hook object, Healthy meaning Succeeded and Degraded meaning Failed. A Degraded resource or a
 *       failed hook fails the operation. As in gitops-engine, the last step waits for its hooks only, so a plain
 *       apply without waves or hooks succeeds as soon as everything was written. Hooks are deleted after they
 *       succeeded ({@code HookSucceeded}) or failed ({@code HookFailed}). The state is looked at every
 *       {@link io.jenkins.plugins.gitops.engine.sync.run.SyncContext#pollInterval()} through the injectable
 *       {@link io.jenkins.plugins.gitops.engine.sync.run.Sleeper}; eight or more objects of one kind in one namespace
 *       (a wave of Deployments) are watched instead ({@code cluster.WatchedKind}: one list, then the changes the API
 *       server pushes, read as plain JSON by {@code cluster.StreamedKind}), and each change wakes the wait ({@link io.jenkins.plugins.gitops.engine.sync.run.Wakeup}), so
 *       a gate opens when its last object becomes Healthy, as Argo CD's do off its cluster cache, not up to a poll
 *       interval (2 s by default) later. Changes come in bursts (hundreds of events while a controller rolls a wave
 *       out), so looks woken by a watch are at least 100 ms apart and each takes in every change of its window. An
 *       applier or server that cannot watch falls back to one list per look.</li>
 *   <li><b>Timeouts.</b> Unlike Argo CD, nothing waits forever: a hook fails after its timeout (10 minutes, or its
 *       {@code gitops-sync.jenkins.io/hook-timeout} annotation, e.g. {@code 5m}), and the whole operation fails after
 *       {@link io.jenkins.plugins.gitops.engine.sync.run.SyncContext#operationTimeout()}; the message names what was
 *       waited for.</li>
 *   <li><b>SyncFail.</b> When the operation fails after the dry run (a write failed, a resource degraded, a hook
 *       failed, a timeout), the plan's SyncFail hooks run and are waited for, then the operation ends Failed with the
 *       original reason.</li>
 *   <li><b>Termination.</b> {@link io.jenkins.plugins.gitops.engine.sync.run.OperationHandle#terminate(String)} is
 *       always possible: the operation becomes Terminating, starts no new task, stops waiting and ends Failed with
 *       "terminated by &lt;who&gt;". Hooks that are still running are left alone (the message names them); SyncFail
 *       hooks do not run.</li>
 *   <li><b>Retry.</b> {@link io.jenkins.plugins.gitops.engine.sync.run.RetryPolicy} (Argo CD's
 *       {@code syncPolicy.retry}) runs a failed operation again after 5s, 10s, 20s... up to its limit, planning each
 *       attempt afresh.</li>
 * </ol>
 *
 * <h2>Structure</h2>
 * Small classes instead of one long state machine: {@code SyncOperation} (the phases of an operation),
 * {@code DryRunPass}, {@code WaveRunner} (one step), {@code TaskWriter} and {@code ApplyMode} (one write),
 * {@code StepWaiter} and {@code Observation} (waiting and what a look at the cluster says), {@code HookCleanup},
 * {@code HookTimeout}, {@code CrdReadiness}, and {@code OperationState}, the results so far as an immutable value.
 * Results convert to the facade's records with
 * {@link io.jenkins.plugins.gitops.engine.sync.run.TaskResult#toResourceResult()} and
 * {@link io.jenkins.plugins.gitops.engine.sync.run.OperationResult#toSyncOutcome(String)}.
 */
package io.jenkins.plugins.gitops.engine.sync.run;
