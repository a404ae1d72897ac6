package io.jenkins.plugins.gitops.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Heap figures from the platform MXBeans. {@link #usedAfterGc()} forces full collections first, so it measures what
 * is reachable; {@link #peakSinceReset()} sums the peaks of all heap pools since {@link #resetPeaks()}, an upper bound
 * of the heap in use at any moment in between (garbage included, so it depends on {@code -Xmx} and the collector).
 */
public final class HeapProbe {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();

    private HeapProbe() {}

    /** Used heap after two full collections. */
    public static long usedAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Starts a new peak measurement. */
    public static void resetPeaks() {
        HEAP_POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peak usage since {@link #resetPeaks()}. */
    public static long peakSinceReset() {
        return HEAP_POOLS.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The configured maximum heap ({@code -Xmx}), or -1 when undefined. */
    public static long maxHeap() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }
}
