package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Optional;

/**
 * The only way the sync engine writes to a cluster. Every method resolves the object's kind through
 * {@link ApiDiscovery}, so custom resources work like built-in ones, and every failure is a {@link ClusterException}
 * that names the resource and the server and carries no secret.
 *
 * <p>Namespaced objects without {@code metadata.namespace} go to the connection's default namespace; a namespace
 * on a cluster-scoped object is ignored (as kubectl does). Results are the live object as the API server returned it
 * ({@code source} "live"); for a dry run that is the object the server would have stored.
 */
public interface ResourceApplier {

    /**
     * Declaratively applies {@code desired}: creates it when absent, otherwise updates the fields Git declares and
     * removes the fields Git declared before but no longer does, keeping fields other actors added.
     */
    KubeObject apply(KubeObject desired, ApplyOptions options);

    /** Server-side dry run ({@code dryRun=All}) of {@link #apply}: every check and webhook runs, nothing persists. */
    default KubeObject dryRun(KubeObject desired, ApplyOptions options) {
        return apply(desired, options.withDryRun(true));
    }

    /**
     * Argo CD's {@code Replace=true}: the object becomes exactly {@code desired} (kubectl replace; created when
     * absent). With {@code force} (Argo CD's {@code Force=true}) it is deleted and created again, which is how
     * immutable fields change; a forced dry run only dry-runs the delete.
     */
    KubeObject replace(KubeObject desired, boolean force, ApplyOptions options);

    /** Creates the object; fails with {@link ClusterException.Reason#CONFLICT} when it exists. Used for hooks, whose
     * {@code metadata.generateName} lets the server pick the name: the result carries it. */
    KubeObject create(KubeObject desired, ApplyOptions options);

    /**
     * Deletes the object. Returns false when it was already gone.
     *
     * @param dryRun only ask the server whether the delete would be accepted
     */
    boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun);

    /** Deletes the object for real; false when it was already gone. */
    default boolean delete(ResourceKey key, PropagationPolicy propagation) {
        return delete(key, propagation, false);
    }

    /**
     * Removes one finalizer from the live object (leaving the others, and without overwriting a concurrent change of
     * the list). Returns false when the object is gone or does not carry it.
     */
    boolean removeFinalizer(ResourceKey key, String finalizer);

    /** The live object, or empty when it does not exist. */
    Optional<KubeObject> get(ResourceKey key);

    /**
     * Every live object of {@code kind}'s group and kind in its namespace (cluster-wide for cluster-scoped kinds), by
     * name, read with one list request: how a sync waiting for many objects of one kind looks at them all at once
     * instead of one GET each. The key's name is ignored. Empty when this applier cannot list; the caller then reads
     * the objects one by one.
     */
    default Optional<java.util.Map<String, KubeObject>> listLike(ResourceKey kind) {
        return Optional.empty();
    }

    /**
     * Starts watching every live object of {@code kind}'s group and kind in its namespace (cluster-wide for
     * cluster-scoped kinds), as {@link #listLike} reads them, and runs {@code onChange} (on another thread; it must be
     * quick) whenever one is added, changed or deleted. Empty when this applier cannot watch or the server refuses;
     * the caller then lists or reads one by one.
     */
    default Optional<WatchedKind> watchLike(ResourceKey kind, Runnable onChange) {
        return Optional.empty();
    }

    /**
     * Whether the cluster serves {@code kind} at {@code apiVersion} now, asking its discovery again when it did not
     * know the kind: how a sync sees the kind of a CustomResourceDefinition it just created become usable (the API
     * server publishes it a moment after the definition is Established). True when this applier cannot tell.
     */
    default boolean serves(String apiVersion, String kind) {
        return true;
    }
}
