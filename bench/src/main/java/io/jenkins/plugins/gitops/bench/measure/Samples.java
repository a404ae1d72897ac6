package io.jenkins.plugins.gitops.bench.measure;

import java.util.List;

/**
 * Measured iterations of an in-process {@link Scenario}, warm-up excluded.
 *
 * @param nanos wall time of each iteration
 * @param peakHeapBytes peak heap of each iteration (see {@link HeapProbe#peakSinceReset()})
 * @param retainedHeapBytes heap still reachable after each iteration because of its result, over the baseline
 */
public record Samples(List<Long> nanos, List<Long> peakHeapBytes, List<Long> retainedHeapBytes) {

    public Samples {
        nanos = List.copyOf(nanos);
        peakHeapBytes = List.copyOf(peakHeapBytes);
        retainedHeapBytes = List.copyOf(retainedHeapBytes);
    }

    public Stats time() {
        return Stats.of(nanos);
    }

    /** Largest peak over the measured iterations. */
    public long maxPeakHeap() {
        return peakHeapBytes.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Median retained heap. */
    public long medianRetainedHeap() {
        return Stats.of(retainedHeapBytes).median();
    }
}
