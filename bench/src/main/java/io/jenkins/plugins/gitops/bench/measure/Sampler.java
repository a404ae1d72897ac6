package io.jenkins.plugins.gitops.bench.measure;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs in-process {@link Scenario}s: {@code warmup} unrecorded iterations (to let the JIT compile the code paths),
 * then {@code iterations} recorded ones. Every iteration, warm-up included, runs {@code before}, the timed action and
 * the check; the heap is measured around the action of recorded iterations (the full GCs this needs are not timed).
 */
public final class Sampler {

    private final int warmup;
    private final int iterations;
    private final Consumer<String> progress;

    /** @param progress receives one line per scenario (and per failure), for the console */
    public Sampler(int warmup, int iterations, Consumer<String> progress) {
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and iterations >= 1, got " + warmup + " and " + iterations);
        }
        this.warmup = warmup;
        this.iterations = iterations;
        this.progress = progress;
    }

    public int warmup() {
        return warmup;
    }

    public int iterations() {
        return iterations;
    }

    /**
     * Measures a scenario.
     *
     * @throws BenchmarkFailure when the action or the check fails (the message names the scenario and iteration)
     */
    public Samples measure(Scenario scenario) {
        progress.accept("  " + scenario.name() + ": " + warmup + " warm-up + " + iterations + " measured iterations");
        for (int i = 0; i < warmup; i++) {
            iterate(scenario, "warm-up " + (i + 1), false, null, null, null);
        }
        List<Long> nanos = new ArrayList<>();
        List<Long> peaks = new ArrayList<>();
        List<Long> retained = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            iterate(scenario, "iteration " + (i + 1), true, nanos, peaks, retained);
        }
        return new Samples(nanos, peaks, retained);
    }

    private static void iterate(Scenario scenario, String label, boolean record, List<Long> nanos, List<Long> peaks,
            List<Long> retained) {
        try {
            scenario.before().run();
            long baseline = record ? HeapProbe.usedAfterGc() : 0;
            HeapProbe.resetPeaks();
            long start = System.nanoTime();
            Object result = scenario.action().call();
            long elapsed = System.nanoTime() - start;
            if (record) {
                peaks.add(HeapProbe.peakSinceReset());
                retained.add(Math.max(0, HeapProbe.usedAfterGc() - baseline));
                nanos.add(elapsed);
            }
            Reference.reachabilityFence(result);
            scenario.check().verify(result);
        } catch (BenchmarkFailure e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkFailure(scenario.name() + ", " + label + ": " + e, e);
        }
    }
}
