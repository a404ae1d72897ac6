/**
 * Measuring: warm-up plus measured iterations of a piece of work, in this JVM or as an external process.
 *
 * <p>{@link io.jenkins.plugins.gitops.bench.measure.Sampler} runs an in-process
 * {@link io.jenkins.plugins.gitops.bench.measure.Scenario}: an untimed {@code before} step (say, deleting a cache),
 * the timed action, then an untimed check of what the action produced. Around the action
 * {@link io.jenkins.plugins.gitops.bench.measure.HeapProbe} records the peak heap (sum of the heap pools' peaks since a
 * reset, so it includes garbage not yet collected) and the heap retained by the result (used heap after a full GC
 * with the result still reachable, minus the same figure before the action).
 *
 * <p>{@link io.jenkins.plugins.gitops.bench.measure.ProcessSampler} runs a command the same number of times and
 * records wall time and, when GNU {@code /usr/bin/time} is installed, the process's maximum resident set size. That
 * is how reference tools ({@code kubectl}) and fresh JVMs of this harness are measured, so both pay process start-up.
 *
 * <p>{@link io.jenkins.plugins.gitops.bench.measure.Stats} summarises the times: median, p90 (nearest rank) and
 * minimum. Nothing here asserts on time: benchmarks report numbers, they never pass or fail on them.
 */
package io.jenkins.plugins.gitops.bench.measure;
