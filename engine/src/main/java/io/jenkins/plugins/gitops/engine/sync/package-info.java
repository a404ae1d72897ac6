/**
 * Planning a sync: which objects are applied, pruned or run as hooks, in which order, with which options. This is the
 * pure half of gitops-engine's {@code pkg/sync}; the runner that executes a plan against a cluster builds on it.
 *
 * <h2>Tasks</h2>
 * A {@link io.jenkins.plugins.gitops.engine.sync.SyncTask} pairs a target object from Git with the live object in the
 * cluster. No live object means create; no target means prune. {@link io.jenkins.plugins.gitops.engine.sync.SyncPlanner}
 * builds the tasks from a {@link io.jenkins.plugins.gitops.engine.sync.SyncRequest}: every managed resource becomes one
 * Sync-phase task; every live object Git no longer declares becomes a prune task, which is skipped (PruneSkipped, with
 * the reason) when pruning is not enabled, the object says {@code Prune=false}, or {@code Prune=confirm} is not yet
 * confirmed.
 *
 * <h2>Phases and waves</h2>
 * A sync runs the phases PreSync, Sync and PostSync; SyncFail runs only after a failure. Inside a phase, objects are
 * grouped into waves ({@code argocd.argoproj.io/sync-wave}, an integer, default 0, may be negative); one wave runs at a
 * time, and the next starts only when the previous one is healthy. Within a wave, kinds follow Helm's install order
 * ({@link io.jenkins.plugins.gitops.engine.sync.KindOrder}: namespaces first, custom resources last), then names.
 * A Namespace is moved ahead of the first object in it, a CustomResourceDefinition ahead of the first object of its
 * kind. Prunes run in reverse wave order so that what was created last is deleted first; {@code PruneLast=true} prunes
 * after all waves. {@link io.jenkins.plugins.gitops.engine.sync.SyncTasks} holds the ordered tasks and their
 * {@link io.jenkins.plugins.gitops.engine.sync.SyncStep steps}; inside a step, objects of one kind may be applied in
 * parallel while kinds follow one another.
 *
 * <h2>Hooks</h2>
 * Objects annotated {@code argocd.argoproj.io/hook} (or Helm's {@code helm.sh/hook}) are hooks: they are not managed
 * resources but run in the named phases, for example a PreSync Job that migrates a database:
 *
 * <pre>
 * apiVersion: batch/v1
 * kind: Job
 * metadata:
 *   generateName: schema-migrate-
 *   annotations:
 *     argocd.argoproj.io/hook: PreSync
 *     argocd.argoproj.io/hook-delete-policy: HookSucceeded
 * </pre>
 *
 * A selective sync (only some resources) runs no hooks. See the {@code hook} sub-package for hook types and delete
 * policies.
 *
 * <h2>Sync options</h2>
 * {@link io.jenkins.plugins.gitops.engine.sync.SyncOptions} come from the application's
 * {@code spec.syncPolicy.syncOptions} and from a resource's {@code argocd.argoproj.io/sync-options} annotation, the
 * resource winning. Unlike Argo CD we apply server-side by default; {@code ServerSideApply=false} selects client-side
 * apply. Unknown options are errors, not silently ignored.
 *
 * <h2>Plan</h2>
 * A {@link io.jenkins.plugins.gitops.engine.sync.SyncPlan} is the ordered tasks plus the problems that forbid running
 * them (invalid waves or options, shared resources, a sync that would prune everything). Results of running tasks are
 * reported as {@link io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus} and the operation as
 * {@link io.jenkins.plugins.gitops.engine.sync.OperationPhase}.
 *
 * <h2>Deletion</h2>
 * Deleting an application is planned by {@link io.jenkins.plugins.gitops.engine.sync.DeletionPlanner} as three plans
 * the same runner executes: the PreDelete hooks, the tracked resources (prune tasks in reverse wave order, with the
 * cascade's propagation policy) and the PostDelete hooks. The phases {@code PreDelete} and {@code PostDelete} never
 * appear in a sync plan.
 */
package io.jenkins.plugins.gitops.engine.sync;
