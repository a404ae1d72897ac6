/**
 * The periodic heartbeat of the controller. {@link io.jenkins.plugins.gitops.background.GitOpsReconcileWork} calls
 * {@code Controller.tick()}, which only schedules the refreshes that are due (the controller's own workers do the
 * comparing and syncing), so the tick is quick and never overlaps itself. The controller also ticks itself every
 * second once started; this Jenkins task keeps refreshes going should that timer thread ever die, and makes the
 * controller's activity visible among Jenkins' periodic tasks. The period is the system property
 * {@code io.jenkins.plugins.gitops.reconcile.period} in seconds (default 30); how often each application is
 * refreshed is the global configuration's reconcile interval.
 */
package io.jenkins.plugins.gitops.background;
