/**
 * Drift: the cluster moved away from Git while Git stayed put, and who moved it (Be-better #3).
 *
 * <p>Argo CD's self-heal silently reverts whatever a person changed, which during an incident means fighting the
 * person on call without telling anyone. Here every drift is recorded with the field paths that moved and the field
 * manager that moved them, so the application page can say "{@code spec.replicas} changed by {@code kubectl-edit}
 * (Update at 10:15), reverted", and a person can pause self-heal knowing what they are pausing.
 *
 * <h2>Who changed a field</h2>
 * The API server records, per object, which field manager last wrote which fields: {@code metadata.managedFields},
 * one entry per (manager, operation, subresource) with a set of fields in {@code fieldsV1} notation
 * ({@code f:spec}/{@code f:replicas}, {@code k:{"name":"web"}} for a container, {@code v:"x"} for a set member,
 * {@code i:2} for a position). {@code kubectl edit} writes as {@code kubectl-edit}, {@code kubectl set image} as
 * {@code kubectl-set}, {@code kubectl scale} and the HPA as updates of the {@code scale} subresource, controllers as
 * {@code kube-controller-manager}, client-side {@code kubectl apply} as {@code kubectl-client-side-apply}, and our
 * server-side apply as {@code gitops-sync}. An {@code Update} takes the fields it changes away from every other
 * manager, so the owner of a drifted field is normally whoever drifted it.
 * {@link io.jenkins.plugins.gitops.engine.reconcile.drift.DriftAttribution} reads the diff's field paths back
 * ({@code spec.template.spec.containers[name=web].image}), walks each entry's field set in step with the live object
 * and returns a {@link io.jenkins.plugins.gitops.engine.reconcile.drift.FieldOwner} per path: the most specific
 * owner, ignoring our own manager unless nobody else owns the field, the latest write winning among several.
 * Fields nobody owns are "unknown (the API server recorded no manager for this field)"; fields that Git has and the
 * cluster lost are "removed (no manager record)", since a removal leaves no trace - unless the field sat in a list
 * owned as a unit (container {@code args}), whose owner wrote the shorter list.
 *
 * <h2>When a difference is drift</h2>
 * {@link io.jenkins.plugins.gitops.engine.reconcile.drift.DriftDetector} looks at a refresh only when Git's revision
 * is still the one last synced successfully; otherwise OutOfSync means a new commit to deploy. Then each OutOfSync
 * resource is one {@link io.jenkins.plugins.gitops.engine.reconcile.DriftEvent}: changed fields with the managers
 * that own them (most recent first), or {@code (deleted)} for a resource deleted behind our back. Resources that
 * require pruning are not drift: they are extraneous. Each event also says what automation does about it:
 * {@code reverted} (self-heal), {@code reported} (selfHeal off) or {@code paused} (a person paused self-heal).
 *
 * <h2>The log</h2>
 * {@link io.jenkins.plugins.gitops.engine.reconcile.drift.DriftLog} keeps the last 100 events of an application,
 * newest first. The same drift seen by consecutive refreshes is recorded once per episode: an episode lasts until
 * the resource is Synced again. The log is stored as document {@code drift} of the application's
 * {@link io.jenkins.plugins.gitops.engine.history.StateStore}.
 */
package io.jenkins.plugins.gitops.engine.reconcile.drift;
