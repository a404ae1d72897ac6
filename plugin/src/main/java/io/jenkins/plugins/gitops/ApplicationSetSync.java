package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.appset.AppSetAction;
import io.jenkins.plugins.gitops.engine.appset.ApplicationSetReconciler;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.appset.Generated.GeneratedApplication;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Brings the applications registered for one ApplicationSet in step with what the set generates now: the engine's
 * {@link ApplicationSetReconciler} decides (create, update, delete, or hold back what the set's
 * {@code applicationsSync} policy does not allow) and this class carries the decisions out on the registry and on
 * the controller. "Delete" unregisters: the application's resources stay in the cluster, whatever
 * {@code preserveResourcesOnDeletion} says, because unregistering never deletes resources.
 *
 * <p>A generated application whose name another job or another set already holds is left alone and reported as a
 * problem; the rest of the set still applies. Plain Java (no Jenkins types), so it is unit tested directly.
 */
public final class ApplicationSetSync {

    /** Where registrations take effect besides the registry: the controller. */
    public interface Registrations {
        void register(Application app, String owner);

        void unregister(String name);
    }

    /**
     * What one generation did.
     *
     * @param applications the set's applications as registered now, in generation order (for an update the policy
     *     held back, the registered version); those that could not be registered are missing
     * @param actions what the reconciler decided
     * @param problems one sentence per generated application that could not be registered
     * @param changed whether the registry changed (and must be saved)
     */
    public record Result(List<Application> applications, List<AppSetAction> actions, List<String> problems,
            boolean changed) {}

    private ApplicationSetSync() {}

    /**
     * Applies one generation of {@code set}, which must already be registered in {@code registry}; its owner owns
     * every application it generates.
     *
     * @param by the build (or {@code "ApplicationSet <name>"} for the background task) recorded as registrant
     * @param ownerExists whether a job of that full name exists (an application of a deleted job may be taken over)
     * @throws IllegalArgumentException when the set is not registered or {@code generated} belongs to another set
     */
    public static Result apply(RegisteredApplications registry, ApplicationSet set, Generated generated, long now,
            String by, Predicate<String> ownerExists, Registrations controller, EngineLog log) {
        RegisteredApplicationSet registered = registry.getSet(set.name()).orElseThrow(() ->
                new IllegalArgumentException("ApplicationSet '" + set.name() + "' is not registered"));
        String owner = registered.getOwner();
        Map<String, Application> owned = new LinkedHashMap<>();
        for (RegisteredApplication reg : registry.generatedBy(set.name())) {
            try {
                owned.put(reg.getName(), ArgoDocuments.parseApplication(reg.getYaml(), reg.getFile()));
            } catch (RuntimeException unreadable) {
                // not counted as owned: the set generates it afresh (CREATE), replacing the unreadable copy
                log.warn("ApplicationSet " + set.name() + ": registered application " + reg.getName()
                        + " is unreadable and will be regenerated: " + unreadable.getMessage());
            }
        }
        List<AppSetAction> actions = ApplicationSetReconciler.reconcile(set, owned.values(), generated);
        Map<String, Application> registeredNow = new LinkedHashMap<>(owned);
        List<String> problems = new ArrayList<>();
        boolean changed = false;
        for (AppSetAction action : actions) {
            switch (action.type()) {
                case CREATE, UPDATE -> {
                    GeneratedApplication g = generated.find(action.name()).orElseThrow();
                    try {
                        registry.claim(action.name(), owner, Yaml.write(g.document()), g.application().file(), now,
                                by, set.name(), ownerExists);
                    } catch (IllegalStateException refused) {
                        problems.add("ApplicationSet '" + set.name() + "' cannot register " + refused.getMessage());
                        log.warn("ApplicationSet " + set.name() + ": " + refused.getMessage());
                        continue;
                    }
                    controller.register(g.application(), owner);
                    registeredNow.put(action.name(), g.application());
                    changed = true;
                    log.info("ApplicationSet " + set.name() + ": " + action.reason() + "; registered");
                }
                case DELETE -> {
                    registry.remove(action.name());
                    controller.unregister(action.name());
                    registeredNow.remove(action.name());
                    changed = true;
                    log.info("ApplicationSet " + set.name() + ": " + action.reason()
                            + "; unregistered (its resources stay in the cluster)");
                }
                case SKIPPED_UPDATE, SKIPPED_DELETE -> log.info("ApplicationSet " + set.name() + ": "
                        + action.reason());
            }
        }
        List<Application> inOrder = new ArrayList<>();
        for (Application app : generated.list()) {
            Application current = registeredNow.get(app.name());
            if (current != null) {
                inOrder.add(current);
            }
        }
        return new Result(List.copyOf(inOrder), actions, List.copyOf(problems), changed);
    }
}
