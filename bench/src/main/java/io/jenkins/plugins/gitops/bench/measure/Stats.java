package io.jenkins.plugins.gitops.bench.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Summary of measured values (nanoseconds or bytes): median, 90th percentile (nearest rank, so with fewer than ten
 * samples it is the largest) and minimum.
 *
 * @param count number of samples
 * @param median middle value (mean of the two middle values for an even count)
 * @param p90 nearest-rank 90th percentile
 * @param min smallest value
 */
public record Stats(int count, long median, long p90, long min) {

    /** @throws IllegalArgumentException when there are no samples */
    public static Stats of(List<Long> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int rank = (int) Math.ceil(0.9 * n);
        return new Stats(n, median, sorted.get(rank - 1), sorted.get(0));
    }
}
