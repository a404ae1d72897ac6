package io.jenkins.plugins.gitops.engine.cluster.live;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to the live objects of one cluster: the query API shared by the watching {@link LiveStateCache} and
 * the one-shot {@link LiveStateLister}. Only the kinds the implementation watches or lists are visible; a query never
 * sees other kinds. Returned objects are live copies ({@code source} {@code "live"}) exactly as the API server served
 * them, managedFields and last-applied annotation included.
 */
public interface LiveState {

    /** The API server URL, for messages. */
    String server();

    /**
     * Top-level objects that belong to {@code appName} under {@code method}: objects whose marks name the application
     * (see {@link ResourceTracking}) and that have no {@code ownerReferences} (children such as a Deployment's
     * ReplicaSets are part of the resource tree, not managed resources; gitops-engine's {@code GetManagedLiveObjs}).
     * If the listing is incomplete the map may miss objects; use {@link #snapshot} when that matters.
     */
    Map<ResourceKey, KubeObject> managedObjects(String appName, TrackingMethod method);

    /** Objects whose {@code metadata.ownerReferences} name {@code ownerUid}, sorted by key. */
    List<KubeObject> childrenOf(String ownerUid);

    /** The live object with this identity in any watched version of its kind, if present. */
    Optional<KubeObject> get(ResourceKey key);

    /** {@link #managedObjects} together with whether the listing behind it is complete. */
    LiveSnapshot snapshot(String appName, TrackingMethod method);
}
