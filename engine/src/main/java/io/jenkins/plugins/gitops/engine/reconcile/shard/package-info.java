/**
 * Several controllers sharing the applications through Kubernetes' own coordination (coordination.k8s.io/v1
 * Leases), as Argo CD's application controller shards and kube-controller-manager elects its leader.
 *
 * <p><b>Shards.</b> Applications fall into N shards ({@link io.jenkins.plugins.gitops.engine.reconcile.shard.Sharding}:
 * by destination cluster, as Argo CD does, or by a stable hash of the application name). Each shard has one Lease,
 * {@code gitops-shard-<k>}, in a namespace of the managed cluster. Every controller compares every application
 * (read-only, so its pages stay current); only the holder of a shard's lease syncs, self-heals and prunes the
 * applications of that shard.
 *
 * <p><b>Election.</b> {@link io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases} follows client-go's
 * leaderelection ({@code tryAcquireOrRenew}): a lease counts as expired when its record has not changed for its
 * duration, measured on the observer's own monotonic clock from when it saw the change (no clock synchronisation is
 * needed); acquiring and renewing are optimistic updates on the lease's resourceVersion, so two controllers never
 * both succeed. Each controller also renews a membership lease ({@code gitops-controller-<hash>}); with M live
 * controllers each takes shards up to ceil(N/M) and gives back (when idle) what it holds beyond, so N controllers
 * spread the load and a dead one's shards move within one lease duration.
 *
 * <p><b>Fencing.</b> A controller may write for a shard only until {@code renewDeadline} after the start of its last
 * successful renewal; others take over no earlier than {@code leaseDuration} after they saw that renewal, so there
 * is a margin of {@code leaseDuration - renewDeadline} (5 s by default) between the two. The
 * {@link io.jenkins.plugins.gitops.engine.sync.run.WriteFence} of an operation also remembers the lease term it
 * started in: a controller that was stopped (SIGSTOP, a long GC pause, a partition) and finds its lease renewable
 * again never continues an old operation. The remaining window is the time between the fence check and the
 * request reaching the API server (no fencing token exists for arbitrary Kubernetes writes).
 *
 * <p><b>Hand-over.</b> A manual operation is recorded before its first write as a Lease
 * {@code gitops-operation-<hash>} ({@link io.jenkins.plugins.gitops.engine.reconcile.shard.OperationLeases}, the
 * {@link io.jenkins.plugins.gitops.engine.reconcile.OperationHandover} of these leases) and removed when it ends; one
 * that stopped because its controller died or lost the shard stays, and the shard's next holder runs it again - the
 * counterpart of the {@code operation} field Argo CD keeps in the Application.
 */
package io.jenkins.plugins.gitops.engine.reconcile.shard;
