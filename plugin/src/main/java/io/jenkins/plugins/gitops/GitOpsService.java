package io.jenkins.plugins.gitops;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.XmlFile;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.gitops.config.CredentialsResolver;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.webhook.GitProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;

/**
 * The one engine and controller of this Jenkins, and the applications registered with it.
 *
 * <p>Lifecycle: started once jobs are loaded (so owners of registered applications can be resolved), rebuilt a
 * moment after the configuration is saved (several setter calls from one JCasC apply coalesce into one rebuild),
 * stopped when Jenkins shuts down. Registered applications are kept in {@code $JENKINS_HOME/gitops/applications.xml}
 * and registered with every new controller; sync history and the operation journal live in
 * {@code $JENKINS_HOME/gitops/state} and survive restarts by themselves.
 */
@Extension
public class GitOpsService {

    private static final Logger LOGGER = Logger.getLogger(GitOpsService.class.getName());

    /** Delay between a configuration save and the rebuild, so a burst of saves rebuilds once. */
    private static final long REBUILD_DELAY_MS = 2000;

    private final Object lock = new Object();
    private EngineRuntime runtime;
    private boolean started;
    /** The configuration was saved since the runtime was built. */
    private boolean stale;
    private ScheduledFuture<?> pendingRebuild;
    private RegisteredApplications registry;
    private ExecutorService background;

    public static GitOpsService get() {
        return ExtensionList.lookupSingleton(GitOpsService.class);
    }

    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void startUp() {
        get().start();
    }

    @Terminator
    public static void shutDown() {
        get().stop();
    }

    /** {@code $JENKINS_HOME/gitops}. */
    public Path home() {
        return Jenkins.get().getRootDir().toPath().resolve("gitops");
    }

    void start() {
        synchronized (lock) {
            started = true;
            if (runtime == null) {
                rebuildQuietly();
            }
        }
    }

