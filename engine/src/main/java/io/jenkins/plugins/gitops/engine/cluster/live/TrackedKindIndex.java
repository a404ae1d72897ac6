package io.jenkins.plugins.gitops.engine.cluster.live;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery;
import io.jenkins.plugins.gitops.engine.cluster.ApiResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What {@link TrackedKindScan#kindsByApp} finds - for every application, the kinds holding top-level objects it
 * tracks, Git or not - kept current by watches instead of scanned again: one {@link MetadataWatch} per served kind
 * (minus {@link ResourceExclusions}), each listed once, metadata only, then watched from that listing's
 * resourceVersion. A controller asks on every refresh; the answer comes from memory, so a cluster where nothing
 * changes costs open watches and no lists, and an object of a new kind shows up as soon as the server reports it
 * (not at the next periodic scan). Kinds the server starts or stops serving (a CRD installed or removed) are noticed
 * through discovery, which a hard refresh renews. A kind whose listing fails (forbidden, say) is skipped with one
 * warning and listed again later (1 s, doubling, at most every 5 minutes) until it works.
 */
public final class TrackedKindIndex implements AutoCloseable {

    /** How long a question waits for the first listing of a kind, as the scan waited for its lists. */
    static final long FIRST_LISTING_SECONDS = 60;

    private final KubernetesClient client;
    private final ApiDiscovery discovery;
    private final ResourceTracking tracking;
    private final EngineLog log;
    private final ScheduledExecutorService retries;
    private final Map<String, MetadataWatch> watches = new HashMap<>();
    private boolean closed;

    public TrackedKindIndex(KubernetesClient client, ApiDiscovery discovery, TrackingMethod method, EngineLog log) {
        this.client = client;
        this.discovery = discovery;
        this.tracking = ResourceTracking.of(method);
        this.log = log == null ? EngineLog.NONE : log;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gitops-tracked-kinds");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Kinds (at the group's preferred version) with at least one top-level object {@code app} tracks. The first
     * question starts the watches and waits for their first listings; a kind that could not be listed is left out.
     */
    public Set<GroupVersionKind> kindsTrackedBy(String app) {
        List<MetadataWatch> current = served();
        Set<GroupVersionKind> out = new TreeSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRST_LISTING_SECONDS);
        for (MetadataWatch w : current) {
            if (!w.listed()) {
                try {
                    w.firstListing().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return out;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    continue; // still listing: left out this time, like a kind whose listing failed
                }
            }
            if (w.listed() && w.tracks(app)) {
                out.add(w.groupVersionKind());
            }
        }
        return out;
    }

    /** Lists made so far over all kinds (first listings included); none while watches run undisturbed. */
    public int lists() {
        synchronized (this) {
            return watches.values().stream().mapToInt(MetadataWatch::lists).sum();
        }
    }

    /** Kinds watched now, sorted. */
    public synchronized Set<GroupVersionKind> watchedKinds() {
        Set<GroupVersionKind> out = new TreeSet<>();
        watches.values().forEach(w -> out.add(w.groupVersionKind()));
        return out;
    }

    /** The watches of the kinds the server serves now (discovery, cached): new kinds started, gone kinds stopped. */
    private synchronized List<MetadataWatch> served() {
        if (closed) {
            throw new IllegalStateException("tracked-kind index of " + client.getMasterUrl() + " is closed");
        }
        Map<String, ApiResource> kinds = new HashMap<>();
        for (ApiResource r : discovery.serverResources()) {
            if (r.watchable() && !ResourceExclusions.excluded(r.group(), r.kind())) {
                kinds.putIfAbsent(id(r), r);
            }
        }
        watches.entrySet().removeIf(e -> {
            if (!kinds.containsKey(e.getKey())) {
                e.getValue().stop();
                return true;
            }
            return false;
        });
        kinds.forEach((id, kind) -> watches.computeIfAbsent(id, i -> {
            MetadataWatch w = new MetadataWatch(client, kind, tracking, retries, log);
            w.start();
            return w;
        }));
        return List.copyOf(watches.values());
    }

    private static String id(ApiResource r) {
        return r.group() + "/" + r.version() + "/" + r.kind() + "/" + r.plural();
    }

    /** The watch of one kind, for tests. */
    synchronized java.util.Optional<MetadataWatch> watchOf(String group, String kind) {
        return watches.values().stream().filter(w -> w.kind().group().equals(group) && w.kind().kind().equals(kind))
                .findFirst();
    }

    @Override
    public synchronized void close() {
        closed = true;
        watches.values().forEach(MetadataWatch::stop);
        watches.clear();
        retries.shutdownNow();
    }
}
