package io.jenkins.plugins.gitops.engine.imageupdate;

import io.jenkins.plugins.gitops.engine.model.Application;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The image updater on its own interval (default 2 minutes, as Image Updater's {@code --interval}), next to the
 * controller: {@link #tick} runs a cycle when one is due, {@link #run} on demand (button, step, command). Keeps the
 * last result per application for the page. One cycle at a time. After a real change, {@code onChange} is told the
 * application's name (the plugin refreshes it, or re-registers it with its overrides for {@code argocd}).
 */
public final class ImageUpdateLoop {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(2);

    private final java.util.function.Supplier<ImageUpdater> updater;
    private final java.util.function.Supplier<Duration> interval;
    private final Clock clock;
    private final Consumer<AppUpdateResult> onChange;
    private final Map<String, AppUpdateResult> last = new ConcurrentHashMap<>();
    private volatile Instant lastCycle;

    /** @param updater the updater for the next cycle (asked each cycle, so changed settings apply) */
    public ImageUpdateLoop(java.util.function.Supplier<ImageUpdater> updater, Duration interval, Clock clock, Consumer<AppUpdateResult> onChange) {
        this(updater, () -> interval, clock, onChange);
    }

    /** @param interval asked at every {@link #tick}, so a changed setting applies from the next tick */
    public ImageUpdateLoop(java.util.function.Supplier<ImageUpdater> updater, java.util.function.Supplier<Duration> interval,
            Clock clock, Consumer<AppUpdateResult> onChange) {
        this.updater = updater;
        this.interval = interval;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.onChange = onChange == null ? r -> { } : onChange;
    }

    /** Runs a cycle over {@code apps} if the interval has passed since the last one; returns its results. */
    public List<AppUpdateResult> tick(Collection<Application> apps) {
        Instant now = clock.instant();
        Instant previous = lastCycle;
        if (previous != null && now.isBefore(previous.plus(interval.get()))) {
            return List.of();
        }
        return run(apps, false);
    }

    /** Runs a cycle now. Dry runs are not remembered as the last check. */
    public synchronized List<AppUpdateResult> run(Collection<Application> apps, boolean dryRun) {
        List<AppUpdateResult> results = updater.get().run(apps, dryRun);
        if (!dryRun) {
            lastCycle = clock.instant();
            for (AppUpdateResult r : results) {
                last.put(r.app(), r);
                if (r.changed()) {
                    onChange.accept(r);
                }
            }
        }
        return results;
    }

    public Optional<AppUpdateResult> last(String app) {
        return Optional.ofNullable(last.get(app));
    }

    public Optional<Instant> lastCycle() {
        return Optional.ofNullable(lastCycle);
    }

    public Duration interval() {
        return interval.get();
    }
}
