package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.reconcile.Controller;
import java.nio.file.Path;
import java.util.List;

/**
 * One engine and its controller, built from one version of the configuration. When the configuration changes the
 * service builds a new runtime and retires this one: the controller stops at once (its running operations are
 * terminated, as on shutdown), while the engine stays open until the last step that leased it has finished with
 * it, so a step never finds its engine closed under it.
 *
 * <p>Layout under the plugin's home: {@code state/} holds sync history and the operation journal
 * ({@link FileStateStore}), {@code work/} the Git cache and rendered trees.
 */
public final class EngineRuntime {

    /** A step's hold on the engine; closing it lets a retired runtime close its engine. */
    public final class Lease implements AutoCloseable {
        private boolean closed;

        private Lease() {}

        public GitOpsEngine engine() {
            return engine;
        }

        public Controller controller() {
            return controller;
        }

        public RoutingLog log() {
            return log;
        }

        /** Whether the configuration changed since this lease was taken (its controller is closed). */
        public boolean retired() {
            return isRetired();
        }

        @Override
        public void close() {
            synchronized (EngineRuntime.this) {
                if (!closed) {
                    closed = true;
                    release();
                }
            }
        }
    }

    private final GitOpsEngine engine;
    private final Controller controller;
    private final io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases shardLeases;
    private final RoutingLog log;
    private final List<String> problems;
    private int leases;
    private boolean retired;
    private boolean engineClosed;

    EngineRuntime(GitOpsEngine engine, Controller controller, RoutingLog log, List<String> problems) {
        this(engine, controller, null, log, problems);
    }

    EngineRuntime(GitOpsEngine engine, Controller controller,
            io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases shardLeases, RoutingLog log,
            List<String> problems) {
        this.engine = engine;
        this.controller = controller;
        this.shardLeases = shardLeases;
        this.log = log;
        this.problems = List.copyOf(problems);
    }

    /**
     * System property that lets applications use repositories on the controller's disk ({@code file://} URLs and
     * paths). Off by default, as the Git plugin refuses local repositories on the controller since SECURITY-2478.
     */
    public static final String ALLOW_LOCAL_REPOSITORIES = "io.jenkins.plugins.gitops.allowLocalRepositories";

    static boolean allowLocalRepositories() {
        return Boolean.getBoolean(ALLOW_LOCAL_REPOSITORIES);
    }

    /** Builds the engine and controller; the caller registers applications and then calls {@link #start()}. */
    public static EngineRuntime create(EngineSettings settings, Path home, EngineLog background) {
        RoutingLog log = new RoutingLog(background);
        GitOpsEngine.Builder b = GitOpsEngine.builder()
                .workDir(home.resolve("work"))
                .stateStore(new FileStateStore(home.resolve("state")))
                .clusters(settings.clusters())
                .repoCredentials(settings.repositories())
                .projects(settings.projects())
                .allowLocalRepositories(allowLocalRepositories())
                .renderTools(settings.renderTools())
                .log(log);
        if (settings.defaultCluster() != null && !settings.defaultCluster().isEmpty()) {
            b.defaultCluster(settings.defaultCluster());
        }
        GitOpsEngine engine = b.build();
        Controller controller;
        io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases leases = null;
        List<String> problems = new java.util.ArrayList<>(settings.problems());
        try {
            controller = new Controller(engine, settings.controllerSettings());
            controller.fence(settings.fence());
            if (settings.sharding() != null) {
                var connection = engine.clusters().defaultConnection();
                if (connection.isEmpty()) {
                    problems.add("high availability needs a default cluster (the leases live there); this Jenkins"
                            + " syncs nothing until one is configured");
                    controller.useLeadership(io.jenkins.plugins.gitops.engine.reconcile.Leadership.NONE);
                } else {
                    leases = new io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases(
                            connection.get().client(), settings.sharding(), log);
                    controller.useLeadership(leases);
                }
            }
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return new EngineRuntime(engine, controller, leases, log, problems);
    }

    public void start() {
        if (shardLeases != null) {
            shardLeases.start();
        }
        controller.start();
    }

    /** The leases this Jenkins takes part in, when high availability is configured. */
    public java.util.Optional<io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases> leases() {
        return java.util.Optional.ofNullable(shardLeases);
    }

    public GitOpsEngine engine() {
        return engine;
    }

    public Controller controller() {
        return controller;
    }

    /** Configuration problems found when this runtime was built (shown to administrators on the dashboard). */
    public List<String> problems() {
        return problems;
    }

    /**
     * Holds the engine open for one step.
     *
     * @throws IllegalStateException when this runtime was already retired (the caller asks the service again)
     */
    public synchronized Lease lease() {
        if (retired) {
            throw new IllegalStateException("this GitOps runtime was replaced by a newer configuration");
        }
        leases++;
        return new Lease();
    }

    private synchronized void release() {
        leases--;
        closeEngineIfIdle();
    }

    /** Stops the controller now and the engine once no step holds it. */
    public void retire() {
        synchronized (this) {
            if (retired) {
                return;
            }
            retired = true;
        }
        controller.close();
        if (shardLeases != null) {
            shardLeases.close(); // the shards go to the other controllers at once
        }
        synchronized (this) {
            closeEngineIfIdle();
        }
    }

    public synchronized boolean isRetired() {
        return retired;
    }

    private void closeEngineIfIdle() {
        if (retired && leases <= 0 && !engineClosed) {
            engineClosed = true;
            engine.close();
        }
    }
}
