/**
 * Helm chart hooks as Argo CD runs them. Charts rendered with {@code helm template} keep their {@code helm.sh/hook}
 * annotations; Argo CD maps them onto its own hooks instead of running Helm's release lifecycle:
 * <ul>
 *   <li>{@code pre-install} and {@code pre-upgrade} run as PreSync hooks, {@code post-install} and
 *       {@code post-upgrade} as PostSync hooks (a chart usually lists both, and the hook runs once);</li>
 *   <li>other Helm hooks ({@code pre-delete}, {@code post-delete}, rollback and {@code test} hooks) have no
 *       counterpart: such objects are hooks that never run during a sync;</li>
 *   <li>{@code crd-install} (Helm 2) is not a hook: the CRD is applied as an ordinary resource;</li>
 *   <li>{@code helm.sh/hook-weight} becomes the sync wave unless {@code argocd.argoproj.io/sync-wave} is set;</li>
 *   <li>{@code helm.sh/hook-delete-policy} values {@code before-hook-creation}, {@code hook-succeeded} and
 *       {@code hook-failed} become the Argo CD delete policies of the same meaning.</li>
 * </ul>
 * All of this is ignored for an object that carries Argo CD's own {@code argocd.argoproj.io/hook} annotation, and the
 * Helm delete policy also when {@code argocd.argoproj.io/hook-delete-policy} is present. Mirrors gitops-engine
 * {@code pkg/sync/hook/helm}.
 */
package io.jenkins.plugins.gitops.engine.sync.hook.helm;
