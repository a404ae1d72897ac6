package io.jenkins.plugins.gitops.engine.project;

import io.jenkins.plugins.gitops.engine.model.AppProject.SyncWindow;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Destination;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One sync window of a project with its schedule, duration and time zone parsed. Invariant: the window is active at
 * an instant t exactly when some occurrence s of its schedule (a local time in its zone) satisfies
 * {@code s <= t < s + duration}; the latest occurrence at or before t decides, since all occurrences last equally long.
 */
public final class ScheduledWindow {

    private final SyncWindow window;
    private final int index;
    private final CronSchedule schedule;
    private final Duration duration;
    private final ZoneId zone;

    ScheduledWindow(SyncWindow window, int index, CronSchedule schedule, Duration duration, ZoneId zone) {
        this.window = window;
        this.index = index;
        this.schedule = schedule;
        this.duration = duration;
        this.zone = zone;
    }

    public SyncWindow window() {
        return window;
    }

    /** Position in the project's {@code spec.syncWindows}. */
    public int index() {
        return index;
    }

    public boolean isDeny() {
        return "deny".equals(window.kind());
    }

    public boolean isAllow() {
        return "allow".equals(window.kind());
    }

    public boolean manualSync() {
        return window.manualSync();
    }

    /**
     * Whether the window applies to an application: an applications glob matches its name, a clusters glob its
     * destination server or name, or a namespaces glob its destination namespace (Argo CD's {@code Matches}).
     */
    public boolean appliesTo(Application app) {
        Destination d = app.destination();
        return anyMatch(window.applications(), app.name())
                || window.clusters().stream().anyMatch(c -> (!d.name().isEmpty() && Glob.matches(c, d.name()))
                        || (!d.server().isEmpty() && Glob.matches(c, d.server())))
                || anyMatch(window.namespaces(), d.namespace());
    }

    private static boolean anyMatch(List<String> patterns, String value) {
        return patterns.stream().anyMatch(p -> Glob.matches(p, value));
    }

    /** The start of the occurrence that makes the window active at {@code now}, if it is active. */
    public Optional<Instant> activeSince(Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        return schedule.previousOrSame(local)
                .map(s -> s.atZone(zone).toInstant())
                .filter(start -> !start.isAfter(now) && now.isBefore(start.plus(duration)));
    }

    public boolean isActive(Instant now) {
        return activeSince(now).isPresent();
    }

    /** When the current occurrence ends, if the window is active at {@code now}. */
    public Optional<Instant> activeUntil(Instant now) {
        return activeSince(now).map(s -> s.plus(duration));
    }

    /** The next time the window opens strictly after {@code after}. */
    public Optional<Instant> nextStart(Instant after) {
        return schedule.next(LocalDateTime.ofInstant(after, zone)).map(s -> s.atZone(zone).toInstant())
                .filter(s -> s.isAfter(after));
    }

    /** {@code deny window 'syncWindows[1]: 0 22 * * * for 8h (Europe/Berlin)'}. */
    public String describe() {
        return window.kind() + " window syncWindows[" + index + "] '" + window.schedule() + "' for "
                + window.duration() + " (" + zone.getId() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
