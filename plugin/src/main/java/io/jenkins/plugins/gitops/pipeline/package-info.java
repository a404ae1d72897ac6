/**
 * Pipeline steps: {@code gitopsSync}, {@code gitopsDiff}, {@code gitopsStatus}, {@code gitopsWaitHealthy} and
 * {@code gitopsRollback}, one file each (step, nested descriptor with its symbol, execution).
 *
 * <p>Engine calls that take time (fetch, render, compare, sync) run on a GitOps thread, never on the CPS VM thread,
 * and stop with the build when it is aborted. Waiting for health does not hold any thread: the execution checks the
 * controller's latest status on the Jenkins timer and re-schedules itself (the pattern of workflow-basic-steps'
 * {@code waitUntil}), so a hundred builds waiting for rollouts cost nothing, and a wait survives a Jenkins restart.
 * A sync interrupted by a restart cannot be resumed (the engine's operation journal marks it interrupted); the
 * step then fails saying so.
 *
 * <p>Applications come from a workspace file ({@code file:}), which {@code gitopsSync} registers with the controller
 * on behalf of the job, or by name ({@code application:}) for an application some job registered before. Using an
 * application registered by another job requires Item.READ (to look) or Item.BUILD (to change) on that job for the
 * build's authentication.
 */
package io.jenkins.plugins.gitops.pipeline;
