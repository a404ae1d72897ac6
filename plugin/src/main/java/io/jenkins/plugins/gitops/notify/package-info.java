/**
 * Notifications in Jenkins: the configuration section (Argo CD's {@code argocd-notifications-cm} as YAML, its
 * {@code $secrets} bound to Jenkins credentials, global subscriptions as a list), its conversion to the engine's
 * {@code notify.NotificationConfig}, the one {@code Notifier} that outlives configuration changes, and the
 * {@code jenkins} service that starts a job in-process. All semantics (triggers, templates, de-duplication,
 * delivery) live in the engine.
 */
package io.jenkins.plugins.gitops.notify;
