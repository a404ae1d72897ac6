package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ApplicationSets of this Jenkins over time: a build registers a set with a fresh generation, the periodic task
 * regenerates every set once per refresh interval, and both apply the result through {@link ApplicationSetSync} to
 * the registry (saved with the applications) and to the current controller. Changes are serialised; generation,
 * which may read Git, runs outside the lock, and a set a build changed meanwhile is left for the next run. A failing
 * generation changes nothing (as in Argo CD, an error never deletes applications) and is kept for administrators.
 */
final class ApplicationSets {

    private final GitOpsService service;
    private final Object lock = new Object();
    /** When each set was last generated (millis). */
    private final Map<String, Long> generatedAt = new ConcurrentHashMap<>();
    /** The last problem of each set. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    ApplicationSets(GitOpsService service) {
        this.service = service;
    }

    ApplicationSetSync.Result register(ApplicationSet set, String yaml, String file, String ownerJob,
            Generated generated, String by, EngineLog log) throws IOException {
        synchronized (lock) {
            long now = System.currentTimeMillis();
            RegisteredApplications registry = service.registry();
            registry.claimSet(set.name(), ownerJob, yaml, file, now, by, GitOpsService::jobExists);
            ApplicationSetSync.Result result = ApplicationSetSync.apply(registry, set, generated, now, by,
                    GitOpsService::jobExists, registrations(service.runtime().controller()), log);
            service.saveRegistry();
            generatedAt.put(set.name(), now);
            problems.remove(set.name());
            return result;
        }
    }

    List<String> unregister(String name) throws IOException {
        synchronized (lock) {
            List<String> removed = service.registry().removeSet(name);
            service.saveRegistry();
            generatedAt.remove(name);
            problems.remove(name);
            service.runningRuntime().ifPresent(rt -> removed.forEach(rt.controller()::unregister));
            return removed;
        }
    }

    void reconcile(long intervalMillis, EngineLog log) {
        if (service.runningRuntime().isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (RegisteredApplicationSet reg : service.registry().allSets()) {
            Long last = generatedAt.get(reg.getName());
            if (last != null && now - last < intervalMillis) {
                continue;
            }
            generatedAt.put(reg.getName(), now);
            try {
                regenerate(reg, now, log);
            } catch (IOException | RuntimeException e) {
                String problem = "ApplicationSet '" + reg.getName() + "' of job '" + reg.getOwner() + "': "
                        + e.getMessage();
                problems.put(reg.getName(), problem);
                log.warn(problem);
            }
        }
    }

    private void regenerate(RegisteredApplicationSet reg, long now, EngineLog log) throws IOException {
        // the registered object may be updated by a build meanwhile: generate from what was read here
        String yaml = reg.getYaml();
        try (EngineRuntime.Lease lease = service.lease()) {
            ApplicationSet set = parse(yaml, reg.getFile());
            Generated generated = PluginThreads.withPluginLoader(() -> lease.engine().generate(set));
            synchronized (lock) {
                Optional<RegisteredApplicationSet> current = service.registry().getSet(reg.getName());
                if (current.isEmpty() || !current.get().getYaml().equals(yaml)) {
                    return;
                }
                ApplicationSetSync.Result result = ApplicationSetSync.apply(service.registry(), set, generated, now,
                        "ApplicationSet " + set.name(), GitOpsService::jobExists, registrations(lease.controller()),
                        log);
                if (result.changed()) {
                    service.saveRegistry();
                }
                if (result.problems().isEmpty()) {
                    problems.remove(set.name());
                } else {
                    problems.put(set.name(), String.join("; ", result.problems()));
                }
            }
        }
    }

    /** Problems of the sets still registered, one line each, by set name. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        for (RegisteredApplicationSet set : service.registry().allSets()) {
            String problem = problems.get(set.getName());
            if (problem != null) {
                out.add(problem);
            }
        }
        return out;
    }

    private static ApplicationSet parse(String yaml, String file) {
        List<ApplicationSet> sets = ArgoDocuments.parse(yaml, file).applicationSets();
        if (sets.size() != 1) {
            throw new IllegalStateException("the registered YAML from " + file
                    + " no longer holds exactly one ApplicationSet");
        }
        return sets.get(0);
    }

    private static ApplicationSetSync.Registrations registrations(Controller controller) {
        return new ApplicationSetSync.Registrations() {
            @Override
            public void register(Application app, String owner) {
                controller.register(app, owner);
            }

            @Override
            public void unregister(String name) {
                controller.unregister(name);
            }
        };
    }
}
