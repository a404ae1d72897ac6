package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveState;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCache;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveStateLister;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackedKindScan;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod;
import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where live state comes from: a one-shot listing for the CLI's single commands, or one watch-backed cache per
 * cluster for the controller, where repeated comparisons cost no API round trips and a change to a tracked object
 * is seen within a second.
 */
public interface LiveStateSource extends AutoCloseable {

    /** Live state of {@code kinds} on the connection's cluster, on behalf of application {@code app}. */
    LiveState open(ClusterConnection connection, Collection<GroupVersionKind> kinds, String app);

    /**
     * Every kind holding an object {@code app} tracks, whether or not Git declares the kind, so that such objects are
     * reported and pruned (see {@link TrackedKindScan}). Scans the cluster on each call.
     */
    default Set<GroupVersionKind> trackedKinds(ClusterConnection connection, String app, TrackingMethod method,
            EngineLog log) {
        return new TrackedKindScan(connection.client(), connection.discovery(), log).kindsTrackedBy(app, method);
    }

    @Override
    default void close() {}

    /**
     * Lists every kind afresh on each call: all kinds and child kinds at once, as plain JSON, the served kinds named by
     * the connection's discovery ({@link LiveStateLister#prefetch()}).
     */
    static LiveStateSource listing(EngineLog log) {
        return (connection, kinds, app) -> new LiveStateLister(connection.client(), log, kinds,
                LiveStateCache.DEFAULT_CHILD_KINDS,
                k -> connection.discovery().find(k.apiVersion(), k.kind())).prefetch();
    }

    /** One informer-backed {@link LiveStateCache} per cluster; each app's kinds are registered as its interest. */
    static Watching watching(EngineLog log) {
        return new Watching(log, cache -> { });
    }

    /** As {@link #watching(EngineLog)}, calling {@code onNewCache} for each cache it creates (to add listeners). */
    static Watching watching(EngineLog log, java.util.function.Consumer<LiveStateCache> onNewCache) {
        return new Watching(log, onNewCache);
    }

    /** The watching source; {@link #cacheFor} gives the controller access to change notifications. */
    final class Watching implements LiveStateSource {
        private final EngineLog log;
        private final java.util.function.Consumer<LiveStateCache> onNewCache;
        private final Map<String, LiveStateCache> caches = new ConcurrentHashMap<>();
        private final Map<String, Scanned> scans = new ConcurrentHashMap<>();

        /** The last scan of one cluster (and tracking method): every application's tracked kinds. */
        private record Scanned(java.time.Instant at, Map<String, Set<GroupVersionKind>> byApp) {}

        /**
         * How long a cluster's scan for tracked kinds is reused; the kinds found stay watched in between. One scan
         * serves every application of the cluster, so N applications cost one metadata pass over the served kinds
         * per period, not N.
         */
        static final java.time.Duration RESCAN_AFTER = java.time.Duration.ofMinutes(3);

        Watching(EngineLog log, java.util.function.Consumer<LiveStateCache> onNewCache) {
            this.log = log;
            this.onNewCache = onNewCache;
        }

        public LiveStateCache cacheFor(ClusterConnection connection) {
            return caches.computeIfAbsent(connection.server(), s -> {
                LiveStateCache cache = new LiveStateCache(connection.client(), log);
                onNewCache.accept(cache);
                return cache;
            });
        }

        /** Drops an application's interest in every cluster (its informers stop when nobody else needs them). */
        public void forget(String app) {
            caches.values().forEach(c -> c.unregisterAll(app));
        }

        /**
         * As the default, from one scan of the whole cluster ({@link TrackedKindScan#kindsByApp}) shared by every
         * application and repeated at most every {@link #RESCAN_AFTER}; concurrent refreshes wait for one scan.
         */
        @Override
        public Set<GroupVersionKind> trackedKinds(ClusterConnection connection, String app, TrackingMethod method,
                EngineLog scanLog) {
            String key = connection.server() + " " + method;
            Scanned last = scans.get(key);
            if (last == null || !last.at().plus(RESCAN_AFTER).isAfter(java.time.Instant.now())) {
                synchronized (scanLock(key)) {
                    last = scans.get(key);
                    if (last == null || !last.at().plus(RESCAN_AFTER).isAfter(java.time.Instant.now())) {
                        java.time.Instant at = java.time.Instant.now();
                        last = new Scanned(at, new TrackedKindScan(connection.client(), connection.discovery(),
                                scanLog).kindsByApp(method));
                        scans.put(key, last);
                    }
                }
            }
            return new java.util.TreeSet<>(last.byApp().getOrDefault(app, Set.of()));
        }

        private final Map<String, Object> scanLocks = new ConcurrentHashMap<>();

        private Object scanLock(String key) {
            return scanLocks.computeIfAbsent(key, k -> new Object());
        }

        @Override
        public LiveState open(ClusterConnection connection, Collection<GroupVersionKind> kinds, String app) {
            LiveStateCache cache = cacheFor(connection);
            cache.setInterest(app, kinds);
            try {
                cache.awaitSynced(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return cache;
        }

        @Override
        public void close() {
            caches.values().forEach(LiveStateCache::close);
            caches.clear();
        }
    }
}
