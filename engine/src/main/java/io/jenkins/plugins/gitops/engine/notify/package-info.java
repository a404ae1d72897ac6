/**
 * Notifications with Argo CD Notifications semantics: tell people and systems when an application is created,
 * deployed, fails to sync, degrades, and so on.
 *
 * <p>The {@link io.jenkins.plugins.gitops.engine.notify.Notifier} listens to the controller's snapshots
 * ({@link io.jenkins.plugins.gitops.engine.reconcile.StatusListener}). For each snapshot it turns the application
 * into the document Argo CD's expressions and templates expect ({@link io.jenkins.plugins.gitops.engine.notify.AppDocument}),
 * finds the subscriptions (the {@code notifications.argoproj.io/subscribe.<trigger>.<service>} annotations and the
 * global ones whose selector matches), evaluates each subscribed {@link io.jenkins.plugins.gitops.engine.notify.Trigger}
 * ({@link io.jenkins.plugins.gitops.engine.notify.Expr}, a documented subset of expr), de-duplicates with
 * notifications-engine's rules ({@code oncePer}; a condition without it fires again after it was false), renders the
 * {@link io.jenkins.plugins.gitops.engine.notify.Template}s (the Go-template subset of ApplicationSets) and hands one
 * {@link io.jenkins.plugins.gitops.engine.notify.Notification} per service and recipient to the
 * {@link io.jenkins.plugins.gitops.engine.notify.DeliveryQueue}, which sends off the controller's threads, retries
 * with backoff and keeps a per-application log with secrets masked.
 *
 * <p>Configuration is Argo CD's {@code argocd-notifications-cm} data
 * ({@link io.jenkins.plugins.gitops.engine.notify.NotificationConfig}), validated as a whole when loaded, with the
 * Argo CD catalog built in. Services: webhook, Slack, e-mail (SMTP), GitHub commit status and {@code jenkins} (start a
 * job through a {@link io.jenkins.plugins.gitops.engine.notify.JobLauncher}), one {@link
 * io.jenkins.plugins.gitops.engine.notify.Sender} each.
 */
package io.jenkins.plugins.gitops.engine.notify;
