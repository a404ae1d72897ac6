/**
 * The {@code gitops} command line: the engine the Jenkins plugin runs, from a terminal or a CI step.
 *
 * <p>{@link io.jenkins.plugins.gitops.cli.GitOpsCommand} is the picocli root; each subcommand is one class over the
 * engine facade ({@code GitOpsEngine}) or, for {@code controller}, the reconcile {@code Controller}. Two mixins carry
 * the shared options: {@code AppOptions} (which Application: {@code -f}, {@code --local}, {@code --revision}) and
 * {@code EngineOptions} (cluster from a kubeconfig, state and cache directories, repository credentials, tool
 * timeout, and the AppProjects of {@code --projects}, which every render, diff and sync is checked against before
 * anything is rendered or applied; the controller also reads AppProjects from its {@code --apps} directory).
 *
 * <p>Exit codes follow {@code kubectl diff}: {@code diff} and {@code status} exit 0 in sync, 1 out of sync, 2 on
 * error; {@code sync} and {@code rollback} exit 0 when the operation Succeeded, 1 when it Failed (a resource or hook
 * failed), 2 when it ended in Error (bad input, project violation, unreachable cluster) or could not start. An error is
 * one {@code error:} line on stderr; engine warnings are held until the command ends and those the error already says
 * are dropped ({@code Warnings}). Machine-readable output ({@code -o json}) mirrors Argo CD's Application
 * {@code status} and {@code operationState} ({@code StatusJson}).
 */
package io.jenkins.plugins.gitops.cli;
