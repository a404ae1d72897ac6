/**
 * Health assessment compatible with Argo CD (gitops-engine {@code pkg/health} and Argo CD's
 * {@code controller/health.go}).
 *
 * <p>Health answers "is this object doing what it should?", independently of whether it matches Git (that is sync
 * status). Every live object is assessed on its own, from its {@code status} alone: {@link
 * io.jenkins.plugins.gitops.engine.health.HealthChecks} is a table from API group and kind to one
 * {@link io.jenkins.plugins.gitops.engine.health.HealthCheck} class per kind (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Pod, Job, Service, Ingress, PersistentVolumeClaim, HorizontalPodAutoscaler, APIService), each a
 * direct reading of its upstream Go function, with the same messages. Kinds without a check fall back to a generic
 * rule over {@code status.conditions} (Ready, Available, Stalled, Reconciling, Progressing), which is what most
 * custom resources publish; kinds that publish nothing (ConfigMap, Secret, ...) have no health at all. Anything
 * being deleted is Progressing, "Pending deletion". A malformed status is Unknown, with a message naming the
 * resource and field, instead of an exception.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.health.HealthStatus} orders statuses from best to worst: Healthy,
 * Suspended, Progressing, Missing, Degraded, Unknown. {@link io.jenkins.plugins.gitops.engine.health.AppHealth}
 * folds the health of an application's managed resources into one: the worst one counts, while hooks, objects
 * annotated {@code argocd.argoproj.io/ignore-healthcheck: "true"}, kinds without health and missing resources are
 * left out - except that an application none of whose resources exist is Missing. Its message names the resource
 * that decided.
 *
 * <p>Where this package knowingly differs from Argo CD, to spare users a confusing status: waiting init containers
 * (Init:CrashLoopBackOff) degrade a pod; a resumed Job ({@code Suspended=False}) is Progressing, not Healthy; the
 * GA storage-provisioner annotation counts for PVCs; custom resources get the generic condition rule instead of no
 * health. Argo CD's own Application, Rollout and Workflow checks and Lua resource customizations are not part of it.
 */
package io.jenkins.plugins.gitops.engine.health;
