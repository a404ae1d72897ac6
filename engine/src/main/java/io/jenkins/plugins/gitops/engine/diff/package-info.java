/**
 * Is the cluster what Git says? Argo CD compatible diffing that explains every difference it reports.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.diff.AppDiff} pairs the objects rendered from Git with the live objects
 * an application tracks and hands each pair to {@link io.jenkins.plugins.gitops.engine.diff.ResourceDiffer}, which
 * returns a {@link io.jenkins.plugins.gitops.engine.diff.ResourceDiff}: Synced or OutOfSync, the differing field
 * paths with a reason each, normalised YAML of both sides and a unified diff. The application is OutOfSync when any
 * resource that counts is. A desired object without a live one is missing; a live object without a desired one
 * requires pruning, but is left out of the application's status when it carries
 * {@code argocd.argoproj.io/compare-options: IgnoreExtraneous} (this annotation is read from the live object, as in
 * Argo CD; on an object that is in Git it changes nothing). Hooks ({@code argocd.argoproj.io/hook}, including
 * {@code Skip}, or {@code helm.sh/hook}) are not compared.
 *
 * <h2>Normalisation</h2>
 * Before comparing, both sides go through a chain of small normalisers, in this order: server-populated metadata
 * ({@code managedFields}, {@code resourceVersion}, {@code uid}, {@code generation}, {@code creationTimestamp},
 * {@code selfLink}, {@code deletionGracePeriodSeconds}, {@code deletionTimestamp}), the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation and {@code status} (unless
 * {@link io.jenkins.plugins.gitops.engine.diff.DiffOptions#compareStatus()}) are dropped, and so is our tracking-id
 * annotation when Git does not carry it; a Secret's {@code stringData} is folded into base64 {@code data}; null
 * fields are dropped; integral decimals become integers and quoted integers in integer fields of built-in types
 * ({@code containerPort: "8080"}) become numbers; resource quantities take one canonical spelling ({@code 1000m} and
 * {@code 1} are both {@code "1"}, {@code 1024Mi} is {@code 1Gi}); last, the application's {@code ignoreDifferences}
 * rules matching the resource by group/kind (and optional name/namespace) remove fields from both sides: by
 * {@code jsonPointers}, by {@code jqPathExpressions} (a real jq: each expression is compiled as
 * {@code path(expr)}, its concrete paths are deleted; a bad expression fails with a message naming it) and by
 * {@code managedFieldsManagers} (every field those managers own in the live object's {@code managedFields}, in
 * Kubernetes' fieldsV1 notation, is removed - so an HPA's {@code spec.replicas} stops being drift).
 *
 * <h2>The comparison rule</h2>
 * Git's object is the reference; server defaults, controllers and webhooks are not drift. Precisely:
 * <ul>
 *   <li>A field Git declares is compared with the live value: different is <em>changed</em>, absent in the cluster
 *       is <em>added in Git</em>. Numbers compare by value ({@code 3 == 3.0}). An empty map or list, and a zero
 *       value ({@code ""}, {@code false}, {@code 0}) that the API server omits for {@code omitempty} fields, match an
 *       absent live field.</li>
 *   <li>A field present only in the live object is ignored, unless we put it there: our field manager
 *       ({@link io.jenkins.plugins.gitops.engine.diff.DiffOptions#fieldManager()}, {@code gitops-sync} by default)
 *       owns it in {@code managedFields}, or, for client-side apply, it is in the last-applied-configuration.
 *       Then Git removed it and it is drift: <em>removed from Git</em>.</li>
 *   <li>Lists whose elements have keys are matched by key, not position: containers, init and ephemeral
 *       containers, env, volumes, imagePullSecrets by {@code name}, volumeMounts by {@code mountPath}, ports by
 *       {@code containerPort} (or {@code port}) and {@code protocol} (default TCP), conditions by {@code type}, and
 *       any other list of maps whose elements all carry a unique {@code name}. Elements are compared by the same
 *       rule, so fields defaulted inside a container ({@code imagePullPolicy}, {@code terminationMessagePath}) are
 *       not drift either; a live-only element (an injected sidecar) counts only when we own it; order is not
 *       significant. Finalizers are a set: matched by value.</li>
 *   <li>Other lists are atomic, as Kubernetes treats them: Git declares the whole list, so they are compared
 *       position by position and extra live elements are drift.</li>
 * </ul>
 * Paths read like {@code spec.template.spec.containers[name=web].image} or {@code spec.ports[port=80]}.
 *
 * <h2>No unexplained OutOfSync</h2>
 * An OutOfSync resource always lists at least one field with a reason. The YAML shown for the live side contains
 * only fields that took part in the comparison, so a Synced resource shows no diff and an OutOfSync one shows its
 * differences. Differences a reader cannot see in YAML - a no-break space instead of a space, a zero-width space -
 * are spelled out in the reason, and when the two YAML texts are identical the unified diff carries a comment block
 * listing the fields that differ.
 *
 * <h2>Secrets</h2>
 * Values are compared for real but never shown: in YAML and unified diffs every value of a Secret's {@code data}
 * is replaced by plus signs, the same mask for equal values and a longer one for a different value (Argo CD's
 * HideSecretData), and field differences under {@code data} say "value hidden".
 */
package io.jenkins.plugins.gitops.engine.diff;
