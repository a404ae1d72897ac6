package io.jenkins.plugins.gitops.engine.testing;

import io.jenkins.plugins.gitops.engine.sync.run.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that only moves when the operation sleeps, so waiting, timeouts and backoff are tested without real time.
 * Each sleep advances the clock by the requested duration and then runs the registered actions: typically
 * {@link FakeControllers#reconcile()} (the cluster moves on while the engine sleeps) or, at the n-th sleep, a
 * termination.
 */
public final class FakeTime extends Clock implements Sleeper {

    public static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    private volatile Instant now = START;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<Runnable> everySleep = new CopyOnWriteArrayList<>();
    private final Map<Integer, Runnable> atSleep = new ConcurrentHashMap<>();

    public FakeTime onEverySleep(Runnable action) {
        everySleep.add(action);
        return this;
    }

    /** Runs {@code action} after the {@code n}-th sleep (1 for the first). */
    public FakeTime onSleep(int n, Runnable action) {
        atSleep.put(n, action);
        return this;
    }

    public List<Duration> sleeps() {
        return new ArrayList<>(sleeps);
    }

    public Duration elapsed() {
        return Duration.between(START, now);
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
        everySleep.forEach(Runnable::run);
        Runnable action = atSleep.get(sleeps.size());
        if (action != null) {
            action.run();
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
