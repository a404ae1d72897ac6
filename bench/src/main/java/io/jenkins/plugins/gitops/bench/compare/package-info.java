/**
 * The compare benchmark (issue "Compare"): hundreds of tracked resources on an API server, compared with their
 * desired state when nothing changed, the way the controller does on every refresh (a {@code LiveStateCache} with
 * synced informers: snapshot, diff, health) and the way a one-shot command does (a {@code LiveStateLister}: list,
 * diff, health), next to {@code kubectl diff --server-side} on the same files.
 *
 * <p>The API server is a {@link io.jenkins.plugins.gitops.bench.compare.ClusterTarget}: by default the fabric8
 * {@link io.jenkins.plugins.gitops.bench.compare.MockCluster mock server} in CRUD mode, in-process on loopback, with a
 * generated kubeconfig so a fresh JVM and {@code kubectl} can reach it; with {@code --kubeconfig FILE} a
 * {@link io.jenkins.plugins.gitops.bench.compare.KubeconfigCluster real cluster}, in a namespace created for the run
 * and deleted afterwards. The mock does not implement server-side apply or dry-run, so {@code kubectl diff} cannot
 * be measured against it; the report says so rather than inventing a number.
 */
package io.jenkins.plugins.gitops.bench.compare;
