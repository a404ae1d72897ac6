package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveState;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveStateCache;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveStateLister;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackedKindIndex;
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
     * Whether {@link #open} starts reading at once (a listing) and {@link #widen} keeps what was read: then a
     * comparison opens what Git declares before the scan for tracked kinds ends. False for a watching cache, whose
     * interest in kinds should not change twice per comparison.
     */
    default boolean readsAhead() {
        return false;
    }

    /**
     * {@code opened} (what {@link #open} gave for some of the kinds) widened to {@code kinds}: a comparison opens the
     * kinds Git declares as soon as it has rendered, while the scan for tracked kinds may still run, and widens to
     * what the scan found. By default opened again.
     */
    default LiveState widen(LiveState opened, ClusterConnection connection, Collection<GroupVersionKind> kinds,
            String app) {
        return open(connection, kinds, app);
    }

    /**
     * Every kind holding an object {@code app} tracks, whether or not Git declares the kind, so that such objects are
     * reported and pruned (see {@link TrackedKindScan}). Scans the cluster on each call.
     */
    default Set<GroupVersionKind> trackedKinds(ClusterConnection connection, String app, TrackingMethod method,
            EngineLog log) {
        return trackedKinds(connection, app, method, log, Set::of);
    }

    /**
     * As {@link #trackedKinds(ClusterConnection, String, TrackingMethod, EngineLog)}; the scan leaves out the kinds
     * {@code listedAnyway} names (asked once discovery has answered): kinds the comparison lists in full, whose
     * listing shows their tracked objects. The result then says nothing about those kinds.
     */
    default Set<GroupVersionKind> trackedKinds(ClusterConnection connection, String app, TrackingMethod method,
            EngineLog log, java.util.function.Supplier<Set<GroupVersionKind>> listedAnyway) {
        return new TrackedKindScan(connection.client(), connection.discovery(), log).kindsTrackedBy(app, method,
                listedAnyway);
    }

    @Override
    default void close() {}

    /**
     * Lists every kind afresh on each call: all kinds and child kinds at once, as plain JSON, the served kinds named by
     * the connection's discovery ({@link LiveStateLister#prefetch()}).
     */
    static LiveStateSource listing(EngineLog log) {
        return new LiveStateSource() {
            @Override
            public LiveState open(ClusterConnection connection, Collection<GroupVersionKind> kinds, String app) {
                return new LiveStateLister(connection.client(), log, kinds, LiveStateCache.DEFAULT_CHILD_KINDS,
                        k -> connection.discovery().find(k.apiVersion(), k.kind())).prefetch();
            }

            @Override
            public boolean readsAhead() {
                return true;
            }

            /** The listings already under way are kept: only the kinds added are listed. */
            @Override
            public LiveState widen(LiveState opened, ClusterConnection connection,
                    Collection<GroupVersionKind> kinds, String app) {
                return opened instanceof LiveStateLister lister ? lister.widened(kinds).prefetch()
                        : open(connection, kinds, app);
            }
        };
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
        /** One tracked-kind index per cluster and tracking method, created by the first refresh that asks. */
        private final Map<String, TrackedKindIndex> indexes = new ConcurrentHashMap<>();

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
         * As the default, answered from one {@link TrackedKindIndex} per cluster (and tracking method) shared by every
         * application: one metadata-only listing per served kind when the first application asks, then watches that
         * keep it current, so a refresh costs no API request and a cluster where nothing changes sees no list.
         */
        @Override
        public Set<GroupVersionKind> trackedKinds(ClusterConnection connection, String app, TrackingMethod method,
                EngineLog scanLog) {
            TrackedKindIndex index = indexes.computeIfAbsent(connection.server() + " " + method,
                    k -> new TrackedKindIndex(connection.client(), connection.discovery(), method, log));
            return index.kindsTrackedBy(app);
        }

        /** The index knows every kind already: nothing to leave out. */
        @Override
        public Set<GroupVersionKind> trackedKinds(ClusterConnection connection, String app, TrackingMethod method,
                EngineLog scanLog, java.util.function.Supplier<Set<GroupVersionKind>> listedAnyway) {
            return trackedKinds(connection, app, method, scanLog);
        }

        /** The tracked-kind index of a cluster, once a refresh asked for it (tests, benchmarks). */
        public java.util.Optional<TrackedKindIndex> trackedKindIndex(ClusterConnection connection,
                TrackingMethod method) {
            return java.util.Optional.ofNullable(indexes.get(connection.server() + " " + method));
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
            indexes.values().forEach(TrackedKindIndex::close);
            indexes.clear();
        }
    }
}
