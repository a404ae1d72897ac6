package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Map;

/**
 * The live objects of one kind in one namespace (cluster-wide for cluster-scoped kinds) as a watch keeps them: listed
 * once, then every change the API server pushes. A sync waiting for a wave of many objects reads them here instead of
 * listing them again at every look, and wakes up when one changes instead of after a poll interval (as Argo CD's
 * health gates react to its cluster cache). Obtained from {@link ResourceApplier#watchLike}; close it when done.
 */
public interface WatchedKind extends AutoCloseable {

    /**
     * The objects by name as last seen: those of the first listing (read after the caller's writes) and every change
     * since. Deleted objects are absent. The same {@link KubeObject} instance stands for an object until it changes.
     */
    Map<String, KubeObject> objects();

    /** False once the watch has stopped for good (closed, or the server refused it): the caller reads otherwise. */
    boolean watching();

    /** Stops the watch. Idempotent. */
    @Override
    void close();
}
