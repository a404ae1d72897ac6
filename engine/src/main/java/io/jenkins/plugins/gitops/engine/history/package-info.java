/**
 * What happened to an application, kept across restarts.
 *
 * <p>A {@link io.jenkins.plugins.gitops.engine.history.StateStore} holds named JSON documents per application
 * ({@link io.jenkins.plugins.gitops.engine.history.FileStateStore} writes them atomically under a directory: JENKINS_HOME
 * for the plugin, {@code --state-dir} for the CLI). On top of it:
 * <ul>
 *   <li>{@link io.jenkins.plugins.gitops.engine.history.SyncHistory}: the last {@code revisionHistoryLimit}
 *       successful syncs (Argo CD's {@code status.history}), the source of rollbacks;</li>
 *   <li>{@link io.jenkins.plugins.gitops.engine.history.OperationJournal}: the current or last operation, written
 *       before an operation starts so that one cut short by a restart is reported as interrupted, never lost.</li>
 * </ul>
 */
package io.jenkins.plugins.gitops.engine.history;
