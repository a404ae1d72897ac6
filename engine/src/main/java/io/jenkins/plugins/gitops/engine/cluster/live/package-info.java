/**
 * Live state: which objects in a cluster belong to which application, and what they look like right now.
 *
 * <h2>Tracking</h2>
 * An application marks every object it applies so that it can find them again, including the ones Git no longer
 * mentions (those must be pruned). {@link io.jenkins.plugins.gitops.engine.cluster.live.ResourceTracking} writes and
 * reads the marks of Argo CD's three {@link io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod}s: the
 * {@code argocd.argoproj.io/tracking-id} annotation ({@code <app>:<group>/<kind>:<namespace>/<name>}, the default),
 * the {@code app.kubernetes.io/instance} label, or both. The annotation names the object it was written for, so an
 * object that carries a copied annotation (a backup made with {@code kubectl get -o yaml}, renamed) is recognised as
 * nobody's: it is neither adopted nor pruned. The label cannot tell copies apart; that is why Argo CD moved away from
 * it. Objects with {@code ownerReferences} are never managed resources, whatever marks they carry (a Pod inherits
 * its Deployment's template labels): they are children in the resource tree.
 *
 * <h2>Watching</h2>
 * {@link io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCache} keeps one fabric8 informer per kind that some
 * application registered interest in, plus the child kinds of the resource tree (ReplicaSet, Pod). Unlike Argo CD's
 * cluster cache, which watches every API kind of a cluster, nothing is watched that nobody tracks: an informer starts
 * on the first interest in its kind and stops with the last. Queries are served from the informer stores through
 * indexes (tracking annotation, instance label, uid, owner uid) without calling the API server. Changes are pushed to
 * {@link io.jenkins.plugins.gitops.engine.cluster.live.LiveChangeListener}s naming the application to refresh, found
 * through the owner chain for unmarked children, so drift is noticed within a second rather than at the next poll.
 *
 * <h2>Completeness</h2>
 * A listing that is still in progress or failed (kind unknown to the server, list forbidden) looks exactly like a
 * cluster where the objects are gone. {@link io.jenkins.plugins.gitops.engine.cluster.live.LiveSnapshot} therefore
 * carries {@code complete=false} and one message per failed kind naming the kind and the server; the sync engine must
 * not prune, and the comparison must not report "missing", from an incomplete snapshot.
 *
 * <h2>Memory</h2>
 * The informer stores are the only copy of the watched objects and hold them exactly as served, managedFields and
 * {@code kubectl.kubernetes.io/last-applied-configuration} included (the diff needs both). Memory therefore grows
 * with the number of objects of the watched kinds in the whole cluster; Pods and ReplicaSets usually dominate, so the
 * child kinds are configurable. Query results are converted to
 * {@link io.jenkins.plugins.gitops.engine.model.KubeObject} trees on demand and not retained by the cache.
 *
 * <h2>One-shot use</h2>
 * {@link io.jenkins.plugins.gitops.engine.cluster.live.LiveStateLister} answers the same
 * {@link io.jenkins.plugins.gitops.engine.cluster.live.LiveState} queries from plain, paged list calls, for command
 * line use where starting watches would be wasted.
 *
 * <h2>Which kinds are read</h2>
 * The kinds Git declares, the kinds the application deployed before, and every kind in which
 * {@link io.jenkins.plugins.gitops.engine.cluster.live.TrackedKindScan} finds an object the application tracks (a
 * metadata-only listing of every served kind minus {@link io.jenkins.plugins.gitops.engine.cluster.live.ResourceExclusions}),
 * so that an object whose kind is not in Git is still reported and pruned. The controller keeps that answer current
 * instead of scanning again: {@link io.jenkins.plugins.gitops.engine.cluster.live.TrackedKindIndex} lists each served
 * kind once, metadata only, and then follows it with a metadata-only watch
 * ({@link io.jenkins.plugins.gitops.engine.cluster.live.MetadataWatch}), listing again only when the server no longer
 * has the version it watches from; while nothing changes it costs no list. Kinds the cluster does not serve are never
 * listed: {@link io.jenkins.plugins.gitops.engine.cluster.live.ServedKinds} sets them apart so that their resources
 * are Missing with a reason instead of making the whole snapshot incomplete.
 */
package io.jenkins.plugins.gitops.engine.cluster.live;
