package io.jenkins.plugins.gitops.engine.cluster.live;

/**
 * Receives changes of live objects from a {@link LiveStateCache}. Called on the informer's event thread (one per
 * watched kind): implementations must return quickly, typically by queueing a refresh of {@link LiveChange#appName()}.
 * Exceptions are logged and otherwise ignored.
 */
@FunctionalInterface
public interface LiveChangeListener {

    void onChange(LiveChange change);
}
