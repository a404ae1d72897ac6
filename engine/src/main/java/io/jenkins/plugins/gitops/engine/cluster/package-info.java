/**
 * Cluster access: which clusters exist, what they serve, and the one door through which the engine writes to them.
 *
 * <h2>Connections and destinations</h2>
 * A {@link io.jenkins.plugins.gitops.engine.cluster.ClusterConnection} is one API server: a name, the URL
 * applications write in {@code spec.destination.server}, and a way to authenticate - a kubeconfig file and context,
 * a bearer token with the server's CA certificate (what an Argo CD cluster secret holds), or the pod's own service
 * account when running in-cluster. Configuration is checked when the connection is made (a missing context is an
 * error, not a silent fall-back to another cluster); the fabric8 client is created on first use and closed with the
 * connection, which also stops its JDK HTTP clients' selector threads
 * ({@link io.jenkins.plugins.gitops.engine.cluster.JdkHttpClients}; on one or two processors each sends on reused
 * threads, {@link io.jenkins.plugins.gitops.engine.cluster.PooledSendClient}, where the JDK would start a thread per
 * request). A kubeconfig's text becomes fabric8's client
 * configuration through {@link io.jenkins.plugins.gitops.engine.cluster.KubeconfigText}: fabric8's merge, our YAML
 * reader. A connection from a kubeconfig file keeps fabric8's renewal of a bearer token from that file, but a user
 * without a token (a client certificate) does not have the file re-read before every request, which fabric8 would do
 * from a minute on ({@code ClientConfigs.forgetFileWithoutToken}); a kubeconfig given as text whose user gets its
 * token from a credential plugin ({@code exec}) has the plugin run again once the token is a minute old, and at once
 * when the API server refuses the token with 401 ({@code ExecTokenRenewal}), since fabric8 renews only from a file.
 * Requests the engine sends past fabric8's typed calls carry the client's request timeout
 * ({@link io.jenkins.plugins.gitops.engine.cluster.RawRequest}). Items of lists and watch events read as plain JSON
 * become live objects through {@link io.jenkins.plugins.gitops.engine.cluster.ListedItem}. The {@link io.jenkins.plugins.gitops.engine.cluster.ClusterRegistry} maps a destination to a
 * connection the way Argo CD does: by server URL or by name, never both, with {@code https://kubernetes.default.svc}
 * and {@code in-cluster} meaning the default connection. A destination nobody configured fails with a message naming
 * the field and listing the clusters that exist.
 *
 * <h2>Discovery</h2>
 * Nothing here knows Kubernetes kinds by heart. {@link io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery} asks
 * the server which kinds a group version serves, their plural URL names and whether they are namespaced, and caches
 * the answer. A kind it does not know causes exactly one refresh before it is reported unknown, which is what makes a
 * custom resource usable right after its CRD was applied in an earlier wave, while a misspelt kind costs one request.
 * Custom resources and built-in kinds take the same path.
 *
 * <h2>Writing: ResourceApplier</h2>
 * The sync engine writes only through {@link io.jenkins.plugins.gitops.engine.cluster.ResourceApplier}: apply, dry
 * run, replace (optionally forced: delete and create), create (hooks with {@code generateName}), delete with a
 * propagation policy, and get. {@link io.jenkins.plugins.gitops.engine.cluster.ApplyOptions} carry Argo CD's
 * per-resource sync options: {@code ServerSideApply}, {@code Validate=false}, the field manager, forcing conflicts and
 * dry run. Two strategies implement apply:
 * <ul>
 *   <li>{@link io.jenkins.plugins.gitops.engine.cluster.ServerSideApplier} - server-side apply, our default. The API
 *       server merges and records field ownership under our field manager, so there is no size-limited annotation and
 *       drift can be attributed to whoever owns a field. Sent as JSON and answered into a tree without fabric8's
 *       object model (the client's largest CPU cost in a large sync); errors are fabric8's own exception.
 *   <li>{@link io.jenkins.plugins.gitops.engine.cluster.ClientSideApplier} - {@code kubectl apply} as Argo CD does it
 *       by default: a three-way merge of the last-applied annotation, Git and the live object. Fields Git dropped are
 *       removed, fields that defaults, controllers or people added are kept, built-in lists such as containers merge
 *       by their keys.
 * </ul>
 * {@link io.jenkins.plugins.gitops.engine.cluster.ClusterApplier} picks the strategy per object.
 *
 * <h2>Errors and secrets</h2>
 * Every failure is a {@link io.jenkins.plugins.gitops.engine.cluster.ClusterException} whose message reads
 * "<i>verb</i> <i>resource</i> on cluster <i>server</i> failed: <i>what happened</i>", with a coarse reason to act
 * on (unreachable, server error, conflict, unknown kind, unsupported...). Text that may quote the server is passed
 * through the connection's {@link io.jenkins.plugins.gitops.engine.cluster.SecretRedactor}, which masks the
 * connection's credentials, the values of any Secret being written and token-shaped strings.
 *
 * <h2>Testing</h2>
 * The fabric8 mock server in CRUD mode stands in for a cluster, with two known gaps stated in the tests: it serves no
 * built-in discovery (fixtures supply it) and it implements neither server-side apply (415) nor dry run. Those paths
 * run against a real kube-apiserver through kube-api-test when its binaries are installed.
 *
 * <p>The live-state cache (watches) lives in the {@code cluster.live} sub-package and builds on the connection and
 * discovery defined here.
 */
package io.jenkins.plugins.gitops.engine.cluster;
