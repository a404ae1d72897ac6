/**
 * The GitOps page ({@code /gitops}): every application the user may read (Item.READ on the owning job) with
 * health, sync status, revision, last sync, drift and self-heal state, and one page per application with its
 * resource tree, current diff, history, drift events and conditions. Buttons (refresh, sync, rollback, pause and
 * resume self-heal) are POST-only and need Item.BUILD on the owning job; unregistering needs Item.CONFIGURE.
 *
 * <p>View models ({@link io.jenkins.plugins.gitops.dashboard.ApplicationRow},
 * {@link io.jenkins.plugins.gitops.dashboard.ApplicationView}) turn the controller's immutable snapshots into
 * strings and lists with bean getters, so Jelly only iterates.
 */
package io.jenkins.plugins.gitops.dashboard;
