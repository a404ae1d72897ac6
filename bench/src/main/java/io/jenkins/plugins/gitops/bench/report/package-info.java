/**
 * Reporting: the rows each benchmark produces ({@link io.jenkins.plugins.gitops.bench.report.Row}, grouped in a
 * {@link io.jenkins.plugins.gitops.bench.report.BenchmarkReport}), the machine they were measured on
 * ({@link io.jenkins.plugins.gitops.bench.report.MachineInfo}) and the Markdown file that shows our numbers side by
 * side with the reference tool's ({@link io.jenkins.plugins.gitops.bench.report.MarkdownReport}, written to
 * {@code docs/BENCHMARKS.md} by {@code bench/run.sh}).
 */
package io.jenkins.plugins.gitops.bench.report;
