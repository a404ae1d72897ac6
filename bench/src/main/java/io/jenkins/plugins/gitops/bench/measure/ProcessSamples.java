package io.jenkins.plugins.gitops.bench.measure;

import java.util.List;
import java.util.Optional;

/**
 * Measured runs of an external command, or why it could not be measured.
 *
 * @param nanos wall time of each measured run
 * @param maxRssKib maximum resident set size of each run in KiB; empty when GNU time is not installed
 * @param failure why the command could not be measured (the first failing run's exit code and stderr); when present
 *     the lists are empty
 * @param budgetExhausted whether fewer runs than configured were made because the time budget was spent
 */
public record ProcessSamples(List<Long> nanos, List<Long> maxRssKib, Optional<String> failure, boolean budgetExhausted) {

    public ProcessSamples {
        nanos = List.copyOf(nanos);
        maxRssKib = List.copyOf(maxRssKib);
    }

    static ProcessSamples failed(String why) {
        return new ProcessSamples(List.of(), List.of(), Optional.of(why), false);
    }

    public boolean measured() {
        return failure.isEmpty();
    }

    public Stats time() {
        return Stats.of(nanos);
    }

    /** Largest maximum RSS over the runs, in bytes, when known. */
    public Optional<Long> maxRssBytes() {
        return maxRssKib.stream().max(Long::compare).map(kib -> kib * 1024);
    }
}
