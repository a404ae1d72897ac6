package io.jenkins.plugins.gitops.engine.project;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.AppProject.SyncWindow;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.DurationParser;
import io.jenkins.plugins.gitops.engine.model.FieldError;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sync windows of one project, evaluated with Argo CD's rules ({@code SyncWindows.CanSync}) for the windows that
 * apply to an application:
 * <ol>
 *   <li>no window applies: sync allowed;
 *   <li>a deny window is active: blocked, unless the sync is manual and every active deny window has
 *       {@code manualSync: true};
 *   <li>an allow window is active: allowed;
 *   <li>allow windows apply but none is active: blocked, unless the sync is manual and one of them has
 *       {@code manualSync: true};
 *   <li>otherwise allowed.
 * </ol>
 * A blocked decision also says when the block ends: the state can only change when a window opens or closes, so the
 * evaluation steps from one such instant to the next (for at most a year).
 */
public final class SyncWindows {

    private static final Duration HORIZON = Duration.ofDays(366);
    private static final int MAX_STEPS = 50_000;

    private final String project;
    private final List<ScheduledWindow> windows;

    private SyncWindows(String project, List<ScheduledWindow> windows) {
        this.project = project;
        this.windows = List.copyOf(windows);
    }

    /**
     * Parses a project's windows.
     *
     * @throws ValidationException naming the project file and the field ({@code spec.syncWindows[0].schedule}) of
     *     every invalid schedule, duration or time zone
     */
    public static SyncWindows of(AppProject project) {
        List<FieldError> errors = new ArrayList<>();
        List<ScheduledWindow> out = new ArrayList<>();
        for (int i = 0; i < project.syncWindows().size(); i++) {
            SyncWindow w = project.syncWindows().get(i);
            String at = "spec.syncWindows[" + i + "].";
            CronSchedule schedule = null;
            Duration duration = null;
            ZoneId zone = null;
            try {
                schedule = CronSchedule.parse(w.schedule());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at + "schedule", e.getMessage()));
            }
            try {
                duration = DurationParser.parse(w.duration());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at + "duration", e.getMessage()));
            }
            try {
                zone = ZoneId.of(w.timeZone() == null || w.timeZone().isEmpty() ? "UTC" : w.timeZone());
            } catch (DateTimeException e) {
                errors.add(new FieldError(at + "timeZone", "unknown time zone '" + w.timeZone() + "'"));
            }
            if (!"allow".equals(w.kind()) && !"deny".equals(w.kind())) {
                errors.add(new FieldError(at + "kind", "must be allow or deny, not '" + w.kind() + "'"));
            }
            if (schedule != null && duration != null && zone != null) {
                out.add(new ScheduledWindow(w, i, schedule, duration, zone));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(project.file(), errors);
        }
        return new SyncWindows(project.name(), out);
    }

    public List<ScheduledWindow> windows() {
        return windows;
    }

    /** The windows that apply to an application (by name, destination cluster or namespace). */
    public List<ScheduledWindow> matching(Application app) {
        return windows.stream().filter(w -> w.appliesTo(app)).toList();
    }

    /** Whether the application may sync now ({@code clock.instant()}); {@code manual} for a user-triggered sync. */
    public SyncDecision canSync(Application app, boolean manual, Clock clock) {
        List<ScheduledWindow> applicable = matching(app);
        Instant now = clock.instant();
        Verdict v = evaluate(applicable, manual, now);
        if (v.blocking.isEmpty()) {
            return SyncDecision.allow(v.reason(app.name()));
        }
        Optional<Instant> until = blockEnd(applicable, manual, now);
        String reason = v.reason(app.name()) + until.map(t -> "; sync possible from " + t)
                .orElse("; the block does not end within a year");
        return new SyncDecision(false, v.blocking, until, reason);
    }

    /** The first instant after {@code now} at which the evaluation allows a sync. */
    private Optional<Instant> blockEnd(List<ScheduledWindow> applicable, boolean manual, Instant now) {
        Instant limit = now.plus(HORIZON);
        Instant t = now;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<Instant> next = nextChange(applicable, t);
            if (next.isEmpty() || next.get().isAfter(limit)) {
                return Optional.empty();
            }
            t = next.get();
            if (evaluate(applicable, manual, t).blocking.isEmpty()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The next instant strictly after t at which a window opens or an active one closes. */
    private static Optional<Instant> nextChange(List<ScheduledWindow> applicable, Instant t) {
        Instant best = null;
        for (ScheduledWindow w : applicable) {
            for (Optional<Instant> c : List.of(w.nextStart(t), w.activeUntil(t))) {
                if (c.isPresent() && c.get().isAfter(t) && (best == null || c.get().isBefore(best))) {
                    best = c.get();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private record Verdict(List<ScheduledWindow> blocking, String why) {
        String reason(String app) {
            return why.replace("{app}", "'" + app + "'");
        }
    }

    private Verdict evaluate(List<ScheduledWindow> applicable, boolean manual, Instant now) {
        if (applicable.isEmpty()) {
            return new Verdict(List.of(), "no sync window of project '" + project + "' applies to application {app}");
        }
        List<ScheduledWindow> activeDeny = applicable.stream().filter(w -> w.isDeny() && w.isActive(now)).toList();
        if (!activeDeny.isEmpty()) {
            if (manual && activeDeny.stream().allMatch(ScheduledWindow::manualSync)) {
                return new Verdict(List.of(), "manual sync of application {app} is permitted by " + list(activeDeny));
            }
            List<ScheduledWindow> blocking = manual
                    ? activeDeny.stream().filter(w -> !w.manualSync()).toList() : activeDeny;
            return new Verdict(blocking, (manual ? "manual" : "automatic") + " sync of application {app} is blocked"
                    + " by active " + list(blocking) + " of project '" + project + "'");
        }
        if (applicable.stream().anyMatch(w -> w.isAllow() && w.isActive(now))) {
            return new Verdict(List.of(), "an allow window of project '" + project + "' is active for {app}");
        }
        List<ScheduledWindow> inactiveAllows = applicable.stream().filter(ScheduledWindow::isAllow).toList();
        if (inactiveAllows.isEmpty()) {
            return new Verdict(List.of(), "no sync window of project '" + project + "' is active for {app}");
        }
        if (manual && inactiveAllows.stream().anyMatch(ScheduledWindow::manualSync)) {
            return new Verdict(List.of(), "manual sync of application {app} is permitted outside "
                    + list(inactiveAllows));
        }
        return new Verdict(inactiveAllows, (manual ? "manual" : "automatic") + " sync of application {app} is "
                + "blocked: none of its allow windows is active (" + list(inactiveAllows) + " of project '" + project
                + "')");
    }

    private static String list(List<ScheduledWindow> windows) {
        return windows.stream().map(ScheduledWindow::describe).collect(Collectors.joining(", "));
    }
}
