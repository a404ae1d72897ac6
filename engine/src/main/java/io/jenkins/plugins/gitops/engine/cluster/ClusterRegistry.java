package io.jenkins.plugins.gitops.engine.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clusters the engine knows, and which one an Application's {@code spec.destination} means.
 *
 * <p>Like Argo CD, a destination names its cluster either by {@code server} (API server URL) or by {@code name}, not
 * both. {@value ClusterConnection#IN_CLUSTER_SERVER} and the name {@value ClusterConnection#IN_CLUSTER_NAME} mean the
 * default connection (the cluster the engine runs in, or whatever the administrator made default). Server URLs
 * compare without trailing slash and with case-insensitive scheme and host. Unknown destinations are errors naming
 * the field. Immutable once built; {@link #close()} closes every connection.
 */
public final class ClusterRegistry implements AutoCloseable {

    private final ClusterConnection defaultConnection;
    private final Map<String, ClusterConnection> byServer;
    private final Map<String, ClusterConnection> byName;

    private ClusterRegistry(Builder b) {
        this.defaultConnection = b.defaultConnection;
        this.byServer = Collections.unmodifiableMap(new LinkedHashMap<>(b.byServer));
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(b.byName));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The connection for a destination.
     *
     * @param server {@code spec.destination.server}, may be null or blank
     * @param name {@code spec.destination.name}, may be null or blank
     * @throws ClusterException (reason CONFIGURATION) naming the field when nothing or both are set, or no cluster
     *     matches
     */
    public ClusterConnection resolve(String server, String name) {
        boolean hasServer = server != null && !server.isBlank();
        boolean hasName = name != null && !name.isBlank();
        if (hasServer && hasName) {
            throw error("spec.destination: set either server or name, not both (server " + server.strip()
                    + ", name " + name.strip() + ")");
        }
        if (hasServer) {
            String key = ClusterConnection.normalizeServer(server);
            ClusterConnection c = byServer.get(key);
            if (c == null && key.equals(ClusterConnection.IN_CLUSTER_SERVER)) {
                c = defaultConnection;
            }
            if (c == null) {
                throw error("spec.destination.server: no cluster configured for " + server.strip() + known());
            }
            return c;
        }
        if (hasName) {
            ClusterConnection c = byName.get(name.strip());
            if (c == null && name.strip().equals(ClusterConnection.IN_CLUSTER_NAME)) {
                c = defaultConnection;
            }
            if (c == null) {
                throw error("spec.destination.name: no cluster named '" + name.strip() + "'" + known());
            }
            return c;
        }
        throw error("spec.destination: server or name is required");
    }

    /** The default connection ({@code in-cluster}), if one is configured. */
    public Optional<ClusterConnection> defaultConnection() {
        return Optional.ofNullable(defaultConnection);
    }

    /** Every distinct connection, default first. */
    public List<ClusterConnection> connections() {
        List<ClusterConnection> out = new ArrayList<>();
        if (defaultConnection != null) {
            out.add(defaultConnection);
        }
        byName.values().stream().filter(c -> !out.contains(c)).forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        connections().forEach(ClusterConnection::close);
    }

    private String known() {
        List<String> names = new ArrayList<>();
        connections().forEach(c -> names.add(c.name() + " (" + c.server() + ")"));
        if (defaultConnection != null && !byName.containsKey(ClusterConnection.IN_CLUSTER_NAME)) {
            names.add(ClusterConnection.IN_CLUSTER_NAME + " (" + ClusterConnection.IN_CLUSTER_SERVER + ")");
        }
        return names.isEmpty() ? "; no clusters are configured" : "; configured: " + String.join(", ", names);
    }

    private static ClusterException error(String message) {
        return new ClusterException(ClusterException.Reason.CONFIGURATION, "", message);
    }

    /** Collects connections; names and server URLs must be unique. */
    public static final class Builder {
        private ClusterConnection defaultConnection;
        private final Map<String, ClusterConnection> byServer = new LinkedHashMap<>();
        private final Map<String, ClusterConnection> byName = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The connection {@value ClusterConnection#IN_CLUSTER_SERVER} and {@value ClusterConnection#IN_CLUSTER_NAME}
         * resolve to. It is also reachable by its own name and server URL.
         */
        public Builder defaultConnection(ClusterConnection connection) {
            this.defaultConnection = connection;
            return add(connection);
        }

        public Builder add(ClusterConnection connection) {
            String server = ClusterConnection.normalizeServer(connection.server());
            ClusterConnection sameServer = byServer.get(server);
            if (sameServer != null && sameServer != connection) {
                throw error("cluster " + connection.name() + ": server " + connection.server()
                        + " is already configured as cluster " + sameServer.name());
            }
            ClusterConnection sameName = byName.get(connection.name());
            if (sameName != null && sameName != connection) {
                throw error("cluster " + connection.name() + ": name already used for server " + sameName.server());
            }
            byServer.put(server, connection);
            byName.put(connection.name(), connection);
            return this;
        }

        public ClusterRegistry build() {
            return new ClusterRegistry(this);
        }
    }
}
