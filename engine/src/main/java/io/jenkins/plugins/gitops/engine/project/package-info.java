/**
 * What an {@code AppProject} permits, and when its applications may sync.
 *
 * <p>A project is a fence around applications. {@link io.jenkins.plugins.gitops.engine.project.ProjectPolicy}
 * answers "may this application use this repository, deploy to this cluster and namespace, and create this kind of
 * resource?" with Argo CD's rules: {@code sourceRepos} and {@code destinations} are globs
 * ({@link io.jenkins.plugins.gitops.engine.project.Glob}) where a leading {@code !} denies and a denial wins;
 * cluster-scoped kinds must be listed in {@code clusterResourceWhitelist} (an empty list allows none), namespaced
 * kinds are all allowed unless {@code namespaceResourceWhitelist} lists some; the blacklists subtract. Whether a kind
 * is cluster-scoped is the caller's knowledge (API discovery), so the policy takes a predicate. Every offence is
 * collected into one {@link io.jenkins.plugins.gitops.engine.project.ProjectViolation} whose sentences name the
 * application or resource, the value at fault, the project and the field.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.project.ProjectRegistry} maps names to projects; the {@code default}
 * project exists without a document and permits everything, as in Argo CD. An unknown project is an error that lists
 * the known ones.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.project.SyncWindows} evaluates a project's sync windows against a
 * {@link java.time.Clock}: a window is active from each occurrence of its five-field cron schedule
 * ({@link io.jenkins.plugins.gitops.engine.project.CronSchedule}, in the window's time zone) for its duration. An
 * active deny window blocks (a manual sync passes when every active deny window has {@code manualSync}); allow
 * windows that apply but are all closed block too. A blocked
 * {@link io.jenkins.plugins.gitops.engine.project.SyncDecision} names the windows and the instant the block ends,
 * found by stepping through the instants at which windows open and close.
 */
package io.jenkins.plugins.gitops.engine.project;