    /** A broken configuration must not stop Jenkins from starting: log it; steps report it when they run. */
    private void rebuildQuietly() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "Cannot start the GitOps engine: " + e.getMessage(), e);
        }
    }

    void stop() {
        synchronized (lock) {
            started = false;
            if (pendingRebuild != null) {
                pendingRebuild.cancel(false);
            }
            if (runtime != null) {
                runtime.retire();
                runtime = null;
            }
            if (background != null) {
                background.shutdownNow();
                background = null;
            }
        }
    }

    /**
     * Called by the configuration on every save: the next use of the engine sees the new configuration, and the
     * controller restarts with it shortly even if nothing uses the engine meanwhile.
     */
    public void configurationChanged() {
        synchronized (lock) {
            if (!started) {
                return;
            }
            stale = true;
            if (pendingRebuild != null) {
                pendingRebuild.cancel(false);
            }
            pendingRebuild = Timer.get().schedule(() -> {
                synchronized (lock) {
                    pendingRebuild = null;
                    if (started && stale) {
                        rebuildQuietly();
                    }
                }
            }, REBUILD_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The current runtime, built on first use if Jenkins has not reached the start milestone yet (tests, early
     * steps).
     */
    public EngineRuntime runtime() {
        synchronized (lock) {
            if (runtime == null || runtime.isRetired() || stale) {
                started = true;
                rebuild();
            }
            return runtime;
        }
    }

    /** Holds the engine for one step; always close the lease (try-with-resources). */
    public EngineRuntime.Lease lease() {
        for (int attempt = 0; ; attempt++) {
            EngineRuntime rt = runtime();
            try {
                return rt.lease();
            } catch (IllegalStateException replaced) {
                if (attempt >= 3) {
                    throw replaced;
                }
            }
        }
    }

    /** The current runtime if one is running, without building one (for the periodic tick). */
    public Optional<EngineRuntime> runningRuntime() {
        synchronized (lock) {
            return Optional.ofNullable(runtime);
        }
    }

    private void rebuild() {
        stale = false;
        if (pendingRebuild != null) {
            pendingRebuild.cancel(false);
            pendingRebuild = null;
        }
        EngineSettings settings = CredentialsResolver.resolve(GitOpsConfiguration.get());
        for (String problem : settings.problems()) {
            LOGGER.warning("GitOps configuration: " + problem);
        }
        EngineRuntime next = PluginThreads.withPluginLoader(
                () -> EngineRuntime.create(settings, home(), new JulLog(LOGGER)));
        for (RegisteredApplication reg : registry().all()) {
            try {
                Application app = ArgoDocuments.parseApplication(reg.getYaml(), reg.getFile());
                next.controller().register(app, reg.getOwner());
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Cannot register GitOps application " + reg.getName() + " of job "
                        + reg.getOwner() + ": " + e.getMessage());
            }
        }
        PluginThreads.withPluginLoader(() -> {
            next.start();
            return null;
        });
        EngineRuntime previous = runtime;
        runtime = next;
        if (previous != null) {
            previous.retire();
        }
        LOGGER.fine("GitOps engine (re)built with " + settings.clusters().size() + " clusters");
    }

    /** Threads for dashboard actions that outlive the request (rollback). */
    public ExecutorService background() {
        synchronized (lock) {
            if (background == null) {
                background = Executors.newCachedThreadPool(PluginThreads.factory("GitOps background"));
            }
            return background;
        }
    }

    public Map<GitProvider, String> webhookSecrets() {
        return CredentialsResolver.webhookSecrets(GitOpsConfiguration.get());
    }

    // ---- registered applications

    private XmlFile registryFile() {
        return new XmlFile(Jenkins.XSTREAM2, home().resolve("applications.xml").toFile());
    }

    private RegisteredApplications registry() {
        synchronized (lock) {
            if (registry == null) {
                registry = loadRegistry();
            }
            return registry;
        }
    }

    private RegisteredApplications loadRegistry() {
        XmlFile file = registryFile();
        if (file.exists()) {
            try {
                Object o = file.read();
                if (o instanceof RegisteredApplications r) {
                    return r;
                }
                LOGGER.warning("Ignoring " + file + ": unexpected content " + o.getClass().getName());
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Cannot read the registered GitOps applications from " + file, e);
            }
        }
        return new RegisteredApplications();
    }

    private void saveRegistry() throws IOException {
        registryFile().write(registry());
    }

    public Optional<RegisteredApplication> registered(String name) {
        return registry().get(name);
    }

    public List<RegisteredApplication> registeredApplications() {
        return registry().all();
    }

    /**
     * Registers (or updates) an application owned by a job and hands it to the controller.
     *
     * @throws IllegalStateException when another existing job owns an application of that name
     */
    public RegisteredApplication register(Application app, String yaml, String file, String ownerJob, String by)
            throws IOException {
        RegisteredApplication reg = registry().claim(app.name(), ownerJob, yaml, file, System.currentTimeMillis(),
                by, GitOpsService::jobExists);
        saveRegistry();
        runtime().controller().register(app, ownerJob);
        return reg;
    }

    /** Forgets an application: the controller stops watching it; its resources stay in the cluster. */
    public boolean unregister(String name) throws IOException {
        boolean removed = registry().remove(name);
        if (removed) {
            saveRegistry();
            runningRuntime().ifPresent(rt -> rt.controller().unregister(name));
        }
        return removed;
    }

    void ownerMoved(String oldFullName, String newFullName) {
        List<String> moved = registry().moveOwner(oldFullName, newFullName);
        if (moved.isEmpty()) {
            return;
        }
        persistQuietly();
        runningRuntime().ifPresent(rt -> {
            for (String name : moved) {
                registry().get(name).ifPresent(reg -> {
                    try {
                        rt.controller().register(ArgoDocuments.parseApplication(reg.getYaml(), reg.getFile()),
                                reg.getOwner());
                    } catch (RuntimeException e) {
                        LOGGER.log(Level.WARNING, "Cannot re-register " + name + " after its job moved", e);
                    }
                });
            }
        });
    }

    void ownerDeleted(String fullName) {
        List<String> removed = registry().removeOwnedBy(fullName);
        if (removed.isEmpty()) {
            return;
        }
        persistQuietly();
        LOGGER.info("Job " + fullName + " was deleted; GitOps no longer watches " + removed
                + " (their resources stay in the cluster)");
        runningRuntime().ifPresent(rt -> removed.forEach(rt.controller()::unregister));
    }

    private void persistQuietly() {
        try {
            saveRegistry();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot save the registered GitOps applications", e);
        }
    }

    private static boolean jobExists(String fullName) {
        try (ACLContext ctx = ACL.as2(ACL.SYSTEM2)) {
            return Jenkins.get().getItemByFullName(fullName, Job.class) != null;
        }
    }
}
