/**
 * What a build shows about the applications its GitOps steps touched: one {@link
 * io.jenkins.plugins.gitops.action.GitOpsRunAction} per application, holding a small serialisable
 * {@link io.jenkins.plugins.gitops.action.RunSnapshot} (plain strings and lists, never engine objects) so the
 * build record stays readable by XStream for years: commit, sync and health, the resource tree as indented rows,
 * the masked diff (capped), the sync's resource and hook results grouped by phase, and the operation message.
 * The build page gets a summary box; the action's own page has the details.
 */
package io.jenkins.plugins.gitops.action;
