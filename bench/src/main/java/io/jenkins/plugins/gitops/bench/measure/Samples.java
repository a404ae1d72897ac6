package io.jenkins.plugins.gitops.bench.measure;

import java.util.List;

/**
 * Measured iterations of an in-process {@link Scenario}, warm-up excluded: times from the timed iterations, heap
 * figures from the heap-probe iterations.
 *
 * @param nanos wall time of each timed iteration
 * @param peakHeapBytes peak heap of each iteration (see {@link HeapProbe#peakSinceReset()}) above its baseline
 * @param retainedHeapBytes heap still reachable after each iteration because of its result, above its baseline
 * @param baselineHeapBytes used heap after a full GC just before each iteration's action
 */
public record Samples(List<Long> nanos, List<Long> peakHeapBytes, List<Long> retainedHeapBytes,
        List<Long> baselineHeapBytes) {

    public Samples {
        nanos = List.copyOf(nanos);
        peakHeapBytes = List.copyOf(peakHeapBytes);
        retainedHeapBytes = List.copyOf(retainedHeapBytes);
        baselineHeapBytes = List.copyOf(baselineHeapBytes);
    }

    /** Median baseline. */
    public long medianBaselineHeap() {
        return Stats.of(baselineHeapBytes).median();
    }

    public Stats time() {
        return Stats.of(nanos);
    }

    /** Largest peak above the baseline over the probes. */
    public long maxPeakHeap() {
        return peakHeapBytes.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Median retained heap. */
    public long medianRetainedHeap() {
        return Stats.of(retainedHeapBytes).median();
    }
}
