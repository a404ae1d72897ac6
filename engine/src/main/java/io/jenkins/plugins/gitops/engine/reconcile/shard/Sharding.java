package io.jenkins.plugins.gitops.engine.reconcile.shard;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.Application;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How applications are assigned to shards. Both use the 32-bit FNV-1a hash Argo CD's legacy sharding uses, modulo
 * the number of shards, so the assignment is stable across restarts, JVMs and controllers.
 */
public enum Sharding {

    /** By destination cluster (Argo CD's application controller): every application of a cluster in one shard. */
    CLUSTER("cluster") {
        @Override
        String key(Application app) {
            String server = app.destination().server();
            if (server != null && !server.isBlank()) {
                return ClusterConnection.normalizeServer(server);
            }
            String name = app.destination().name();
            return name == null || name.isBlank() || name.equals(ClusterConnection.IN_CLUSTER_NAME)
                    ? ClusterConnection.IN_CLUSTER_SERVER : "name:" + name;
        }
    },

    /** By a stable hash of the application name: spreads the applications of one big cluster. */
    NAME("name") {
        @Override
        String key(Application app) {
            return app.name();
        }
    };

    private final String id;

    Sharding(String id) {
        this.id = id;
    }

    /** {@code cluster} or {@code name}, as the command line and the Jenkins configuration spell it. */
    public String id() {
        return id;
    }

    abstract String key(Application app);

    /** The shard (0 to {@code shards - 1}) of the application. */
    public int shardOf(Application app, int shards) {
        return Integer.remainderUnsigned(fnv32a(key(app)), shards);
    }

    public static Sharding of(String id) {
        for (Sharding s : values()) {
            if (s.id.equals(id == null ? "" : id.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sharding '" + id + "': use cluster or name");
    }

    static int fnv32a(String s) {
        int hash = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }
}
