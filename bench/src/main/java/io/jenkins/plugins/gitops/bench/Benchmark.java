package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;

/**
 * One benchmark: sets up its data, measures our engine and the reference tool on it, and reports one table. Register
 * implementations in {@link Benchmarks}.
 *
 * <p>Contract: {@link #run} cleans up everything it started (servers, clients, cluster objects it created) even when
 * it fails; it keeps files only below {@link BenchEnvironment#workDir(String)}. It validates every measured result
 * (object counts, statuses) and throws {@link io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure} rather than
 * report numbers for work that was not done. It never compares times against thresholds.
 */
public interface Benchmark {

    /** Short id used on the command line ({@code --only render}) and in {@code --set id.param=value}. */
    String id();

    /** One line on what is measured, for {@code --help}. */
    String description();

    /** Runs the benchmark and returns its section of the report. */
    BenchmarkReport run(BenchEnvironment env) throws Exception;
}
