/**
 * Argo CD resource hooks: the {@code argocd.argoproj.io/hook} annotation and its
 * {@link io.jenkins.plugins.gitops.engine.sync.hook.HookType types} (PreSync, Sync, PostSync, SyncFail, Skip,
 * PostDelete; several may be listed, comma separated, and the hook then runs in each of those phases), and the
 * {@code argocd.argoproj.io/hook-delete-policy} annotation with its
 * {@link io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy policies}:
 * <ul>
 *   <li>HookSucceeded - the hook object is deleted after it succeeded (a Job completed);</li>
 *   <li>HookFailed - the hook object is deleted after it failed;</li>
 *   <li>BeforeHookCreation - a hook object left from an earlier sync is deleted before the new one is created. This
 *       is the default when no policy is given.</li>
 * </ul>
 * A hook with a fixed {@code metadata.name} is created once and kept (unless a policy deletes it); use
 * {@code metadata.generateName} for a fresh object per sync. {@code Skip} alone means the object is never applied.
 * {@code PostDelete} hooks run when the application is deleted, never during a sync.
 *
 * <p>This package reads Argo CD's own annotations only and reports unknown values as errors that name the resource.
 * Helm's hook annotations are translated by the {@code helm} sub-package; the rule that Argo CD's annotations win is
 * applied by {@code sync.HookSpec}. Mirrors gitops-engine {@code pkg/sync/hook}.
 */
package io.jenkins.plugins.gitops.engine.sync.hook;
