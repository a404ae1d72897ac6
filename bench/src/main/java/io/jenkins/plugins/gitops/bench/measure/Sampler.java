package io.jenkins.plugins.gitops.bench.measure;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs in-process {@link Scenario}s: unrecorded warm-up iterations (to let the JIT compile the code paths), at least
 * {@code warmup} of them and more until {@code warmupTime} has passed (at most {@value #MAX_WARMUP} in all), then
 * {@code iterations} recorded ones. Time-based warm-up matters for short actions: a 100 ms comparison is still being
 * compiled after two iterations, and a scenario measured earlier would otherwise look slower than one measured later.
 * Every iteration runs {@code before}, the action and the check. Timed iterations run back to back without forced
 * GCs; the heap is measured in {@value #HEAP_PROBES} extra probe iterations afterwards, each with full GCs before and
 * after the action (a full GC shrinks the young generation, which slows the next action down, so probes are not
 * timed).
 */
public final class Sampler {

    /** Extra iterations after the measured ones that measure the heap (full GCs around the action disturb timing). */
    static final int HEAP_PROBES = 2;

    /** Upper bound of warm-up iterations, whatever the warm-up time. */
    static final int MAX_WARMUP = 200;

    private final int warmup;
    private final long warmupNanos;
    private final int iterations;
    private final Consumer<String> progress;

    /** @param progress receives one line per scenario (and per failure), for the console */
    public Sampler(int warmup, Duration warmupTime, int iterations, Consumer<String> progress) {
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and iterations >= 1, got " + warmup + " and " + iterations);
        }
        this.warmup = warmup;
        this.warmupNanos = warmupTime.toNanos();
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
        long warmupStart = System.nanoTime();
        int warmed = 0;
        while (warmed < MAX_WARMUP && (warmed < warmup || System.nanoTime() - warmupStart < warmupNanos)) {
            iterate(scenario, "warm-up " + (++warmed), null);
        }
        progress.accept("  " + scenario.name() + ": " + warmed + " warm-up + " + iterations + " measured + "
                + HEAP_PROBES + " heap-probe iterations");
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            nanos.add(iterate(scenario, "iteration " + (i + 1), null));
        }
        List<Long> peaks = new ArrayList<>();
        List<Long> retained = new ArrayList<>();
        List<Long> baselines = new ArrayList<>();
        for (int i = 0; i < HEAP_PROBES; i++) {
            HeapFigures heap = new HeapFigures();
            iterate(scenario, "heap probe " + (i + 1), heap);
            peaks.add(heap.peak);
            retained.add(heap.retained);
            baselines.add(heap.baseline);
        }
        return new Samples(nanos, peaks, retained, baselines);
    }

    /** Heap figures of one probe iteration, relative to its baseline. */
    private static final class HeapFigures {
        long baseline;
        long peak;
        long retained;
    }

    /**
     * One iteration; returns the action's wall time. With {@code heap} the iteration is a heap probe: full GCs before
     * and after the action measure baseline, peak and retained heap (its time is not used, GC shifts it).
     */
    private static long iterate(Scenario scenario, String label, HeapFigures heap) {
        try {
            scenario.before().run();
            if (heap != null) {
                heap.baseline = HeapProbe.usedAfterGc();
                HeapProbe.resetPeaks();
            }
            long start = System.nanoTime();
            Object result = scenario.action().call();
            long elapsed = System.nanoTime() - start;
            if (heap != null) {
                long peak = Math.max(0, HeapProbe.peakSinceReset() - heap.baseline);
                heap.retained = Math.max(0, HeapProbe.usedAfterGc() - heap.baseline);
                heap.peak = Math.max(peak, heap.retained); // pool peaks are region-granular; what is kept was allocated
            }
            Reference.reachabilityFence(result);
            scenario.check().verify(result);
            return elapsed;
        } catch (BenchmarkFailure e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkFailure(scenario.name() + ", " + label + ": " + e, e);
        }
    }
}
