package io.jenkins.plugins.gitops.engine.reconcile.drift;

import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.diff.FieldDifference;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.reconcile.DriftEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a refresh into drift events for one application. Drift is the cluster moving away from Git while Git stayed
 * put: events are produced only when the revision just compared is the revision of the last successful sync (a new
 * commit makes resources OutOfSync too, but that is a deployment waiting to happen, not drift).
 *
 * <p>Then every OutOfSync resource that counts for the application's status gives one event:
 * <ul>
 *   <li>a changed resource: its differing field paths, and who changed them ({@link DriftAttribution}): the managers
 *       that own the drifted fields, most recent first, comma-separated, and the operation of the most recent one;
 *       {@code unknown} when no field has a recorded manager;</li>
 *   <li>a resource missing from the cluster was deleted behind our back (the last sync of this very revision
 *       applied it): fields {@code ["(deleted)"]}, changed by {@code unknown} (deletions leave no managedFields);</li>
 *   <li>a resource that requires pruning is not drift (it is extraneous: tracked, but no longer in Git).</li>
 * </ul>
 * Events come in resource key order and carry the clock's now. Thread-safe.
 */
public final class DriftDetector {

    /** Automation repairs the drift (self-heal). */
    public static final String REVERTED = "reverted";
    /** Drift is only reported (selfHeal is off). */
    public static final String REPORTED = "reported";
    /** A person paused self-heal; drift is reported, not reverted. */
    public static final String PAUSED = "paused";
    /** The field list of an event for a resource deleted from the cluster. */
    public static final String DELETED = "(deleted)";
    /** {@code changedBy} when the API server recorded no manager for any drifted field. */
    public static final String UNKNOWN = "unknown";

    private static final Set<String> ACTIONS = Set.of(REVERTED, REPORTED, PAUSED);

    private final String app;
    private final Clock clock;
    private final DriftAttribution attribution;

    /** A detector that treats {@code gitops-sync} as our field manager. */
    public DriftDetector(String app, Clock clock) {
        this(app, clock, new DriftAttribution());
    }

    public DriftDetector(String app, Clock clock, DriftAttribution attribution) {
        this.app = Objects.requireNonNull(app, "app");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.attribution = Objects.requireNonNull(attribution, "attribution");
    }

    /**
     * @param lastSyncedRevision revision of the last successful sync; null or empty when never synced (no drift then)
     * @param currentRevision    revision Git resolved to for this refresh
     * @param refresh            the comparison of this refresh
     * @param live               live objects tracked by the application, by key (with their managedFields)
     * @param action             what automation does about it: {@link #REVERTED}, {@link #REPORTED} or {@link #PAUSED}
     * @return one event per drifted resource, in key order; empty when Git moved or nothing drifted
     * @throws IllegalArgumentException for an unknown action, naming the application
     */
    public List<DriftEvent> detect(String lastSyncedRevision, String currentRevision, DiffResult refresh,
            Map<ResourceKey, KubeObject> live, String action) {
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(live, "live");
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("drift action of application " + app + " must be one of "
                    + String.join(", ", ACTIONS.stream().sorted().toList()) + ", not '" + action + "'");
        }
        if (lastSyncedRevision == null || lastSyncedRevision.isEmpty()
                || !lastSyncedRevision.equals(currentRevision)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<DriftEvent> events = new ArrayList<>();
        for (ResourceDiff r : refresh.outOfSync()) {
            if (r.requiresPruning() || !r.affectsAppSync()) {
                continue;
            }
            events.add(r.missing()
                    ? new DriftEvent(now, r.key(), List.of(DELETED), UNKNOWN, "", action)
                    : changed(now, r, live.get(r.key()), action));
        }
        return List.copyOf(events);
    }

    private DriftEvent changed(Instant now, ResourceDiff r, KubeObject liveObject, String action) {
        List<String> paths = r.differences().stream().map(FieldDifference::path).distinct().toList();
        List<FieldOwner> owners = attribution.attribute(liveObject, paths);
        // Each manager once, at its most recent write; the most recent manager first.
        Map<String, FieldOwner> latest = new LinkedHashMap<>();
        for (FieldOwner o : owners) {
            if (o.kind() == FieldOwner.Kind.MANAGER) {
                latest.merge(o.manager(), o, (a, b) -> newer(b, a) ? b : a);
            }
        }
        List<FieldOwner> byRecency = latest.values().stream()
                .sorted(Comparator.comparing(FieldOwner::time, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        String changedBy = byRecency.isEmpty() ? UNKNOWN
                : String.join(", ", byRecency.stream().map(FieldOwner::manager).toList());
        String operation = byRecency.isEmpty() ? "" : byRecency.get(0).operation();
        return new DriftEvent(now, r.key(), paths, changedBy, operation, action);
    }

    private static boolean newer(FieldOwner a, FieldOwner b) {
        return a.time() != null && (b.time() == null || a.time().isAfter(b.time()));
    }
}
