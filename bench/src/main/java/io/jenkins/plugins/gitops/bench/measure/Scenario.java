package io.jenkins.plugins.gitops.bench.measure;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One in-process piece of work to measure. Only {@code action} is timed; {@code before} prepares each iteration (for
 * example deletes a cache so the iteration is cold) and {@code check} inspects each result so a benchmark that
 * silently did less work than it claims fails loudly instead of reporting a flattering number.
 *
 * @param name what is measured, for progress output
 * @param before untimed preparation of every iteration
 * @param action the timed work; its result stays reachable until the retained heap is measured
 * @param check untimed validation of every result; throws when the result is wrong
 */
public record Scenario(String name, Step before, Callable<?> action, Check check) {

    /** Untimed preparation. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** Untimed validation of a result. */
    @FunctionalInterface
    public interface Check {
        void verify(Object result) throws Exception;
    }

    public Scenario {
        Objects.requireNonNull(name, "name");
        before = before == null ? () -> { } : before;
        Objects.requireNonNull(action, "action");
        check = check == null ? r -> { } : check;
    }

    /** A scenario that times {@code action} with no preparation and no check. */
    public static Scenario timed(String name, Callable<?> action) {
        return new Scenario(name, null, action, null);
    }

    public Scenario withBefore(Step step) {
        return new Scenario(name, step, action, check);
    }

    public Scenario withCheck(Check newCheck) {
        return new Scenario(name, before, action, newCheck);
    }
}
