/**
 * The benchmark harness: a plain {@code main()} ({@link io.jenkins.plugins.gitops.bench.BenchMain}) that runs every
 * registered {@link io.jenkins.plugins.gitops.bench.Benchmark} and writes {@code docs/BENCHMARKS.md}.
 *
 * <p>These are not tests and assert nothing about time. Each benchmark builds its own data (a Git repository served
 * over HTTP on loopback, an in-process Kubernetes API server), measures our engine in this JVM (warm-up, then measured
 * iterations; see the {@code measure} package) and, side by side, the reference tool ({@code kubectl}) as a
 * subprocess on the same data. Our code can also run in a fresh JVM through a {@link
 * io.jenkins.plugins.gitops.bench.ChildTasks child task}, which is what a command-line invocation pays.
 *
 * <p>Extension points: a new benchmark implements {@link io.jenkins.plugins.gitops.bench.Benchmark} and adds one
 * line to the table in {@link io.jenkins.plugins.gitops.bench.Benchmarks}; work that must run in a fresh JVM adds one
 * line to {@link io.jenkins.plugins.gitops.bench.ChildTasks}. {@code bench/README.md} walks through it.
 */
package io.jenkins.plugins.gitops.bench;
