package io.jenkins.plugins.gitops.engine.reconcile;

/**
 * Told about every snapshot the {@link Controller} publishes (after a refresh, when an operation starts - once the
 * journal has it as Running - and when it ends) and about applications that are unregistered. Called on the
 * controller's threads: implementations return quickly and hand slow work (sending notifications) elsewhere.
 */
public interface StatusListener {

    void published(AppStatus status);

    /** The application was unregistered; {@code last} is its last snapshot. */
    default void removed(AppStatus last) {}
}
